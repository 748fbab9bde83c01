"""robots.txt policy, page-level robots directives and sitemap discovery."""

from __future__ import annotations

import gzip
from collections.abc import AsyncIterator

import pytest

from acorn.config import ScrapingConfig, Settings
from acorn.crawl.fetch import Fetcher
from acorn.crawl.robots import load_robots, parse_robots_directives
from acorn.crawl.safety import UrlGuard
from acorn.crawl.sitemaps import collect_sitemap_urls, gunzip, parse_sitemap
from tests.support.siteserver import Response, SiteServer

ROBOTS = """User-agent: *
Disallow: /private/
Crawl-delay: 2.5
Sitemap: /maps/sitemap.xml
Sitemap: https://example.com/absolute.xml
"""


@pytest.fixture
async def fetcher(settings: Settings) -> AsyncIterator[Fetcher]:
    f = Fetcher(settings, ScrapingConfig(delay_seconds=0, max_retries=0), UrlGuard(settings))
    yield f
    await f.aclose()


async def test_robots_rules_delay_and_relative_sitemaps(
    fetcher: Fetcher, settings: Settings
) -> None:
    routes = {"/robots.txt": lambda n: Response(200, ROBOTS, {"Content-Type": "text/plain"})}
    with SiteServer(routes=routes) as server:
        policy = await load_robots(fetcher, f"{server.url}/", settings.user_agent)
    assert not policy.allowed(f"{server.url}/private/x")
    assert policy.allowed(f"{server.url}/public/")
    assert policy.crawl_delay == 2.5
    assert policy.sitemaps == [f"{server.url}/maps/sitemap.xml", "https://example.com/absolute.xml"]


async def test_robots_for_acornbot_only(fetcher: Fetcher, settings: Settings) -> None:
    text = "User-agent: AcornBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    routes = {"/robots.txt": lambda n: Response(200, text, {"Content-Type": "text/plain"})}
    with SiteServer(routes=routes) as server:
        policy = await load_robots(fetcher, f"{server.url}/", settings.user_agent)
    assert not policy.allowed(f"{server.url}/")


@pytest.mark.parametrize("status", [404, 410, 500])
async def test_missing_or_broken_robots_allows(
    fetcher: Fetcher, settings: Settings, status: int
) -> None:
    with SiteServer(routes={"/robots.txt": lambda n: Response(status, "no")}) as server:
        policy = await load_robots(fetcher, f"{server.url}/", settings.user_agent)
    assert policy.allowed(f"{server.url}/anything") and policy.crawl_delay is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("noindex", (True, False)),
        ("noindex, nofollow", (True, True)),
        ("none", (True, True)),
        ("index, follow", (False, False)),
        ("googlebot: noindex", (False, False)),
        ("acornbot: nofollow", (False, True)),
        ("unavailable_after: 25 Jun 2010 15:00:00 PST", (False, False)),
        ("", (False, False)),
    ],
)
def test_robots_directives(value: str, expected: tuple[bool, bool]) -> None:
    assert parse_robots_directives(value) == expected


def test_parse_sitemap_forms() -> None:
    urlset = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> https://e.com/a </loc></url><url><loc>/b</loc></url></urlset>'
    assert parse_sitemap(urlset) == (["https://e.com/a", "/b"], [])
    index = b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://e.com/s1.xml</loc></sitemap></sitemapindex>'
    assert parse_sitemap(index) == ([], ["https://e.com/s1.xml"])
    assert parse_sitemap(gzip.compress(urlset)) == (["https://e.com/a", "/b"], [])
    assert parse_sitemap(b"https://e.com/x\nhttps://e.com/y\n") == (
        ["https://e.com/x", "https://e.com/y"],
        [],
    )


def test_sitemap_xxe_is_not_resolved(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    doc = f'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file://{secret}">]><urlset><url><loc>https://e.com/&x;</loc></url></urlset>'
    pages, _ = parse_sitemap(doc.encode())
    assert not any("TOPSECRET" in p for p in pages)


def test_gunzip_refuses_bombs() -> None:
    bomb = gzip.compress(b"0" * 2_000_000)
    with pytest.raises(ValueError, match="larger than"):
        gunzip(bomb, limit=1_000_000)


async def test_collect_sitemaps_follows_indexes_gzip_and_filters_sites(fetcher: Fetcher) -> None:
    server = SiteServer()

    def index(n: int) -> Response:
        body = f"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <sitemap><loc>{server.url}/pages.xml.gz</loc></sitemap>
          <sitemap><loc>https://evil.example/other.xml</loc></sitemap>
          <sitemap><loc>http://169.254.169.254/latest/</loc></sitemap></sitemapindex>"""
        return Response(200, body, {"Content-Type": "application/xml"})

    def pages(n: int) -> Response:
        body = f"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <url><loc>{server.url}/only-in-sitemap/</loc></url>
          <url><loc>https://evil.example/x</loc></url>
          <url><loc>/relative/</loc></url></urlset>"""
        return Response(200, gzip.compress(body.encode()), {"Content-Type": "application/gzip"})

    server.routes.update({"/sitemap.xml": index, "/pages.xml.gz": pages})
    with server:
        same = lambda u: u.startswith(server.url)  # noqa: E731
        result = await collect_sitemap_urls(
            fetcher,
            [f"{server.url}/sitemap.xml", f"{server.url}/missing.xml"],
            accept=same,
            limit=100,
        )
    assert result.urls == [f"{server.url}/only-in-sitemap/", f"{server.url}/relative/"]
    assert [url for url, _ in result.notes] == [f"{server.url}/missing.xml"]
    assert "/other.xml" not in str(server.hits)
