"""Phones, emails, addresses, prices and social links read from realistic page snippets."""

from __future__ import annotations

import pytest

from acorn.crawl.types import FetchedPage
from acorn.extract.address import find_addresses
from acorn.extract.emails import decode_cfemail, find_emails, from_mailto
from acorn.extract.page import extract_page
from acorn.extract.phones import find_phones, guess_region, parse_tel_href
from acorn.extract.prices import parse_price, service_from_line
from acorn.extract.social import social_network
from acorn.extract.types import ExtractedPage, FactKind


def page(html: str, url: str = "https://www.example-shop.co.uk/contact/") -> ExtractedPage:
    return extract_page(FetchedPage(url=url, requested_url=url, status=200, html=html, depth=1))


def values(p: ExtractedPage, kind: FactKind) -> list:
    return [f.value for f in p.facts if f.kind == kind]


# phones ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "region", "e164", "display"),
    [
        ("Call 01308 421877 today", "GB", "+441308421877", "01308 421877"),
        ("Tel: +44 (0)20 7946 0958", "GB", "+442079460958", "+44 (0)20 7946 0958"),
        ("Phone (616) 887-2330 or visit", "US", "+16168872330", "(616) 887-2330"),
        ("Appelez le 01 42 68 53 00", "FR", "+33142685300", "01 42 68 53 00"),
        ("Tel +212 524 48 56 11", "US", "+212524485611", "+212 524 48 56 11"),
    ],
)
def test_phone_numbers_keep_the_written_form(
    text: str, region: str, e164: str, display: str
) -> None:
    [(got, shown, context)] = find_phones(text, region)
    assert (got, shown) == (e164, display)
    assert context == text


def test_fax_numbers_are_skipped() -> None:
    found = find_phones("tel: 01308 421877\nfax: 01308 421878", "GB")
    assert [e for e, _, _ in found] == ["+441308421877"]


def test_tel_links_and_region_guess() -> None:
    assert parse_tel_href("tel:01308%20421877", "GB") == ("+441308421877", "01308 421877")
    assert parse_tel_href("tel:12", "GB") is None
    assert guess_region("https://shop.co.uk/", "", None, None) == ("GB", True)
    assert guess_region("https://x.fr/", "", None, None) == ("FR", True)
    assert guess_region("https://x.com/", "", None, "United Kingdom") == ("GB", True)
    assert guess_region("https://x.com/", "34 Castle St, PO32 6RD", None, None) == ("GB", True)
    assert guess_region("https://x.com/", "nothing", None, None) == ("US", False)


def test_page_phone_from_header_link_and_footer_text() -> None:
    p = page(
        "<html><body><header><a href='tel:+441947600123'>Call</a></header><main><h1>Hi</h1>"
        "<p>Welcome.</p></main><footer>Ring us on 01947 600123</footer></body></html>"
    )
    phones = values(p, FactKind.PHONE)
    assert len(phones) == 1  # the link and the text are one number
    assert phones[0]["e164"] == "+441947600123" and phones[0]["display"] == "01947 600123"


# emails ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Email info@harbourphysio.co.uk for help", ["info@harbourphysio.co.uk"]),
        ("write to bookings [at] riad-example [dot] com", ["bookings@riad-example.com"]),
        ("reception(at)smiles.ie", ["reception@smiles.ie"]),
        ("jane.doe {at} law-firm {dot} co {dot} uk", ["jane.doe@law-firm.co.uk"]),
        ("<img src=logo@2x.png> and icon@3x.webp", []),
        ("you@example.com is a placeholder", []),
        ("visit the OPC website at opc.org for more", []),
        ("mail john at harbourphysio dot co dot uk", ["john@harbourphysio.co.uk"]),
        ("errors go to abc123@o123.ingest.sentry.io", []),
    ],
)
def test_email_phrasings(text: str, expected: list[str]) -> None:
    assert [a for a, _ in find_emails(text)] == expected


def test_mailto_entities_and_cloudflare() -> None:
    assert (
        from_mailto("mailto:Manager@HarbourSmiles.example?subject=Hi")
        == "Manager@HarbourSmiles.example"
    )
    key = 0x42
    encoded = f"{key:02x}" + "".join(f"{ord(c) ^ key:02x}" for c in "hi@shop.com")
    assert decode_cfemail(encoded) == "hi@shop.com"
    p = page(
        "<html><body><p>Mail: hello&#64;bakery-example&#46;org</p>"
        f"<a class='__cf_email__' data-cfemail='{encoded}'>[email protected]</a></body></html>"
    )
    assert set(values(p, FactKind.EMAIL)) == {"hello@bakery-example.org", "hi@shop.com"}


# addresses ------------------------------------------------------------------------------


def test_uk_address_on_br_lines() -> None:
    [(addr, _)] = find_addresses("Harbour Smiles\n8 Quay Road\nWest Bay\nDorset\nDT6 4EZ")
    assert addr["street"] == "8 Quay Road"
    assert addr["locality"] == "West Bay" and addr["region"] == "Dorset"
    assert addr["postal_code"] == "DT6 4EZ" and addr["country"] == "GB"
    assert addr["formatted"] == "8 Quay Road, West Bay, Dorset, DT6 4EZ"


def test_uk_address_on_one_line() -> None:
    [(addr, _)] = find_addresses("Find us at 12 Harbour Street, Whitby, YO21 3PU.")
    assert addr["street"] == "12 Harbour Street" and addr["locality"] == "Whitby"
    assert addr["postal_code"] == "YO21 3PU"


def test_us_address() -> None:
    found = find_addresses("Maple Grove Chapel\n4410 Elm Street\nCedar Falls, IA 50613")
    [(addr, _)] = found
    assert addr["street"] == "4410 Elm Street"
    assert addr["postal_code"] == "50613" and addr["country"] == "US"
    assert "Cedar Falls" in addr["formatted"] and "IA" in addr["formatted"]


def test_no_address_without_a_street() -> None:
    assert find_addresses("Our postcode checker covers SW1A 1AA and more.") == []


# prices ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "price", "currency", "amount"),
    [
        ("£45", "£45", "GBP", 45.0),
        ("from £45", "from £45", "GBP", 45.0),
        ("$120 - $150", "$120 - $150", "USD", 120.0),
        ("£1,250.00", "£1,250.00", "GBP", 1250.0),
        ("45 GBP", "45 GBP", "GBP", 45.0),
        ("€30 per person", "€30 per person", "EUR", 30.0),
        ("₹499", "₹499", "INR", 499.0),
        ("¥3000", "¥3000", "JPY", 3000.0),
        ("£120 per hour", "£120 per hour", "GBP", 120.0),
    ],
)
def test_price_phrasings(text: str, price: str, currency: str, amount: float) -> None:
    got = parse_price(text)
    assert got is not None
    got.pop("amount_max", None)  # a range also has its upper end (see tests/values)
    assert got == {"price": price, "currency": currency, "amount": amount}


@pytest.mark.parametrize(
    ("line", "name", "price"),
    [
        ("Teeth whitening - from £250", "Teeth whitening", "from £250"),
        ("Haircut: $30", "Haircut", "$30"),
        ("Molar | £350", "Molar", "£350"),
        ("- Deep tissue massage (60 min) … £55", "Deep tissue massage (60 min)", "£55"),
        ("Composite fillings | £75 - 200", "Composite fillings", "£75 - 200"),
    ],
)
def test_service_lines(line: str, name: str, price: str) -> None:
    svc = service_from_line(line)
    assert svc is not None and svc["name"] == name and svc["price"] == price


def test_prose_is_not_a_service() -> None:
    long = "We are proud that our prices have not changed since 2019 and most treatments cost less than £100 which we think is fair."
    assert service_from_line(long) is None


def test_price_table_becomes_services_with_their_heading() -> None:
    p = page(
        "<html><body><main><h1>Prices</h1><h3>Hygienist</h3><table>"
        "<tr><td>Scale and polish 20 minutes</td><td>£40</td></tr>"
        "<tr><td>Extensive scale and polish</td><td>£60</td></tr></table></main></body></html>",
        url="https://dentist.co.uk/prices/",
    )
    services = values(p, FactKind.SERVICE)
    assert [(s["name"], s["price"], s["section"]) for s in services] == [
        ("Scale and polish 20 minutes", "£40", "Hygienist"),
        ("Extensive scale and polish", "£60", "Hygienist"),
    ]
    assert p.type.value == "pricing"


# social ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("href", "network"),
    [
        ("https://www.facebook.com/harbourphysio", "facebook"),
        ("https://instagram.com/harbourphysio/", "instagram"),
        ("https://x.com/harbourphysio", "x"),
        ("https://twitter.com/harbourphysio", "x"),
        ("https://www.linkedin.com/company/harbour", "linkedin"),
        ("https://www.youtube.com/@harbour", "youtube"),
        ("https://www.tiktok.com/@harbour", "tiktok"),
        ("https://www.yelp.com/biz/harbour-physio", "yelp"),
        ("https://www.tripadvisor.co.uk/Hotel_Review-g1-d2", "tripadvisor"),
        ("https://www.facebook.com/sharer/sharer.php?u=x", None),
        ("https://twitter.com/intent/tweet?text=hi", None),
        ("https://www.facebook.com/", None),
        ("https://example.com/facebook", None),
    ],
)
def test_social_links(href: str, network: str | None) -> None:
    assert social_network(href) == network
