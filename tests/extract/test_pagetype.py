"""A page's kind from its URL or title, in the languages small businesses write their sites in."""

import pytest

from acorn.extract.pagetype import guess_page_type
from acorn.extract.types import PageType


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://salon.example/tarifs/", PageType.PRICING),
        ("https://studio.example/cennik.html", PageType.PRICING),
        ("https://bar.example/speisekarte", PageType.PRICING),
        ("https://shop.example/kontakt/", PageType.CONTACT),
        ("https://shop.example/contatti", PageType.CONTACT),
        ("https://shop.example/contact-us/", PageType.CONTACT),
        ("https://shop.example/chi-siamo/", PageType.ABOUT),
        ("https://shop.example/%C3%BCber-uns/", PageType.ABOUT),
        ("https://shop.example/privacy-policy", PageType.LEGAL),
        ("https://shop.example/2021/06/summer-news", PageType.BLOG),
        ("https://shop.example/careers", PageType.OTHER),
        ("https://shop.example/", PageType.HOME),
    ],
)
def test_url_names_the_kind_of_page(url: str, kind: PageType) -> None:
    assert guess_page_type(url, "", [], []) == kind


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Nos tarifs | Salon Lune", PageType.PRICING),
        ("Über uns", PageType.ABOUT),
        ("Domande frequenti", PageType.FAQ),
        ("Log in | Salon Lune", PageType.OTHER),
    ],
)
def test_title_names_the_kind_of_page(title: str, kind: PageType) -> None:
    assert guess_page_type("https://shop.example/p7", title, [], [], "Salon Lune") == kind
