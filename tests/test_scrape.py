"""scrape_site: crawl + extraction in a process pool → SiteData, on the fixture and shared sites."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from acorn.config import ScrapingConfig, Settings
from acorn.crawl.types import CrawlEvent, EventKind
from acorn.errors import BlockedURL, EmptySite
from acorn.scrape import scrape_site
from tests.fixtures.site_server import EXPECTED_PAGES, NOINDEX_PAGES
from tests.support.siteserver import Response, SiteServer

FAST = {"delay_seconds": 0, "render_js": "never", "max_pages": 100}


def paths(urls: list[str]) -> set[str]:
    return {urlsplit(u).path for u in urls}


async def test_scrape_fixture_site(settings: Settings, fixture_site: SiteServer) -> None:
    seen: list[CrawlEvent] = []
    site = await scrape_site(
        fixture_site.url, settings, ScrapingConfig(**FAST), on_event=seen.append
    )
    kept = paths([p.url for p in site.pages])
    assert kept == EXPECTED_PAGES - NOINDEX_PAGES  # noindex pages are fetched, never output
    assert site.root_url == f"{fixture_site.url}/"
    assert site.stats.fetched == len(EXPECTED_PAGES)
    assert site.stats.failed == 1 and site.stats.duplicates == 1
    assert site.stats.discovered >= len(EXPECTED_PAGES)
    assert [e.kind for e in seen][:2] == [EventKind.STARTED, EventKind.DISCOVERED]
    assert seen[-1].kind is EventKind.FINISHED
    log = {(e["url"], e["kind"]): e["reason"] for e in site.log}
    assert log[(f"{fixture_site.url}/gift-cards/", "failed")] == "HTTP 404"
    assert log[(f"{fixture_site.url}/thank-you/", "skipped")].startswith("noindex")
    assert log[("http://169.254.169.254/latest/meta-data/", "skipped")].startswith(
        "refused address"
    )
    # facts made it through the process pool
    data = site.structured_data
    assert any(p.e164 == "+441803862441" for p in data.phones)
    assert any(e.address == "hello@hazelcrumb.co.uk" for e in data.emails)
    assert data.opening_hours.get("saturday") == [["08:00", "16:00"]]
    # prompt-injection text is ordinary content here; the answer stage must not obey it
    blog = next(p for p in site.pages if p.url.endswith("/blog/seasonal-bakes/"))
    assert "Ignore previous instructions" in blog.clean_text


async def test_async_callback_and_root_errors(settings: Settings, fixture_site: SiteServer) -> None:
    kinds: list[EventKind] = []

    async def on_event(event: CrawlEvent) -> None:
        await asyncio.sleep(0)
        kinds.append(event.kind)

    await scrape_site(
        fixture_site.url, settings, ScrapingConfig(**{**FAST, "max_pages": 2}), on_event=on_event
    )
    assert kinds.count(EventKind.FETCHED) == 2
    strict = Settings(_env_file=None, data_dir=settings.data_dir)  # type: ignore[call-arg]
    with pytest.raises(BlockedURL):
        await scrape_site(fixture_site.url, strict, ScrapingConfig(**FAST))


async def test_site_without_readable_text_is_empty(settings: Settings) -> None:
    routes = {
        "/": lambda n: Response(200, '<html><body><a href="/a"> </a></body></html>'),
        "/a": lambda n: Response(200, "<html><body></body></html>"),
    }
    with SiteServer(routes=routes) as server, pytest.raises(EmptySite) as info:
        await scrape_site(server.url, settings, ScrapingConfig(**FAST))
    assert info.value.hint


async def test_shared_sites_are_crawled_whole(
    settings: Settings,
    shared_sites: Path,
    shared_site_servers: dict[str, SiteServer],
    shared_qa: list[dict],
) -> None:
    for name, server in shared_site_servers.items():
        fetched: set[str] = set()
        site = await scrape_site(
            server.url,
            settings,
            # loopback copies: robots.txt's Crawl-delay (10 s on one) is for the real host
            ScrapingConfig(**FAST, obey_crawl_delay=False),
            on_event=lambda e, into=fetched: into.add(urlsplit(e.url).path) if e.page else None,
        )
        kept = paths([p.url for p in site.pages])
        # A static copy holds theme pages nothing links to (404, offline, tag lists): the pages
        # visitors' questions cite are the measure, with most of the files kept besides.
        html_files = len(list((shared_sites / name).rglob("*.html")))
        assert kept <= fetched and len(kept) >= 0.5 * html_files, (name, sorted(fetched))
        for item in shared_qa:
            if item["site"] == name and item.get("sources"):
                assert fetched & set(item["sources"]), (item["id"], item["sources"])
        assert not any("internal error" in e["reason"] for e in site.log)


def test_a_single_threaded_process_forks_warm_workers(fixture_site: SiteServer) -> None:
    """``acorn crawl`` runs single-threaded: its extraction workers are forked (warm at once)
    and give the same pages as the fork-server pool the tests above use."""
    script = textwrap.dedent(
        f"""
        import json
        from acorn import scrape
        from acorn.config import ScrapingConfig, Settings

        assert scrape._safe_to_fork()
        settings = Settings(_env_file=None, allow_private_networks=["127.0.0.0/8"])
        site = scrape.scrape_site_sync({fixture_site.url!r}, settings, ScrapingConfig(**{FAST!r}))
        print(json.dumps({{
            "urls": [p.url for p in site.pages],
            "phones": [p.e164 for p in site.structured_data.phones],
        }}))
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert paths(out["urls"]) == EXPECTED_PAGES - NOINDEX_PAGES
    assert "+441803862441" in out["phones"]
