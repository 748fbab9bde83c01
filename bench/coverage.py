"""Fact coverage of the crawl on the shared real sites: for every answerable question in
../shared/sites/qa.jsonl, is every ``must_include`` group (any alternate, normalised as the
answer evaluation does) present in what the crawl kept for a page in the question's
``sources`` (page title, description, extracted text with its headings, the page's facts as
JSON, and the site's records cited to that page: price items, people, policies, hours notes)? A fact the crawl never kept is one no retriever or answerer can give.

Each site is served on loopback and crawled with ``scrape_site`` with the default scraping
settings, once static only (``render_js=never``) and once as shipped (``auto``), both with
``delay_seconds=0`` (and robots.txt's Crawl-delay not waited for); then once more with the
defaults as shipped (delay 1 s, Crawl-delay honoured) to time a polite crawl.

    .venv/bin/python bench/coverage.py [--sites ids,altius] [--no-polite] [--missing]

Figures are printed per site, per split half (tuning / held out, fixed in the sites' README)
and overall; ``--missing`` lists each question id and group not covered, to study gaps by
kind. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.index.shared import url_path  # noqa: E402
from tests.support.siteserver import SiteServer  # noqa: E402

from acorn.answer.evaluate import group_matches  # noqa: E402
from acorn.config import ScrapingConfig, Settings  # noqa: E402
from acorn.errors import EmptySite  # noqa: E402
from acorn.scrape import extraction_pool, scrape_site  # noqa: E402
from acorn.sitedata import PageOut, SiteData  # noqa: E402

SHARED = Path(os.environ.get("ACORN_SHARED_SITES", REPO.parent / "shared" / "sites"))
TUNING = ("ids", "toubkal", "birdies", "derbyshire", "altius", "ongles")
HELD_OUT = ("spencermills", "chopsalon", "pumpcottage", "chattertots", "demonte", "iwona")
MODES = ("never", "auto")


@dataclass
class SiteRun:
    pages: int
    rendered: int
    seconds: float
    covered: list[str] = field(default_factory=list)  # question ids
    missing: list[tuple[str, list[str]]] = field(default_factory=list)  # (id, group)
    notes: list[str] = field(default_factory=list)  # the crawl's render decision


def page_output(page: PageOut) -> str:
    """Everything the crawl kept for one page, as text to search."""
    headings = [" / ".join(s.heading_path) for s in page.sections]
    facts = json.dumps(page.facts, ensure_ascii=False)
    return "\n".join([page.title, page.description, *headings, page.clean_text, facts])


def crawl(
    url: str, settings: Settings, config: ScrapingConfig, pool: Any, *, polite: bool = False
) -> SiteData:
    """One crawl. Unless ``polite``, a robots.txt ``Crawl-delay`` is not waited for either:
    these are loopback copies, and one site asks for 10 s between pages."""
    config = config.model_copy(update={"obey_crawl_delay": polite})
    return asyncio.run(scrape_site(url, settings, config, executor=pool))


def score(site: SiteData, questions: list[dict[str, Any]], run: SiteRun) -> None:
    texts: dict[str, str] = {}
    for page in site.pages:
        key = url_path(page.url)
        texts[key] = texts.get(key, "") + "\n" + page_output(page)
    sd = site.structured_data  # the site's records, each cited to the page it was read from
    for record in [*sd.services, *sd.people, *sd.policies, *sd.hours_notes]:
        key = url_path(record.source_url)
        texts[key] = texts.get(key, "") + "\n" + record.model_dump_json()
    for q in questions:
        found = [texts.get(url_path(s), "") for s in q["sources"]]
        lost = [g for g in q["must_include"] if not any(group_matches(t, g) for t in found)]
        if lost:
            run.missing.extend((q["id"], g) for g in lost)
        else:
            run.covered.append(q["id"])


def ratio(covered: int, total: int) -> str:
    return f"{covered:3}/{total:<3} {covered / total:6.1%}" if total else "   -"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", help="comma-separated site folders (default: all)")
    parser.add_argument("--no-polite", action="store_true", help="skip the default-delay timing")
    parser.add_argument("--missing", action="store_true", help="list facts the crawl lost")
    args = parser.parse_args()
    if not (SHARED / "qa.jsonl").is_file():
        print(f"shared sites not found at {SHARED} (set ACORN_SHARED_SITES); nothing measured")
        return 0
    qa = [json.loads(x) for x in (SHARED / "qa.jsonl").read_text().splitlines() if x.strip()]
    answerable = [q for q in qa if q["answerable"]]
    in_qa = sorted({q["site"] for q in qa})
    known = [s for s in (*TUNING, *HELD_OUT) if s in in_qa]
    sites = args.sites.split(",") if args.sites else known + [s for s in in_qa if s not in known]
    default = ScrapingConfig()
    runs: dict[tuple[str, str], SiteRun] = {}
    polite: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp, extraction_pool() as pool:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=Path(tmp),
            allow_private_networks=["127.0.0.0/8"],
        )
        for name in sites:
            questions = [q for q in answerable if q["site"] == name]
            with SiteServer(SHARED / name) as server:
                for mode in MODES:
                    config = default.model_copy(update={"delay_seconds": 0, "render_js": mode})
                    started = time.perf_counter()
                    try:
                        site = crawl(server.url, settings, config, pool)
                    except EmptySite:  # nothing readable without a browser: nothing covered
                        site = SiteData(root_url=server.url)
                    seconds = time.perf_counter() - started
                    run = SiteRun(len(site.pages), site.stats.rendered, seconds)
                    run.notes = [e["reason"] for e in site.log if e.get("kind") == "note"]
                    score(site, questions, run)
                    runs[name, mode] = run
                if not args.no_polite:
                    started = time.perf_counter()
                    crawl(server.url, settings, default, pool, polite=True)
                    polite[name] = time.perf_counter() - started
            never, auto = runs[name, "never"], runs[name, "auto"]
            print(
                f"{name:13} {len(questions):3} q  static {ratio(len(never.covered), len(questions))}"
                f"  rendered {ratio(len(auto.covered), len(questions))}"
                f"  pages {never.pages:3}/{auto.pages:<3} rendered {auto.rendered:3}"
                f"  {never.seconds:5.1f}s/{auto.seconds:5.1f}s"
                + (f"  polite {polite[name]:5.1f}s" if name in polite else "")
                + (f"  [{auto.notes[0]}]" if auto.notes else ""),
                flush=True,
            )
    print()
    halves = {"tuning": TUNING, "held out": HELD_OUT, "all": tuple(sites)}
    print(f"{'half':10} {'questions':>9}  {'static (never)':>16}  {'rendered (auto)':>16}")
    for half, members in halves.items():
        chosen = [s for s in sites if s in members]
        if not chosen:
            continue
        total = sum(1 for q in answerable if q["site"] in chosen)
        cells = [ratio(sum(len(runs[s, m].covered) for s in chosen), total) for m in MODES]
        print(f"{half:10} {total:9}  {cells[0]:>16}  {cells[1]:>16}")
    print(
        f"\ncrawl seconds with delay 0: static {sum(runs[s, 'never'].seconds for s in sites):.1f}"
        f", auto {sum(runs[s, 'auto'].seconds for s in sites):.1f}"
        + (
            f"; with the default delay ({default.delay_seconds:g}s, auto): "
            f"{sum(polite.values()):.1f}"
            if polite
            else ""
        )
    )
    if args.missing:
        print("\nfacts not in the crawl output of any source page (auto):")
        for name in sites:
            for qid, group in runs[name, "auto"].missing:
                print(f"  {qid:16} {group}")
        gained = [
            q for s in sites for q in runs[s, "auto"].covered if q not in runs[s, "never"].covered
        ]
        print(f"\ncovered only when rendered: {gained or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
