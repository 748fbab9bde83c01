"""URL normalisation and site identity."""

from __future__ import annotations

import pytest

from acorn.crawl.urls import non_html_extension, normalize_url, same_site, site_of, url_key


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTP://Example.COM:80/a/../b/?b=2&a=1#frag", "http://example.com/b/?a=1&b=2"),
        ("https://example.com:443", "https://example.com/"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("https://example.com/p?utm_source=x&utm_medium=y&id=3", "https://example.com/p?id=3"),
        ("https://example.com/p?gclid=1&fbclid=2&mc_cid=3", "https://example.com/p"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("https://Example.com./", "https://example.com/"),
    ],
)
def test_normalize_url(raw: str, expected: str) -> None:
    assert normalize_url(raw) == expected


def test_normalize_resolves_relative_and_refuses_other_schemes() -> None:
    assert normalize_url("../c?x=1", "https://example.com/a/b/") == "https://example.com/a/c?x=1"
    assert (
        normalize_url("//cdn.example.com/x", "https://example.com/") == "https://cdn.example.com/x"
    )
    for bad in ("mailto:a@b.c", "javascript:void(0)", "ftp://example.com/", "", "http://"):
        assert normalize_url(bad, "https://example.com/") is None


def test_www_and_apex_are_one_site_but_ports_differ() -> None:
    assert site_of("https://www.example.com/a") == site_of("http://example.com/b") == "example.com"
    assert same_site("https://www.example.com:443/", "example.com")
    assert site_of("http://127.0.0.1:8001/") != site_of("http://127.0.0.1:8002/")
    assert not same_site("https://example.org/", "example.com")


def test_url_key_equates_trailing_slash_scheme_and_www() -> None:
    assert url_key("https://www.example.com/about/") == url_key("http://example.com/about")
    assert url_key("https://example.com/") == url_key("https://example.com")
    assert url_key("https://example.com/index.html") == url_key("https://example.com/")
    assert url_key("https://example.com/a/index.php") == url_key("https://example.com/a/")
    assert url_key("https://example.com/a?x=1") != url_key("https://example.com/a?x=2")


@pytest.mark.parametrize(
    ("url", "ext"),
    [
        ("https://e.com/menu.pdf", "pdf"),
        ("https://e.com/img/Logo.PNG", "png"),
        ("https://e.com/files/a.zip?x=1", "zip"),
        ("https://e.com/about/", None),
        ("https://e.com/page.html", None),
        ("https://e.com/v1.2/", None),
    ],
)
def test_non_html_extension(url: str, ext: str | None) -> None:
    assert non_html_extension(url) == ext
