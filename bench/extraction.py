"""Main-content extraction quality and speed: Acorn's ``extract_page`` beside trafilatura.

    .venv/bin/python bench/extraction.py [--data ../shared/benchdata/extraction] [--limit N]

Scores, on the Scrapinghub article-extraction benchmark, what we index (the page's sections,
headings included, joined in order) and what ``trafilatura.extract(html)`` returns, with the
same scorer (``acorn.extract.evaluate``); prints F1/precision/recall ± bootstrap std, exact
accuracy and CPU ms/page (ours includes facts, FAQs and page typing). Also checks that the
fixture's opening-hours table keeps every day (trafilatura's issue #531).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

import trafilatura

from acorn.crawl.types import FetchedPage
from acorn.extract.content import main_blocks
from acorn.extract.dom import parse_html
from acorn.extract.evaluate import BenchPage, Scores, load_benchmark, score_page, summarise
from acorn.extract.page import extract_page
from acorn.extract.sections import sections_text, to_sections
from acorn.extract.types import FactKind

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "benchdata" / "extraction"
SHARED_SITES = REPO.parent / "shared" / "sites"
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
HOURS_FIXTURE = REPO / "tests" / "fixtures" / "extract" / "hours_table.html"


def _ours(page: BenchPage) -> str:
    fetched = FetchedPage(
        url=page.url or "https://example.org/",
        requested_url=page.url,
        status=200,
        html=page.html,
        depth=1,
    )
    return extract_page(fetched).clean_text


def _ours_content_only(page: BenchPage) -> str:
    """Only the main-content part of extract_page (no facts, FAQs or page type)."""
    root = parse_html(page.html)
    if root is None:
        return ""
    found, _ = main_blocks(root, page.url)
    return sections_text(to_sections(found))


def _trafilatura(page: BenchPage) -> str:
    return trafilatura.extract(page.html, include_comments=False) or ""


def _run(pages: list[BenchPage], fn) -> tuple[Scores, list[float]]:  # type: ignore[no-untyped-def]
    results, times = [], []
    for page in pages:
        start = time.process_time()  # CPU time: steadier than wall time on a shared machine
        text = fn(page)
        times.append((time.process_time() - start) * 1000)
        results.append(score_page(page.gold, text))
    return summarise(results), times


def _row(name: str, s: Scores, times: list[float]) -> str:
    return (
        f"{name:<28} F1 {s.f1:.3f} ± {s.f1_std:.3f}  P {s.precision:.3f} ± {s.precision_std:.3f}  "
        f"R {s.recall:.3f} ± {s.recall_std:.3f}  acc {s.accuracy:.3f}  "
        f"{statistics.fmean(times):.1f} ms CPU/page (median {statistics.median(times):.1f})"
    )


def _every_day_has_times(text: str) -> bool:
    """Each day name sits on a line that also holds a time or "closed"."""
    lines = text.lower().split("\n")
    return all(any(day in line and re.search(r"\d|closed", line) for line in lines) for day in DAYS)


def hours_fixture_check() -> str:
    if not HOURS_FIXTURE.is_file():
        return "hours fixture missing"
    html = HOURS_FIXTURE.read_text(encoding="utf-8")
    fetched = FetchedPage(
        url="http://127.0.0.1/contact/", requested_url="", status=200, html=html, depth=1
    )
    page = extract_page(fetched)
    hours = next((f.value for f in page.facts if f.kind == FactKind.OPENING_HOURS), {})
    traf = trafilatura.extract(html) or ""
    return (
        f"hours table (trafilatura #531 shape): acorn keeps every day's times: "
        f"{_every_day_has_times(page.clean_text)}, hours fact covers {len(hours)}/7 days; "
        f"trafilatura keeps every day's times: {_every_day_has_times(traf)}"
    )


def business_pages_timing(folder: Path) -> str:
    """ms per page of extract_page on real small-business pages (the crawl's workload)."""
    files = sorted(folder.rglob("*.html")) if folder.is_dir() else []
    if not files:
        return f"shared sites not found at {folder}"
    fetched = [
        FetchedPage(
            url="http://127.0.0.1:8801/" + f.relative_to(folder).as_posix(),
            requested_url="",
            status=200,
            html=f.read_text(encoding="utf-8", errors="replace"),
            depth=1,
        )
        for f in files
    ]
    extract_page(fetched[0])
    times = []
    for page in fetched * 3:
        start = time.process_time()
        extract_page(page)
        times.append((time.process_time() - start) * 1000)
    size = statistics.fmean(len(p.html) for p in fetched) / 1000
    return (
        f"business pages ({len(fetched)} shared-site pages, {size:.0f} KB avg): extract_page "
        f"{statistics.median(times):.1f} ms CPU median, {statistics.fmean(times):.1f} mean"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"benchmark data not found at {args.data}", file=sys.stderr)
        return 2
    pages = load_benchmark(args.data, args.limit)
    _ours(pages[0]), _trafilatura(pages[0])  # warm imports and caches
    print(f"{len(pages)} pages from {args.data}")
    ours, ours_t = _run(pages, _ours)
    content, content_t = _run(pages, _ours_content_only)
    traf, traf_t = _run(pages, _trafilatura)
    print(_row("acorn extract_page", ours, ours_t))
    print(_row("  (main content only)", content, content_t))
    print(_row("trafilatura.extract", traf, traf_t))
    print(hours_fixture_check())
    print(business_pages_timing(SHARED_SITES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
