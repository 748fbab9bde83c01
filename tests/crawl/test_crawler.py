"""The crawler end to end on the fixture site and on purpose-built servers (real loopback HTTP)."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlsplit

import pytest

from acorn.config import ScrapingConfig, Settings
from acorn.crawl.crawler import Crawler
from acorn.crawl.types import CrawlEvent, EventKind
from acorn.errors import BlockedURL, FetchFailed, InvalidURL, RobotsDisallowed
from tests.fixtures.site_server import EXPECTED_PAGES, NOINDEX_PAGES, fixture_site_server
from tests.support.siteserver import Response, SiteServer

LOOPBACK = ["127.0.0.0/8"]


def make_settings(allow: list[str] | None = None) -> Settings:
    return Settings(_env_file=None, allow_private_networks=LOOPBACK if allow is None else allow)  # type: ignore[call-arg]


async def crawl(
    url: str,
    settings: Settings | None = None,
    *,
    override_robots: bool = False,
    owner_verified: bool = False,
    **config: Any,
) -> list[CrawlEvent]:
    options = {"delay_seconds": 0, "render_js": "never", **config}
    crawler = Crawler(
        settings or make_settings(),
        ScrapingConfig(**options),
        override_robots,
        backoff_base=0.05,
        owner_verified=owner_verified,
    )
    return [event async for event in crawler.run(url)]


def pages(events: list[CrawlEvent]) -> dict[str, CrawlEvent]:
    return {urlsplit(e.url).path: e for e in events if e.page is not None}


def reasons(events: list[CrawlEvent]) -> dict[str, str]:
    return {e.url: e.reason for e in events if e.kind in (EventKind.SKIPPED, EventKind.FAILED)}


@pytest.fixture(scope="module")
def site_crawl() -> tuple[str, list[CrawlEvent], SiteServer]:
    with fixture_site_server(slow_seconds=0.5) as server:
        events = asyncio.run(crawl(server.url, max_pages=100))
        return server.url, events, server


def test_fixture_crawl_keeps_every_page_once(site_crawl) -> None:
    _, events, _ = site_crawl
    kept = pages(events)
    assert set(kept) == EXPECTED_PAGES
    fetched = [e for e in events if e.page is not None]
    assert len(fetched) == len(kept)  # no page twice
    assert events[0].kind is EventKind.STARTED and events[-1].kind is EventKind.FINISHED
    assert kept["/"].depth == 0 and kept["/about/"].depth == 1
    assert all(e.page.status == 200 and e.page.content_hash for e in fetched)  # type: ignore[union-attr]


def test_fixture_crawl_reasons(site_crawl) -> None:
    url, events, _ = site_crawl
    why = reasons(events)
    assert why[f"{url}/admin/"] == "disallowed by robots.txt"
    assert why[f"{url}/gift-cards/"] == "HTTP 404"
    assert why[f"{url}/downloads/menu.pdf"] == "not HTML (.pdf file)"
    assert why[f"{url}/feed/"] == "not HTML (application/rss+xml)"
    assert why["https://www.instagram.com/hazelcrumbbakery/"] == "off-site link"
    # another port on an allowed address is another site: never followed
    assert why["http://127.0.0.1:1/"] == "off-site link"
    assert (
        why["http://169.254.169.254/latest/meta-data/"]
        == "refused address (cloud metadata address)"
    )
    assert why[f"{url}/services/print/"] == f"duplicate content of {url}/services/"


def test_fixture_crawl_politeness_and_recovery(site_crawl) -> None:
    url, events, server = site_crawl
    kept = pages(events)
    assert server.hits["/wholesale/"] == 2  # 500, then retried
    assert server.hits["/events/"] == 2  # 429 + Retry-After, then retried
    assert "/admin/" not in server.hits
    assert "/sitemap.xml" in server.hits and "/sitemap-blog.xml.gz" in server.hits
    assert kept["/specials/"].page.requested_url == f"{url}/specials-old"  # type: ignore[union-attr]
    assert {p for p, e in kept.items() if e.page.noindex} == NOINDEX_PAGES  # type: ignore[union-attr]
    assert kept["/allergens/"].depth == 3  # found through the noindex page's links
    assert kept["/catering/"].depth == 1  # only in the sitemap
    agents = {agent for _, agent, _ in server.requests}
    assert len(agents) == 1 and "AcornBot" in agents.pop()
    # Crawl-delay: 0.1 from robots.txt spaces request starts even with delay_seconds=0
    # (checked over the whole crawl: single gaps jitter on a busy machine)
    times = sorted(t for path, _, t in server.requests if path != "/robots.txt")
    assert times[-1] - times[0] >= 0.9 * 0.1 * (len(times) - 1)


async def test_root_errors_raise() -> None:
    with pytest.raises(InvalidURL):
        await crawl("ftp://example.com/")
    with (
        SiteServer(routes={"/": lambda n: Response(200, "<p>hi</p>")}) as server,
        pytest.raises(BlockedURL),
    ):
        await crawl(server.url, make_settings(allow=[]))
    with pytest.raises(FetchFailed, match="resolve"):
        await crawl("https://no-such-bakery.invalid/")
    with SiteServer() as server:
        port = server.port
    with pytest.raises(FetchFailed, match="connection"):
        await crawl(f"http://127.0.0.1:{port}/", max_retries=0)
    with (
        SiteServer(routes={"/": lambda n: Response(500, "down")}) as server,
        pytest.raises(FetchFailed, match="HTTP 500"),
    ):
        await crawl(server.url, max_retries=1)


async def test_robots_disallow_all_and_owner_override() -> None:
    routes = {
        "/robots.txt": lambda n: Response(
            200, "User-agent: *\nDisallow: /\n", {"Content-Type": "text/plain"}
        ),
        "/": lambda n: Response(200, '<html><body><p>Home</p><a href="/a">a</a></body></html>'),
        "/a": lambda n: Response(200, "<html><body><p>Page a</p></body></html>"),
    }
    with SiteServer(routes=routes) as server:
        with pytest.raises(RobotsDisallowed) as info:
            await crawl(server.url)
        assert "--ignore-robots" in (info.value.hint or "")
        events = await crawl(server.url, override_robots=True)
    assert set(pages(events)) == {"/", "/a"}
    assert "ignored" in events[0].reason


def link_site(n_pages: int, *, extra: dict | None = None) -> SiteServer:
    def page(i: int):
        links = "".join(f'<a href="/p{j}">p{j}</a>' for j in range(i + 1, min(i + 3, n_pages)))
        body = (
            f"<html><body><h1>Page {i}</h1><p>{'unique words for page ' * 3}{i} "
            + f"{i * 7919} " * 60
            + f"</p>{links}</body></html>"
        )
        return lambda n: Response(200, body)

    routes = {"/": page(0), **{f"/p{i}": page(i) for i in range(1, n_pages)}}
    routes.update(extra or {})
    return SiteServer(routes=routes)


async def test_max_pages_and_max_depth() -> None:
    with link_site(12) as server:
        limited = await crawl(server.url, max_pages=3, concurrency=4)
        assert len(pages(limited)) == 3
        assert "max_pages" in limited[-1].reason
        shallow = await crawl(server.url, max_depth=1)
        assert set(pages(shallow)) == {"/", "/p1", "/p2"}


async def test_nofollow_x_robots_tag_and_canonical() -> None:
    extra = {
        "/": lambda n: Response(
            200,
            '<html><head><meta name="robots" content="nofollow"></head><body><p>Home page text here</p><a href="/p1">p1</a></body></html>',
        ),
    }
    with link_site(3, extra=extra) as server:
        events = await crawl(server.url)
    assert set(pages(events)) == {"/"}

    extra = {
        "/": lambda n: Response(
            200,
            '<html><body><p>Home</p><a href="/x?sort=asc">x</a><a href="/hidden">h</a></body></html>',
        ),
        "/x": lambda n: Response(
            200,
            '<html><head><link rel="canonical" href="/x-real"></head><body><p>The real x page</p></body></html>',
        ),
        "/hidden": lambda n: Response(
            200, "<html><body><p>Hidden page</p></body></html>", {"X-Robots-Tag": "noindex"}
        ),
    }
    with SiteServer(routes=extra) as server:
        events = await crawl(server.url)
        kept = pages(events)
        assert set(kept) == {"/", "/x-real", "/hidden"}
        assert kept["/x-real"].page.requested_url == f"{server.url}/x?sort=asc"  # type: ignore[union-attr]
        assert kept["/hidden"].page.noindex  # type: ignore[union-attr]
        assert "/x-real" not in server.hits  # the canonical URL is not fetched again


async def test_off_site_redirect_of_a_link_is_skipped() -> None:
    extra = {
        "/": lambda n: Response(
            200, '<html><body><p>Home</p><a href="/go">go</a><a href="/meta">m</a></body></html>'
        ),
        "/go": lambda n: Response(302, "", {"Location": "https://elsewhere.example/"}),
        "/meta": lambda n: Response(
            302, "", {"Location": "http://169.254.169.254/latest/meta-data/"}
        ),
    }
    with SiteServer(routes=extra) as server:
        events = await crawl(server.url)
    why = reasons(events)
    assert why[f"{server.url}/go"] == "redirects to https://elsewhere.example/: off-site"
    assert (
        why[f"{server.url}/meta"]
        == "redirects to http://169.254.169.254/latest/meta-data/: off-site"
    )


async def test_job_deadline_stops_the_crawl() -> None:
    extra = {f"/p{i}": (lambda n: Response(200, "<p>slow</p>", delay=1.0)) for i in range(1, 6)}
    with link_site(6) as server:
        server.routes.update(extra)
        events = await crawl(server.url, job_deadline_seconds=0.5, concurrency=1)
    assert "deadline" in events[-1].reason
    assert set(pages(events)) == {"/"}


async def test_cancelling_the_consumer_stops_promptly() -> None:
    with link_site(30) as server:
        server.routes.update(
            {f"/p{i}": (lambda n: Response(200, "<p>slow</p>", delay=0.3)) for i in range(3, 30)}
        )
        seen: list[CrawlEvent] = []

        async def consume() -> None:
            async for event in Crawler(
                make_settings(), ScrapingConfig(delay_seconds=0, render_js="never")
            ).run(server.url):
                seen.append(event)

        task = asyncio.create_task(consume())
        while not any(e.page for e in seen):
            await asyncio.sleep(0.02)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(task, timeout=10)
        await asyncio.sleep(0.3)  # requests already on the wire may still land
        hits = sum(server.hits.values())
        await asyncio.sleep(1.0)
        assert sum(server.hits.values()) == hits  # nothing keeps crawling after cancel


async def test_root_that_moved_to_another_site_crawls_the_new_site() -> None:
    new = SiteServer(
        routes={
            "/": lambda n: Response(
                200, '<html><body><p>New home</p><a href="/a">a</a></body></html>'
            ),
            "/a": lambda n: Response(200, "<html><body><p>Page a</p></body></html>"),
        }
    )
    with (
        new,
        SiteServer(routes={"/": lambda n: Response(301, "", {"Location": f"{new.url}/"})}) as old,
    ):
        events = await crawl(old.url)
    assert set(pages(events)) == {"/", "/a"}
    assert all(e.url.startswith(new.url) for e in events if e.page is not None)
    assert events[-1].url == f"{new.url}/"
