"""Fetching: retries, Retry-After, redirects, size and type limits, timeouts — on loopback."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import AsyncIterator

import pytest

from acorn.config import ScrapingConfig, Settings
from acorn.crawl.fetch import Fetcher, PageFailed, PageSkipped, retry_after_seconds
from acorn.crawl.safety import UrlGuard
from acorn.errors import BlockedURL
from tests.support.siteserver import Response, SiteServer

PAGE = "<!doctype html><html><body><p>Hello</p></body></html>"


@pytest.fixture
async def fetcher(settings: Settings) -> AsyncIterator[Fetcher]:
    config = ScrapingConfig(
        delay_seconds=0, timeout_seconds=1.0, max_retries=2, max_page_bytes=20_000
    )
    f = Fetcher(settings, config, UrlGuard(settings), backoff_base=0.01)
    yield f
    await f.aclose()


def flaky(status: int, failures: int = 1, headers: dict[str, str] | None = None):
    def route(count: int) -> Response:
        return (
            Response(status, "error", headers or {}) if count <= failures else Response(200, PAGE)
        )

    return route


async def test_5xx_is_retried_until_it_recovers(fetcher: Fetcher) -> None:
    with SiteServer(routes={"/p": flaky(503, failures=2)}) as server:
        resp = await fetcher.fetch(f"{server.url}/p")
        assert resp.status == 200 and b"Hello" in resp.body
        assert server.hits["/p"] == 3


async def test_5xx_that_never_recovers_fails_with_the_status(fetcher: Fetcher) -> None:
    with SiteServer(routes={"/p": flaky(500, failures=99)}) as server:
        with pytest.raises(PageFailed) as info:
            await fetcher.fetch(f"{server.url}/p")
        assert info.value.status == 500 and server.hits["/p"] == 3


async def test_404_is_not_retried(fetcher: Fetcher) -> None:
    with SiteServer(routes={}) as server:
        with pytest.raises(PageFailed, match="HTTP 404"):
            await fetcher.fetch(f"{server.url}/missing")
        assert server.hits["/missing"] == 1


async def test_429_retry_after_is_honoured(fetcher: Fetcher) -> None:
    with SiteServer(routes={"/p": flaky(429, headers={"Retry-After": "1"})}) as server:
        resp = await fetcher.fetch(f"{server.url}/p")
        assert resp.status == 200
        (_, _, t1), (_, _, t2) = server.requests
        assert t2 - t1 >= 0.9  # waited as told, not the 0.01 s backoff


def test_retry_after_parses_seconds_and_dates() -> None:
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert retry_after_seconds("soon") is None


async def test_redirect_chain_is_followed_and_recorded(fetcher: Fetcher) -> None:
    routes = {
        "/a": lambda n: Response(301, "", {"Location": "/b"}),
        "/b": lambda n: Response(302, "", {"Location": "/c?utm_source=x"}),
        "/c": lambda n: Response(200, PAGE),
    }
    with SiteServer(routes=routes) as server:
        resp = await fetcher.fetch(f"{server.url}/a")
        assert resp.url == f"{server.url}/c"
        assert resp.redirects == [f"{server.url}/a", f"{server.url}/b"]


async def test_redirect_loop_and_refused_hop(fetcher: Fetcher) -> None:
    routes = {
        "/x": lambda n: Response(302, "", {"Location": "/y"}),
        "/y": lambda n: Response(302, "", {"Location": "/x"}),
        "/out": lambda n: Response(302, "", {"Location": "https://elsewhere.example/"}),
        "/meta": lambda n: Response(302, "", {"Location": "http://169.254.169.254/latest/"}),
    }
    with SiteServer(routes=routes) as server:
        with pytest.raises(PageFailed, match="redirect loop"):
            await fetcher.fetch(f"{server.url}/x")
        with pytest.raises(PageSkipped, match="off-site"):
            await fetcher.fetch(f"{server.url}/out", check_hop=lambda u: "off-site")
        with pytest.raises(BlockedURL):  # every hop goes through the SSRF guard
            await fetcher.fetch(f"{server.url}/meta")


def hop(i: int):
    return lambda n: Response(302, "", {"Location": f"/r{i + 1}"})


async def test_too_many_redirects(fetcher: Fetcher) -> None:
    routes = {f"/r{i}": hop(i) for i in range(15)}
    with SiteServer(routes=routes) as server, pytest.raises(PageFailed, match="more than 10"):
        await fetcher.fetch(f"{server.url}/r0")


async def test_size_cap_and_content_type(fetcher: Fetcher) -> None:
    big = "<html><body>" + "x" * 50_000 + "</body></html>"
    routes = {
        "/big": lambda n: Response(200, big),
        "/pdf": lambda n: Response(200, b"%PDF-1.4", {"Content-Type": "application/pdf"}),
        "/sniff": lambda n: Response(200, PAGE, {"Content-Type": "application/octet-stream"}),
        "/bin": lambda n: Response(200, b"\x00\x01", {"Content-Type": "application/octet-stream"}),
    }
    with SiteServer(routes=routes) as server:
        with pytest.raises(PageSkipped, match="larger than 20000 bytes"):
            await fetcher.fetch(f"{server.url}/big")
        with pytest.raises(PageSkipped, match=r"not HTML \(application/pdf\)"):
            await fetcher.fetch(f"{server.url}/pdf")
        assert (await fetcher.fetch(f"{server.url}/sniff")).status == 200
        with pytest.raises(PageSkipped, match="not HTML"):
            await fetcher.fetch(f"{server.url}/bin")


async def test_timeout_is_retried_then_fails(fetcher: Fetcher) -> None:
    with SiteServer(routes={"/slow": lambda n: Response(200, PAGE, delay=2.0)}) as server:
        with pytest.raises(PageFailed, match="timed out"):
            await fetcher.fetch(f"{server.url}/slow")
        assert server.hits["/slow"] == 3


async def test_honest_user_agent(fetcher: Fetcher, settings: Settings) -> None:
    with SiteServer(routes={"/": lambda n: Response(200, PAGE)}) as server:
        await fetcher.fetch(f"{server.url}/")
        agent = server.requests[0][1]
        assert agent == settings.user_agent and "AcornBot" in agent and "http" in agent


async def test_a_server_dripping_bytes_hits_the_per_page_cap(settings: Settings) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def drip() -> None:
        conn, _ = listener.accept()
        conn.recv(4096)
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
        )
        while not stop.is_set():
            try:
                conn.sendall(b"<")
            except OSError:
                break
            time.sleep(0.2)  # always inside the 0.5 s read timeout
        conn.close()

    threading.Thread(target=drip, daemon=True).start()
    config = ScrapingConfig(delay_seconds=0, timeout_seconds=0.5, max_retries=0)
    fetcher = Fetcher(settings, config, UrlGuard(settings))
    try:
        with pytest.raises(PageFailed, match="timed out"):
            await fetcher.fetch(f"http://127.0.0.1:{listener.getsockname()[1]}/")
    finally:
        stop.set()
        await fetcher.aclose()
        listener.close()
