"""Politeness without slowness: no fixed delay by default, robots.txt Crawl-delay obeyed and
explained with an ETA, 429/503 slow the whole crawl down. Gaps are measured on the server's
clock and only as lower bounds, so a busy machine cannot make these tests flaky."""

from __future__ import annotations

import itertools

from acorn.config import ScrapingConfig
from acorn.crawl.fetch import SLOWED_GAP
from acorn.crawl.pace import MAX_CRAWL_DELAY, Pace, left_out_note, pace_for
from acorn.crawl.types import EventKind
from tests.crawl.test_crawler import crawl, pages
from tests.support.siteserver import Response, SiteServer


def page(i: int, n: int) -> str:
    links = "".join(f'<a href="/p{j}">Page {j}</a>' for j in range(1, n) if j != i)
    return f"<html><body><h1>Page {i}</h1><p>Words about page {i}.</p>{links}</body></html>"


def answer(body: str):
    return lambda hit: Response(200, body)


def routes(n: int, robots: str = "") -> dict:
    out = {f"/p{i}": answer(page(i, n)) for i in range(1, n)}
    out["/"] = lambda hit: Response(200, page(0, n))
    if robots:
        out["/robots.txt"] = lambda hit: Response(200, robots, {"Content-Type": "text/plain"})
    return out


def test_default_has_no_fixed_delay() -> None:
    assert ScrapingConfig().delay_seconds == 0.0


async def test_robots_crawl_delay_is_obeyed_and_explained() -> None:
    robots = "User-agent: *\nCrawl-delay: 1\n"
    with SiteServer(routes=routes(4, robots)) as server:
        events = await crawl(server.url, concurrency=4)
    assert len(pages(events)) == 4
    starts = sorted(t for path, _, t in server.requests if path != "/robots.txt")
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.95  # lower bound: the delay; slowness can only widen gaps
    notes = [e for e in events if e.kind is EventKind.NOTE]
    assert notes and "Crawl-delay: 1" in notes[0].reason
    assert notes[0].eta_seconds is not None and notes[0].eta_seconds >= 3
    assert events.index(notes[0]) == 1  # right after STARTED, before the slow requests
    fetched = [e for e in events if e.page is not None]
    assert fetched[-1].eta_seconds == 0


async def test_owner_verified_crawl_ignores_crawl_delay_and_says_so() -> None:
    robots = "User-agent: *\nCrawl-delay: 2\n"
    with SiteServer(routes=routes(4, robots)) as server:
        events = await crawl(server.url, concurrency=4, owner_verified=True)
    assert len(pages(events)) == 4
    starts = sorted(t for path, _, t in server.requests if path != "/robots.txt")
    assert starts[-1] - starts[0] < 2  # obeying would take at least 3 gaps of 2 s
    notes = [e for e in events if e.kind is EventKind.NOTE]
    assert len(notes) == 1 and events.index(notes[0]) == 1
    assert "Crawl-delay: 2, not applied: the site's owner verified it" in notes[0].reason
    assert notes[0].eta_seconds is None
    assert all(e.eta_seconds is None for e in events)


async def test_owner_verified_crawl_still_backs_off_on_429() -> None:
    site = routes(2, "User-agent: *\nCrawl-delay: 5\n")
    site["/p1"] = lambda hit: (
        Response(429, "slow down", {"Retry-After": "1"}) if hit == 1 else Response(200, page(1, 2))
    )
    with SiteServer(routes=site) as server:
        events = await crawl(server.url, owner_verified=True)
    assert "/p1" in pages(events) and server.hits["/p1"] == 2
    hits = [t for path, _, t in server.requests if path == "/p1"]
    assert hits[1] - hits[0] >= 0.95  # Retry-After honoured


async def test_429_with_retry_after_is_retried_and_slows_the_site() -> None:
    site = routes(3)
    site["/"] = lambda hit: (
        Response(429, "slow down", {"Retry-After": "1"}) if hit == 1 else Response(200, page(0, 3))
    )
    with SiteServer(routes=site) as server:
        events = await crawl(server.url, concurrency=4)
    assert set(pages(events)) == {"/", "/p1", "/p2"}
    assert server.hits["/"] == 2
    first_429 = next(t for path, _, t in server.requests if path == "/")
    later = sorted(t for path, _, t in server.requests if t > first_429)
    assert later[0] - first_429 >= 0.95  # nothing asked before Retry-After passed
    gaps = [b - a for a, b in itertools.pairwise(later)]
    assert min(gaps) >= SLOWED_GAP * 0.95  # and the site stays slowed afterwards


async def test_503_without_retry_after_backs_off() -> None:
    site = routes(2)
    site["/p1"] = lambda hit: Response(503, "busy") if hit == 1 else Response(200, page(1, 2))
    with SiteServer(routes=site) as server:
        events = await crawl(server.url)
    assert "/p1" in pages(events) and server.hits["/p1"] == 2


async def test_fast_site_has_no_pace_note() -> None:
    with SiteServer(routes=routes(3)) as server:
        events = await crawl(server.url)
    assert not [e for e in events if e.kind is EventKind.NOTE]
    assert all(e.eta_seconds is None for e in events)


def test_pace_for_takes_the_slower_of_agent_and_site_within_the_cap() -> None:
    assert pace_for(0.0, None, obey_robots=True).delay == 0.0
    assert pace_for(0.0, 10.0, obey_robots=True) == Pace(
        10.0, "as the site's robots.txt asks (Crawl-delay: 10)"
    )
    assert pace_for(0.0, 10.0, obey_robots=False).delay == 0.0  # --ignore-robots
    assert pace_for(2.0, 1.0, obey_robots=True).delay == 2.0
    assert pace_for(0.0, 3600.0, obey_robots=True).delay == MAX_CRAWL_DELAY
    slow = pace_for(0.0, 10.0, obey_robots=True)
    assert slow.eta(30) == 300.0 and pace_for(0.5, None, obey_robots=True).eta(30) is None
    assert slow.note(50) == (
        "one request every 10s, as the site's robots.txt asks (Crawl-delay: 10): "
        "up to 8 min for up to 50 pages"
    )


def test_pace_for_a_verified_owner_waives_crawl_delay_only() -> None:
    waived = pace_for(0.0, 10.0, obey_robots=True, owner_verified=True)
    assert waived.delay == 0.0 and not waived.slow and waived.eta(30) is None
    assert (waived.note(50) or "").startswith(
        "robots.txt asks for Crawl-delay: 10, not applied: the site's owner verified it"
    )
    # The agent's own delay is the owner's choice, and stays.
    assert pace_for(3.0, 10.0, obey_robots=True, owner_verified=True).delay == 3.0
    # Nothing asked, nothing waived: no note.
    assert pace_for(0.0, None, obey_robots=True, owner_verified=True).note(50) is None


def test_left_out_note_counts_and_names_a_few() -> None:
    assert left_out_note(50, []) is None
    urls = [f"https://e.com/blog/{i}" for i in range(7)]
    note = left_out_note(50, urls) or ""
    assert note.startswith("max_pages (50) left out 7 pages")
    assert "https://e.com/blog/4 and 2 more" in note and "blog/5" not in note
