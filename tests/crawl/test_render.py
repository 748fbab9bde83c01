"""JavaScript rendering in the real system Chromium, with the SSRF guard on its sub-requests."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from acorn.config import ScrapingConfig, Settings
from acorn.crawl.crawler import Crawler
from acorn.crawl.render import Renderer
from acorn.crawl.safety import UrlGuard
from acorn.crawl.types import CrawlEvent, EventKind
from tests.support.siteserver import SiteServer


async def crawl(settings: Settings, url: str, **config: object) -> list[CrawlEvent]:
    options = {"delay_seconds": 0, **config}
    crawler = Crawler(settings, ScrapingConfig(**options), backoff_base=0.05)  # type: ignore[arg-type]
    return [event async for event in crawler.run(url)]


@pytest.mark.slow
async def test_auto_mode_renders_only_the_js_page(
    settings: Settings, fixture_site: SiteServer
) -> None:
    events = await crawl(settings, fixture_site.url, render_js="auto", max_pages=100)
    by_path = {urlsplit(e.url).path: e for e in events if e.page is not None}
    live = by_path["/live-menu/"]
    assert live.kind is EventKind.RENDERED and live.page is not None and live.page.rendered
    assert "Pumpkin and sage focaccia" in live.page.html
    others = [e for path, e in by_path.items() if path != "/live-menu/"]
    assert others and all(e.kind is EventKind.FETCHED for e in others)
    assert fixture_site.hits["/assets/live-menu.js"] >= 1  # the page's own script was allowed


@pytest.mark.slow
async def test_browser_sub_requests_go_through_the_guard(
    settings: Settings, fixture_site: SiteServer
) -> None:
    renderer = Renderer(settings, UrlGuard(settings), timeout_seconds=15)
    try:
        page = await renderer.render(f"{fixture_site.url}/live-menu/")
        again = await renderer.render(f"{fixture_site.url}/about/")  # browser page reused
    finally:
        await renderer.close()
    assert page.url == f"{fixture_site.url}/live-menu/" and page.status == 200
    assert again.url == f"{fixture_site.url}/about/"
    assert "Chestnut brownies" in page.html
    assert any(u.startswith("http://169.254.169.254/") for u, _ in renderer.blocked)


async def test_missing_chromium_keeps_pages_static(
    settings: Settings, fixture_site: SiteServer
) -> None:
    settings.chromium_path = "/nonexistent/chromium"
    events = await crawl(settings, fixture_site.url, render_js="always", max_pages=3)
    kept = [e for e in events if e.page is not None]
    assert len(kept) == 3 and all(e.kind is EventKind.FETCHED for e in kept)
    notes = [e.reason for e in events if e.kind is EventKind.SKIPPED and "not rendered" in e.reason]
    assert len(notes) == 1 and "Chromium not found" in notes[0]
