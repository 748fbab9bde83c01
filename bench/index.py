"""Indexing speed: chunks/s chunked, embedded and indexed, and seconds from crawled pages to a
searchable index, for the largest shared site and for all shared sites as one 50-page agent.

Pages are crawled first (not timed); the clock starts when ``KnowledgeBase.ingest`` gets the
SiteData and stops when a search of the new generation returns. The model load is reported
separately (a server loads it once at start). On a shared machine wall time depends on the
other processes, so the CPU time of the ingest is printed too (÷ torch threads ≈ idle wall). Target (issue 3): a 50-page site searchable
within 10 s of its crawl finishing, on a 2-core machine.

    .venv/bin/python bench/index.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.index.shared import crawl  # noqa: E402
from tests.support.siteserver import SiteServer  # noqa: E402

from acorn.config import Settings  # noqa: E402
from acorn.index import KnowledgeBase  # noqa: E402
from acorn.sitedata import SiteData  # noqa: E402
from acorn.store import Database, create_agent  # noqa: E402

SHARED = Path(os.environ.get("ACORN_SHARED_SITES", REPO.parent / "shared" / "sites"))


def timed_ingest(kb: KnowledgeBase, db: Database, label: str, site: SiteData) -> None:
    agent = create_agent(db, site.root_url, label)
    started = time.perf_counter()
    chunks = kb.chunk(agent, site)
    chunk_s = time.perf_counter() - started
    cpu = time.process_time()
    report = kb.ingest(agent.id, site)
    hits = kb.search(agent.id, "opening hours", k=1)
    cpu_s = time.process_time() - cpu
    total = time.perf_counter() - started - chunk_s  # ingest re-chunks; count that once
    assert hits, "index not searchable"
    again = time.perf_counter()
    repeat = kb.ingest(agent.id, site)
    again_s = time.perf_counter() - again
    print(
        f"{label:22} {len(site.pages):3} pages {len(chunks):4} chunks | chunking "
        f"{chunk_s:5.2f} s | pages→searchable {total:5.2f} s "
        f"({report.chunks / report.seconds:6.1f} chunks/s) | unchanged re-ingest "
        f"{again_s:5.2f} s, {repeat.embedded} re-embedded\n{'':22} CPU time {cpu_s:5.2f} s "
        f"(≈ {cpu_s / _threads():5.2f} s wall on {_threads()} idle cores)"
    )


def main() -> int:
    if not (SHARED / "qa.jsonl").is_file():
        print(f"shared sites not found at {SHARED} (set ACORN_SHARED_SITES)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=Path(tmp),
            allow_private_networks=["127.0.0.0/8"],
        )
        db = Database(settings).ensure_ready()
        sites: dict[str, SiteData] = {}
        for folder in sorted(p for p in SHARED.iterdir() if p.is_dir()):
            with SiteServer(folder) as server:
                sites[folder.name] = crawl(server.url, settings)
        kb = KnowledgeBase(settings, db)
        started = time.perf_counter()
        kb.embedder.embed(["warm up"])
        print(f"model load: {time.perf_counter() - started:.2f} s ({kb.embedder_key}), "
              f"torch threads {_threads()}, cpus {os.cpu_count()}, "
              f"load average {os.getloadavg()[0]:.1f} (other processes share these cores)")  # fmt: skip

        largest = max(sites, key=lambda name: len(sites[name].pages))
        timed_ingest(kb, db, f"largest ({largest})", sites[largest])
        combined = SiteData(
            root_url="http://combined.test/",
            pages=[p for s in sites.values() for p in s.pages],
            structured_data=sites[largest].structured_data,
            auto_faqs=[f for s in sites.values() for f in s.auto_faqs],
        )
        timed_ingest(kb, db, "all shared sites", combined)

        texts = [c.embed_text for c in kb.chunk(create_agent(db, "http://x.test/"), combined)]
        started = time.perf_counter()
        kb.embedder.embed(texts)
        embed_s = time.perf_counter() - started
        print(f"embedding alone: {len(texts) / embed_s:.1f} chunks/s ({len(texts)} chunks)")
        db.dispose()
    return 0


def _threads() -> int:
    import torch

    return torch.get_num_threads()


if __name__ == "__main__":
    sys.exit(main())
