"""Owner verification against real sites on loopback: the meta tag and the file both prove
the site, a wrong or missing token is refused saying what was found, and the SSRF guard and
the same-site rule apply to every request it makes."""

from __future__ import annotations

import pytest

from acorn.crawl.ownership import FILE_PATH, meta_tag, verify_site
from acorn.errors import BlockedURL, VerificationFailed
from tests.crawl.test_crawler import make_settings
from tests.support.siteserver import Response, SiteServer

TOKEN = "acorn-made-up-token-for-a-bakery"


def home(head: str = "") -> Response:
    return Response(200, f"<html><head>{head}</head><body><h1>Bramble Bakery</h1></body></html>")


def text(body: str) -> Response:
    return Response(200, body, {"Content-Type": "text/plain"})


async def test_meta_tag_on_the_entry_page_proves_the_site() -> None:
    with SiteServer(routes={"/": lambda hit: home(meta_tag(TOKEN))}) as server:
        proof = await verify_site(make_settings(), server.url, TOKEN)
    assert proof.method == "meta" and proof.url == server.url + "/"


async def test_file_in_well_known_proves_the_site() -> None:
    site = {"/": lambda hit: home(), FILE_PATH: lambda hit: text(f"\n{TOKEN}\n")}
    with SiteServer(routes=site) as server:
        proof = await verify_site(make_settings(), server.url, TOKEN)
    assert proof.method == "file" and proof.url == server.url + FILE_PATH


async def test_wrong_token_is_refused_saying_what_was_found() -> None:
    site = {
        "/": lambda hit: home(meta_tag("acorn-someone-elses-token")),
        FILE_PATH: lambda hit: text("acorn-someone-elses-token"),
    }
    with SiteServer(routes=site) as server, pytest.raises(VerificationFailed) as caught:
        await verify_site(make_settings(), server.url, TOKEN)
    message = caught.value.message
    assert "acorn-site-verification meta tag" in message and "different token" in message
    assert f"{server.url}{FILE_PATH} does not contain this agent's token" in message
    assert meta_tag(TOKEN) in (caught.value.hint or "")


async def test_no_token_anywhere_names_both_ways() -> None:
    site = {"/": lambda hit: home()}
    with SiteServer(routes=site) as server, pytest.raises(VerificationFailed) as caught:
        await verify_site(make_settings(), server.url, TOKEN)
    message = caught.value.message
    assert "no acorn-site-verification meta tag" in message
    assert "could not be read (HTTP 404)" in message


async def test_ssrf_guard_applies() -> None:
    """Without loopback allowed (as in production), a private address is never fetched."""
    with SiteServer(routes={"/": lambda hit: home(meta_tag(TOKEN))}) as server:
        with pytest.raises(BlockedURL):
            await verify_site(make_settings(allow=[]), server.url, TOKEN)
        assert not server.requests


async def test_a_redirect_to_another_site_proves_nothing() -> None:
    with SiteServer(routes={"/": lambda hit: home(meta_tag(TOKEN))}) as other:
        elsewhere = f"{other.url}/"
        site = {
            "/": lambda hit: Response(302, "", {"Location": elsewhere}),
            FILE_PATH: lambda hit: Response(302, "", {"Location": elsewhere}),
        }
        with SiteServer(routes=site) as server, pytest.raises(VerificationFailed) as caught:
            await verify_site(make_settings(), server.url, TOKEN)
        assert not other.requests
    assert "another site" in caught.value.message
