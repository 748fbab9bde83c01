"""Which pages the page limit keeps: answer pages before blog posts and archives."""

from __future__ import annotations

import pytest

from acorn.crawl.priority import is_feed, link_rank, names_answer_page
from acorn.crawl.types import EventKind
from tests.crawl.test_crawler import crawl, pages
from tests.support.siteserver import Response, SiteServer


def html(title: str, body: str = "", links: str = "") -> str:
    return f"<html><body><h1>{title}</h1><p>{body or title + ' text.'}</p>{links}</body></html>"


def answer(body: str):
    return lambda hit: Response(200, body)


def blog_first_site() -> dict:
    posts = "".join(f'<a href="/blog/post-{i}">Our news number {i}</a>' for i in range(30))
    menu = (
        '<a href="/gallery">Gallery</a><a href="/contact">Contact us</a>'
        '<a href="/s/p7">Prices</a><a href="/blog/page/2">Older posts</a>'
    )
    site = {
        "/": lambda n: Response(200, html("Bakery on the corner", links=posts + menu)),
        "/contact": lambda n: Response(200, html("Contact", "Call 020 7946 0000.")),
        "/s/p7": lambda n: Response(200, html("Prices", "A loaf is 3 pounds.")),
        "/gallery": lambda n: Response(200, html("Gallery", "Photos of loaves.")),
        "/blog/page/2": lambda n: Response(200, html("Older posts")),
    }
    for i in range(30):
        site[f"/blog/post-{i}"] = answer(html(f"Post {i}"))
    return site


async def test_small_page_limit_reads_contact_and_prices_and_names_what_it_left_out() -> None:
    with SiteServer(routes=blog_first_site()) as server:
        events = await crawl(server.url, max_pages=4, concurrency=2)
    kept = set(pages(events))
    assert {"/", "/contact", "/s/p7"} <= kept
    assert not any(path.startswith("/blog/") for path in kept)
    notes = [e for e in events if e.kind is EventKind.NOTE]
    assert len(notes) == 1
    left_out = notes[0].reason
    assert "left out 31 pages" in left_out and "/blog/post-" in left_out
    assert "and 26 more" in left_out


@pytest.mark.parametrize(
    "url",
    [
        "https://e.com/blog/first-post",
        "https://e.com/news/2021",
        "https://e.com/2023/05/spring-opening/",
        "https://e.com/tag/bread",
        "https://e.com/category/cakes/",
        "https://e.com/products?page=3",
        "https://e.com/aktuelles/",
        "https://e.com/actualites/",
        "https://e.com/notizie/",
        "https://e.com/aktualnosci/",
    ],
)
def test_feeds_and_archives_are_read_last(url: str) -> None:
    assert is_feed(url)
    assert link_rank(url, 1) > link_rank("https://e.com/gallery", 3)


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("https://e.com/contact/", ""),
        ("https://e.com/kontakt", ""),
        ("https://e.com/contatti", ""),
        ("https://e.com/contacto", ""),
        ("https://e.com/preise", ""),
        ("https://e.com/tarifs/", ""),
        ("https://e.com/prezzi", ""),
        ("https://e.com/cennik", ""),
        ("https://e.com/x1", "Über uns"),
        ("https://e.com/x2", "Öffnungszeiten"),
        ("https://e.com/x3", "Nos prestations"),
        ("https://e.com/x4", "Domande frequenti"),
        ("https://e.com/x5", "Meet the team"),
        ("https://e.com/book-online", ""),
    ],
)
def test_answer_pages_are_read_first(url: str, text: str) -> None:
    assert names_answer_page(url, text)
    assert link_rank(url, 2, text) < link_rank("https://e.com/gallery", 1)


def test_sitemap_priority_moves_a_page() -> None:
    plain = "https://e.com/gallery"
    assert link_rank(plain, 1, sitemap_priority=1.0) < link_rank(plain, 1)
    assert link_rank(plain, 1, sitemap_priority=0.1) > link_rank(plain, 1)
    assert not names_answer_page("https://e.com/pages/gallery", "Photos")
    assert not is_feed("https://e.com/pages/gallery")
