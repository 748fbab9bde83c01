"""The aiohttp-backed httpx transport keeps the guard's promises and httpx's error types."""

from __future__ import annotations

import gzip

import httpx
import pytest

from acorn.config import Settings
from acorn.crawl.safety import UrlGuard
from acorn.crawl.transport import AiohttpTransport
from acorn.errors import BlockedURL
from tests.support.siteserver import Response, SiteServer


def client(allow: list[str]) -> httpx.AsyncClient:
    guard = UrlGuard(Settings(_env_file=None, allow_private_networks=allow))  # type: ignore[call-arg]
    return httpx.AsyncClient(transport=AiohttpTransport(guard, max_connections=4))


async def test_names_resolve_through_the_guard() -> None:
    routes = {"/": lambda n: Response(200, "<p>ok</p>", {"X-Test": "yes"})}
    with SiteServer(routes=routes) as server:
        async with client(["localhost"]) as allowed:
            resp = await allowed.get(f"http://localhost:{server.port}/")
            assert resp.status_code == 200 and resp.text == "<p>ok</p>"
            assert resp.headers["x-test"] == "yes"
        async with client([]) as strict:
            with pytest.raises(BlockedURL):
                await strict.get(f"http://localhost:{server.port}/")
            with pytest.raises(BlockedURL):
                await strict.get(f"http://127.0.0.1:{server.port}/")
    assert server.hits["/"] == 1


async def test_gzip_bodies_are_decoded_once_and_errors_are_httpx_errors() -> None:
    body = gzip.compress(b"<p>" + b"bread " * 1000 + b"</p>")
    routes = {"/gz": lambda n: Response(200, body, {"Content-Encoding": "gzip"})}
    with SiteServer(routes=routes) as server:
        port = server.port
        async with client(["127.0.0.0/8"]) as c:
            resp = await c.get(f"{server.url}/gz")
            assert resp.text.startswith("<p>bread bread")
    async with client(["127.0.0.0/8"]) as c:
        with pytest.raises(httpx.ConnectError):
            await c.get(f"http://127.0.0.1:{port}/")  # server stopped: connection refused


async def test_read_timeout_maps_to_httpx_timeout() -> None:
    routes = {"/slow": lambda n: Response(200, "late", delay=1.5)}
    with SiteServer(routes=routes) as server:
        async with client(["127.0.0.0/8"]) as c:
            with pytest.raises(httpx.TimeoutException):
                await c.get(f"{server.url}/slow", timeout=0.3)
