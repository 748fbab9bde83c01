"""A slow crawl hands over the pages read so far while it continues; a fast one does not, and
the final SiteData is always the whole site."""

from __future__ import annotations

import pytest

from acorn import snapshots
from acorn.config import ScrapingConfig
from acorn.scrape import scrape_site
from acorn.sitedata import SiteData
from tests.crawl.test_crawler import make_settings
from tests.crawl.test_pace import routes
from tests.support.siteserver import SiteServer

ROBOTS = "User-agent: *\nCrawl-delay: 1\n"


async def crawl_with_snapshots(site: dict, max_pages: int) -> tuple[SiteData, list[SiteData]]:
    taken: list[SiteData] = []

    async def keep(snapshot: SiteData) -> None:
        taken.append(snapshot)

    config = ScrapingConfig(delay_seconds=0, render_js="never", max_pages=max_pages)
    with SiteServer(routes=site) as server:
        whole = await scrape_site(server.url, make_settings(), config, on_snapshot=keep, workers=1)
    return whole, taken


async def test_slow_crawl_publishes_growing_snapshots(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshots, "SNAPSHOT_SECONDS", 1.5)
    # ETA: up to 40 pages at one a second, well over SLOW_CRAWL_SECONDS; 6 pages take ~5 s.
    whole, taken = await crawl_with_snapshots(routes(6, ROBOTS), max_pages=40)
    assert len(whole.pages) == 6
    assert len(taken) >= 2
    sizes = [len(s.pages) for s in taken]
    assert sizes == sorted(set(sizes)) and sizes[0] >= 1 and sizes[-1] < 6
    assert all(s.root_url == whole.root_url for s in taken)


async def test_fast_or_short_crawl_takes_no_snapshot() -> None:
    _, fast = await crawl_with_snapshots(routes(4), max_pages=40)
    assert fast == []
    # Crawl-delay 1 but at most 3 pages: an ETA of 3 s is not worth a preview.
    _, short = await crawl_with_snapshots(routes(4, ROBOTS), max_pages=3)
    assert short == []
