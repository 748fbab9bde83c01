"""Price lists from markup: each kind of markup a small business prices things with, on
made-up pages, down to the exact records."""

from __future__ import annotations

from acorn.crawl.types import FetchedPage
from acorn.extract.dom import parse_html
from acorn.extract.page import extract_page
from acorn.extract.pricelists import price_items
from acorn.extract.types import FactKind, PriceItem

URL = "http://127.0.0.1:8801/menu/"


def items(body: str, currency: str | None = "GBP") -> list[tuple[object, ...]]:
    root = parse_html(f"<html><body><main>{body}</main></body></html>")
    assert root is not None
    return [_row(i) for i in price_items(root, URL, currency)]


def _row(i: PriceItem) -> tuple[object, ...]:
    return (i.name, i.description, i.price, i.amount, i.amount_max, i.currency, i.section)


def test_bare_blocks_heading_description_price() -> None:
    got = items(
        "<h2>Desserts</h2>"
        "<h3>Lemon Tart</h3><div>shortcrust, lemons</div><div>6.50</div>"
        "<h3>Plum Crumble</h3><div>oat topping</div><div>custard</div><div>7.00</div>"
    )
    assert got == [
        ("Lemon Tart", "shortcrust, lemons", "6.50", 6.5, None, "GBP", "Desserts"),
        ("Plum Crumble", "oat topping custard", "7.00", 7.0, None, "GBP", "Desserts"),
    ]


def test_name_in_a_div_is_kept() -> None:
    got = items(
        "<h2>Kids</h2>"
        '<div class="item"><div class="n">Fish Fingers</div><div>with peas</div>'
        '<div class="p">5.25</div></div>'
        '<div class="item"><span>Pasta Pot</span><span>£4</span></div>'
    )
    assert got == [
        ("Fish Fingers", "with peas", "5.25", 5.25, None, "GBP", "Kids"),
        ("Pasta Pot", None, "£4", 4.0, None, "GBP", "Kids"),
    ]


def test_priced_heading_takes_the_text_below_as_description() -> None:
    got = items(
        "<h2>Breakfast</h2><h4>Big Breakfast* - $10</h4><p>Two eggs any style, toast.</p>"
        "<h4>Porridge - $6</h4><h4>Pancakes - $9</h4><p>With maple syrup.</p>",
        currency="USD",
    )
    assert got == [
        ("Big Breakfast", "Two eggs any style, toast.", "$10", 10.0, None, "USD", "Breakfast"),
        ("Porridge", None, "$6", 6.0, None, "USD", "Breakfast"),
        ("Pancakes", "With maple syrup.", "$9", 9.0, None, "USD", "Breakfast"),
    ]


def test_name_and_description_boxed_together_beside_the_price() -> None:
    got = items(
        "<h2>Class passes</h2><ul>"
        "<li><div><p>8 Classes</p><p>Valid for 6 weeks</p></div><span>€115</span></li>"
        '<li><span class="rule"></span><div class="row"><div><p>Drop in</p><p>One class</p>'
        "</div><span>€20</span></div></li></ul>",
        currency="EUR",
    )
    assert got == [
        ("8 Classes", "Valid for 6 weeks", "€115", 115.0, None, "EUR", "Class passes"),
        ("Drop in", "One class", "€20", 20.0, None, "EUR", "Class passes"),
    ]


def test_definition_list_name_description_price() -> None:
    got = items(
        "<h2>Lunch</h2><dl>"
        "<dt>Soup of the day</dt><dd>with sourdough</dd><dd>£5.95</dd>"
        "<dt>Club Sandwich</dt><dd>chicken, bacon, egg – £8.50</dd>"
        "<dt>Ploughman's</dt><dd>ask for today's cheeses</dd>"
        "</dl>"
    )
    assert got == [
        ("Soup of the day", "with sourdough", "£5.95", 5.95, None, "GBP", "Lunch"),
        ("Club Sandwich", "chicken, bacon, egg", "£8.50", 8.5, None, "GBP", "Lunch"),
    ]


def test_list_items_with_leaders_dashes_and_ranges() -> None:
    got = items(
        "<h2>Nails</h2><ul>"
        "<li>Gel polish ..... £12</li>"
        "<li>Full set – acrylic extensions – 35-45€</li>"
        "<li>Nail art ....... 3</li>"
        "<li>We use vegan polish only.</li>"
        "</ul>",
        currency="EUR",
    )
    assert got == [
        ("Gel polish", None, "£12", 12.0, None, "GBP", "Nails"),
        ("Full set", "acrylic extensions", "35-45€", 35.0, 45.0, "EUR", "Nails"),
        ("Nail art", None, "3", 3.0, None, "EUR", "Nails"),
    ]


def test_table_every_price_column_named_by_the_header() -> None:
    root = parse_html(
        "<html><body><h2>Pizza</h2><table>"
        "<tr><th>Pizza</th><th>Toppings</th><th>Small</th><th>Large</th></tr>"
        "<tr><td>Margherita</td><td>tomato, basil</td><td>8.50</td><td>12.00</td></tr>"
        "<tr><td>Funghi</td><td>mushrooms</td><td>9</td><td>13.50</td></tr>"
        "</table></body></html>"
    )
    assert root is not None
    got = [
        (i.name, i.description, i.variant, i.price, i.amount, i.currency, i.section, i.position)
        for i in price_items(root, URL, "GBP")
    ]
    assert got == [
        ("Margherita", "tomato, basil", "Small", "8.50", 8.5, "GBP", "Pizza", 0),
        ("Margherita", "tomato, basil", "Large", "12.00", 12.0, "GBP", "Pizza", 1),
        ("Funghi", "mushrooms", "Small", "9", 9.0, "GBP", "Pizza", 2),
        ("Funghi", "mushrooms", "Large", "13.50", 13.5, "GBP", "Pizza", 3),
    ]


def test_table_single_price_column_with_currency_and_on_request() -> None:
    got = items(
        "<table><caption>Treatments</caption>"
        "<tr><td>Deep tissue massage</td><td>60 min</td><td>120 zł</td></tr>"
        "<tr><td>Hot stones</td><td>90 min</td><td>from 1.234,50 zł</td></tr>"
        "<tr><td>Couples retreat</td><td>2 days</td><td>Price on request</td></tr>"
        "</table>",
        currency="PLN",
    )
    assert got == [
        ("Deep tissue massage", "60 min", "120 zł", 120.0, None, "PLN", "Treatments"),
        ("Hot stones", "90 min", "from 1.234,50 zł", 1234.5, None, "PLN", "Treatments"),
        ("Couples retreat", "2 days", "Price on request", None, None, None, "Treatments"),
    ]


def test_opening_hours_and_counts_are_not_prices() -> None:
    assert (
        items(
            "<table><tr><td>Monday</td><td>9.30</td></tr><tr><td>Tuesday</td><td>9.30</td></tr>"
            "</table><ol><li>Step 1</li></ol>"
            "<h3>Since</h3><div>1998</div>"
            '<div class="step"><div>3</div><h3>Moving day</h3><p>We arrive on time.</p></div>'
            "<h3>Guests</h3><div>12</div>"
            "<table><tr><td>1</td><td>Book online</td></tr><tr><td>2</td><td>Arrive</td></tr>"
            "<tr><td>3</td><td>Relax</td></tr></table>"
        )
        == []
    )


def test_commented_out_template_and_hidden_prices_are_not_read() -> None:
    got = items(
        "<h2>Cakes</h2>"
        "<!-- <ul><li>Old cake ..... £99</li></ul> -->"
        "<template><div><span>Draft cake</span><span>£50</span></div></template>"
        '<div style="display:none"><span>Secret cake</span><span>£40</span></div>'
        "<div hidden><span>Hidden cake</span><span>£30</span></div>"
        "<div><span>Carrot cake</span><span>£3.20</span></div>"
    )
    assert got == [("Carrot cake", None, "£3.20", 3.2, None, "GBP", "Cakes")]


def test_items_reach_the_page_facts_with_the_page_currency() -> None:
    html = (
        "<html lang='en-GB'><head><title>Menu – Crumb & Co</title></head><body><main>"
        "<h1>Menu</h1><p>Coffee from £2.80. Cakes baked daily.</p>"
        "<h2>Desserts</h2><h3>Lemon Tart</h3><div>shortcrust, lemons</div><div>6.50</div>"
        "<dl><dt>Brownie</dt><dd>dark chocolate, walnuts</dd><dd>3.75</dd></dl>"
        "</main></body></html>"
    )
    page = extract_page(FetchedPage(url=URL, requested_url=URL, status=200, html=html, depth=1))
    services = [f for f in page.facts if f.kind == FactKind.SERVICE]
    by_name = {f.value["name"]: f for f in services}
    assert by_name["Lemon Tart"].value["description"] == "shortcrust, lemons"
    assert by_name["Lemon Tart"].value["currency"] == "GBP"
    assert by_name["Lemon Tart"].value["section"] == "Desserts"
    assert by_name["Brownie"].value["price"] == "3.75"
    # the description is never taken for the name of the price below it
    assert "dark chocolate, walnuts" not in by_name
