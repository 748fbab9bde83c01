"""Retrieval quality on the shared real sites: recall@1/@3/@8 of the page that holds the
answer, for every answerable question in ../shared/sites/qa.jsonl, for dense only, BM25 only
and hybrid, in one run (plus "boosted": hybrid re-ranked by the answer stage's intent boosts).

Each site is served on loopback, crawled with ``scrape_site`` and ingested into a throwaway
data dir with the configured embedder (MiniLM by default).

    .venv/bin/python bench/retrieval.py [--misses]

Targets (issue 3): hybrid recall@8 >= 0.97 and recall@1 >= 0.80.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.index.shared import crawl, first_rank  # noqa: E402
from tests.support.siteserver import SiteServer  # noqa: E402

from acorn.config import Settings  # noqa: E402
from acorn.index import KnowledgeBase, SearchHit  # noqa: E402
from acorn.store import Database, create_agent  # noqa: E402

SHARED = Path(os.environ.get("ACORN_SHARED_SITES", REPO.parent / "shared" / "sites"))
MODES = ("dense", "lexical", "hybrid")
KS = (1, 3, 8)


def search(kb: KnowledgeBase, agent_id: str, question: str, mode: str) -> list[SearchHit]:
    """One leg, the hybrid index search, or ("boosted") the hybrid search re-ranked by the
    answer stage's intent boosts (acorn.answer.retrieve), i.e. what answering actually uses."""
    if mode != "boosted":
        return kb.search(agent_id, question, k=max(KS), mode=mode)  # type: ignore[arg-type]
    from acorn.answer.intent import detect
    from acorn.answer.retrieve import retrieve

    return retrieve(kb, agent_id, question, detect(question), max(KS))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--misses", action="store_true", help="print questions not at rank 1 (boosted)"
    )
    args = parser.parse_args()
    if not (SHARED / "qa.jsonl").is_file():
        print(f"shared sites not found at {SHARED} (set ACORN_SHARED_SITES)")
        return 0
    qa = [json.loads(x) for x in (SHARED / "qa.jsonl").read_text().splitlines() if x.strip()]
    answerable = [q for q in qa if q["answerable"]]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=Path(tmp),
            allow_private_networks=["127.0.0.0/8"],
        )
        db = Database(settings).ensure_ready()
        kb = KnowledgeBase(settings, db)
        agents: dict[str, str] = {}
        for site in sorted({q["site"] for q in answerable}):
            with SiteServer(SHARED / site) as server:
                data = crawl(server.url, settings)
            agent = create_agent(db, data.root_url, site)
            report = kb.ingest(agent.id, data)
            agents[site] = agent.id
            print(f"{site:14} {len(data.pages):3} pages {report.chunks:4} chunks")
        print(f"\n{len(answerable)} answerable questions, embedder {kb.embedder_key}")
        print(f"{'mode':8} " + " ".join(f"recall@{k:<2}" for k in KS) + "  ms/query")
        for mode in (*MODES, "boosted"):
            ranks: list[int | None] = []
            started = time.perf_counter()
            for q in answerable:
                hits = search(kb, agents[q["site"]], q["question"], mode)
                rank = first_rank([h.url for h in hits], q["sources"])
                ranks.append(rank)
                if args.misses and mode == "boosted" and rank != 1:
                    top = [h.url.split("/", 3)[-1] or "/" for h in hits[:3]]
                    print(f"  miss@{rank} {q['id']}: {q['question']} {q['sources']} got {top}")
            ms = (time.perf_counter() - started) * 1000 / len(answerable)
            recalls = [sum(1 for r in ranks if r and r <= k) / len(ranks) for k in KS]
            print(f"{mode:8} " + " ".join(f"{r:9.3f}" for r in recalls) + f"  {ms:8.1f}")
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
