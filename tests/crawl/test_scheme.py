"""Addresses typed without a scheme: https first, then http, with messages a person can read."""

from __future__ import annotations

import pytest

from acorn.errors import BlockedURL, FetchFailed
from tests.crawl.test_crawler import crawl, make_settings, pages
from tests.support.siteserver import Response, SiteServer

HOME = '<html><body><h1>Home</h1><p>Fresh bread daily.</p><a href="/menu">Menu</a></body></html>'
MENU = "<html><body><h1>Menu</h1><p>Sourdough loaf, rye, croissants.</p></body></html>"


async def test_loopback_http_server_typed_without_scheme_crawls() -> None:
    routes = {"/": lambda n: Response(200, HOME), "/menu": lambda n: Response(200, MENU)}
    with SiteServer(routes=routes) as server:
        events = await crawl(f"127.0.0.1:{server.port}", max_retries=0)
    assert set(pages(events)) == {"/", "/menu"}
    assert all(e.url.startswith("http://") for e in events if e.page is not None)
    assert "crawling over http" in events[0].reason
    assert "ssl" not in events[0].reason.lower()


async def test_closed_port_says_refused_without_ssl() -> None:
    with SiteServer() as server:
        port = server.port  # closed once the server stops
    with pytest.raises(FetchFailed) as info:
        await crawl(f"127.0.0.1:{port}", max_retries=0)
    message = info.value.message
    assert "refused" in message and "ssl" not in message.lower()
    with pytest.raises(FetchFailed) as info:
        await crawl(f"http://127.0.0.1:{port}/", max_retries=0)
    assert "refused" in info.value.message and "ssl" not in info.value.message.lower()


async def test_ssrf_guard_still_applies_without_scheme() -> None:
    with SiteServer(routes={"/": lambda n: Response(200, HOME)}) as server:
        with pytest.raises(BlockedURL):
            await crawl(f"127.0.0.1:{server.port}", make_settings(allow=[]))
        with pytest.raises(BlockedURL):
            await crawl(f"localhost:{server.port}", make_settings(allow=[]))
    assert not server.requests
