"""Currency signs drawn by icon fonts are read as the sign a visitor sees."""

from __future__ import annotations

from acorn.crawl.types import FetchedPage
from acorn.extract.dom import parse_html
from acorn.extract.icons import icon_sign, write_icon_signs
from acorn.extract.page import extract_page


def test_icon_classes_name_their_sign() -> None:
    assert icon_sign("fas fa-euro-sign") == "€"
    assert icon_sign("bi bi-currency-pound") == "£"
    assert icon_sign("fa fa-usd") == "$"
    assert icon_sign("far fa-clock") is None
    assert icon_sign("euro-sign") is None  # a site's own class, not an icon font's


def test_only_empty_icons_and_material_glyph_names_are_written() -> None:
    root = parse_html(
        "<p>120 <i class='fas fa-euro-sign'></i></p><p><span class='material-icons'>euro_symbol"
        "</span> 5</p><p><span>euro</span> zone</p><p><i class='fa fa-clock'></i> 1h30</p>"
    )
    assert root is not None
    assert write_icon_signs(root) == 2
    text = " ".join(root.text_content().split())
    assert "120 €" in text and "€ 5" in text and "euro zone" in text


def test_a_price_card_with_an_icon_currency_is_a_priced_item() -> None:
    cards = "".join(
        f"<div class='card'><h4>{name}</h4><h5>{price} <i class='fas fa-euro-sign'></i></h5></div>"
        for name, price in (("Soin éclat", 80), ("Soin lumière", 120), ("Soin express", 45))
    )
    html = f"<html lang='fr'><body><main><h1>Soins visage</h1>{cards}</main></body></html>"
    url = "https://institut.example/visage/"
    page = extract_page(FetchedPage(url=url, requested_url=url, status=200, html=html, depth=1))
    assert "Soin lumière" in page.clean_text and "120 €" in page.clean_text
