"""One money reader for every stage: the formats small sites write prices in."""

from __future__ import annotations

import pytest

from acorn.values.money import bare_price, find_money, parse_money, region_currency, to_amount

# text, (written, amount, high, currency, qualifier)
CASES = [
    ("Cut and finish £45", ("£45", 45.0, None, "GBP", "")),
    ("Soup $5.95", ("$5.95", 5.95, None, "USD", "")),
    ("Colour $40+", ("$40+", 40.0, None, "USD", "+")),
    ("Consultations from $60", ("from $60", 60.0, None, "USD", "from")),
    ("Packages $90 to $240", ("$90 to $240", 90.0, 240.0, "USD", "")),
    ("Manicure 35-45€", ("35-45€", 35.0, 45.0, "EUR", "")),
    ("Espresso 4,50 €", ("4,50 €", 4.5, None, "EUR", "")),
    ("Pakiet 1.234,50 zł", ("1.234,50 zł", 1234.5, None, "PLN", "")),
    ("Strzyżenie 120 zł", ("120 zł", 120.0, None, "PLN", "")),
    ("Masaj 50 лв", ("50 лв", 50.0, None, "BGN", "")),
    ("Masaj 50 BGN", ("50 BGN", 50.0, None, "BGN", "")),
    ("Thali Rs. 500", ("Rs. 500", 500.0, None, "INR", "")),
    ("Entry CHF 20", ("CHF 20", 20.0, None, "CHF", "")),
    ("Tapas € 12", ("€ 12", 12.0, None, "EUR", "")),
    ("Whitening £75 - 200", ("£75 - 200", 75.0, 200.0, "GBP", "")),
    ("Tutoring $120 per hour", ("$120 per hour", 120.0, None, "USD", "")),
    ("Venue hire £1,250.00", ("£1,250.00", 1250.0, None, "GBP", "")),
    ("Room 90 euros a night", ("90 euros a night", 90.0, None, "EUR", "")),
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[0] for c in CASES])
def test_money_formats(text: str, want: tuple[object, ...]) -> None:
    m = parse_money(text)
    assert m is not None
    assert (m.text, m.amount, m.high, m.currency, m.qualifier) == want
    assert text[m.start : m.end] == m.text


def test_range_stays_a_range_and_a_count_is_not_one() -> None:
    (m,) = find_money("Group lessons £45 - 2 people")
    assert (m.text, m.amount, m.high) == ("£45", 45.0, None)
    assert find_money("from £10 to £25")[0].is_range


def test_no_money_in_plain_numbers() -> None:
    assert find_money("Call 01234 567890, open 9-5, est. 1998, 3 rooms") == []


def test_dollar_reads_as_the_local_dollar() -> None:
    assert parse_money("$30", local="CAD").currency == "CAD"  # type: ignore[union-attr]
    assert parse_money("$30", local="GBP").currency == "USD"  # type: ignore[union-attr]


def test_on_request_is_a_price_without_amount() -> None:
    (m,) = find_money("Bespoke cakes: price on request", on_request=True)
    assert m.on_request and m.amount is None
    assert find_money("Bespoke cakes: price on request") == []


@pytest.mark.parametrize(
    ("cell", "want"),
    [
        ("6.50", (6.5, None, "GBP")),
        ("12", (12.0, None, "GBP")),
        ("35-45", (35.0, 45.0, "GBP")),
        ("from 8", (8.0, None, "GBP")),
        ("€9", (9.0, None, "EUR")),
        ("on request", (None, None, None)),
        ("12345", None),
        ("Tuesday", None),
    ],
)
def test_bare_price_takes_the_site_currency(cell: str, want: tuple[object, ...] | None) -> None:
    m = bare_price(cell, "GBP")
    assert (None if m is None else (m.amount, m.high, m.currency)) == want


def test_amounts_and_region_currency() -> None:
    assert to_amount("1 200") == 1200.0
    assert to_amount("1.234") == 1234.0
    assert to_amount("1,5") == 1.5
    assert region_currency("PL") == "PLN"
    assert region_currency("GB") == "GBP"
    assert region_currency(None) is None
