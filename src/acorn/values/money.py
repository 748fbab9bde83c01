"""Prices in text: one reader of money shared by extraction, chunk scoring and answering.

Sites write money in many ways ("£45", "from $60", "$90 to $240", "35-45€", "4,50 €",
"1.234,50 zł", "Rs. 500", "CHF 20", "$40+", "price on request"), and every stage that cares
about a price must agree on what one is, or a chunk scored as a price list never yields a
price to the answerer. A :class:`Money` keeps the words as written (they matter to a caller:
"from £45" is not "£45") beside the parsed amount(s), ISO 4217 currency and span; a range
stays a range. A bare number ("6.50") is only money where the markup says it is (a price
column, a price beside a dish), and then takes the site's own currency (:func:`bare_price`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Codes written beside an amount ("CHF 20", "120 PLN"). TRY is left out: "try 2 classes".
_CODES = (
    r"GBP|USD|EUR|CAD|AUD|NZD|INR|JPY|CHF|MAD|AED|ZAR|SEK|NOK|DKK|PLN|BGN|CZK|HUF|RON|"
    r"SGD|HKD|MXN|BRL|ISK"
)
_DOLLARS = r"(?:US|CA|C|AU|A|NZ|HK|S)\$"
_BEFORE = rf"(?:{_DOLLARS}|[£$€¥₹]|\bRs\.?|\b(?:{_CODES})\b|\bkr\.?|\bFr\.)"
_AFTER = (
    rf"(?:[€£$]|zł|zl\b|лв\.?|лева|(?:{_CODES})\b|kr\b\.?|Kč|Ft\b|lei\b|dhs?\b|dirhams?\b|"
    r"pounds?\b|dollars?\b|euros?\b|zlotys?\b|złotych|rupees?\b|francs?\b)"
)
# Thousands grouped by "," "." or a space, then an optional 1-2 digit decimal part.
_NUM = (
    r"(?<![\d.,])(?:\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
    r"(?![\d])"
)
_SEP = r"\s*(?:-|–|—|to)\s*"
_PREFIX = (
    r"from|starting (?:at|from)|up to|only|just|approx\.?|around|over|under|"
    r"à partir de|od|ab|desde|da"
)
_UNIT = (
    r"\s*(?:per|/|a|an)\s*(?:hour|hr|h|unit|tooth|session|person|night|day|week|month|year|"
    r"visit|treatment|arch|item|course|class|room|guest|adult|child|kg|lesson)s?\b"
    r"|\s*(?:pp|p/p|each|pppn|pn)\b"
)
_AMOUNT_FIRST = (
    rf"(?P<c1>{_BEFORE})\s?(?P<n1>{_NUM})"
    rf"(?P<r1>{_SEP}(?:{_BEFORE})?\s?(?P<n2>{_NUM})(?:\s?{_AFTER})?)?(?P<p1>\+)?"
)
_AMOUNT_LAST = (
    rf"(?P<n3>{_NUM})(?P<r2>{_SEP}(?P<n4>{_NUM}))?\s?(?P<c2>{_AFTER})"
    rf"(?P<r3>{_SEP}(?P<n5>{_NUM})\s?(?:{_AFTER})?)?(?P<p2>\+)?"
)
MONEY = re.compile(
    rf"(?P<prefix>\b(?:{_PREFIX})\s+)?(?:{_AMOUNT_FIRST}|{_AMOUNT_LAST})(?P<unit>{_UNIT})?",
    re.I,
)
ON_REQUEST = re.compile(
    r"\b(?:price\s+)?(?:on|upon)\s+(?:request|application)\b|\bP\.?O\.?A\.?(?!\w)"
    r"|\bcall for (?:a )?(?:price|quote)\b",
    re.I,
)
# Cheap test before the full pattern: a currency sign or code next to a digit.
MONEY_HINT = re.compile(
    r"[£$€¥₹]|zł|zl\b|лв|\d\s?(?:[A-Z]{3}|dhs?|kr|Kč|Ft|lei)\b|\b(?:[A-Z]{3}|Rs|kr)\.?\s?\d"
    r"|\d\s?(?:pounds?|dollars?|euros?|francs?|rupees?)\b",
    re.I,
)
_BARE = re.compile(
    rf"(?P<prefix>(?:{_PREFIX})\s+)?(?P<n1>{_NUM})(?:{_SEP}(?P<n2>{_NUM}))?(?P<p1>\+)?",
    re.I,
)

_SIGNS = {
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "zł": "PLN",
    "zl": "PLN",
    "złotych": "PLN",
    "zloty": "PLN",
    "zlotys": "PLN",
    "лв": "BGN",
    "лв.": "BGN",
    "лева": "BGN",
    "rs": "INR",
    "rs.": "INR",
    "rupee": "INR",
    "rupees": "INR",
    "kč": "CZK",
    "ft": "HUF",
    "lei": "RON",
    "dh": "MAD",
    "dhs": "MAD",
    "dirham": "MAD",
    "dirhams": "MAD",
    "pound": "GBP",
    "pounds": "GBP",
    "euro": "EUR",
    "euros": "EUR",
    "fr.": "CHF",
    "franc": "CHF",
    "francs": "CHF",
}
_DOLLAR_CODES = {"us$": "USD", "ca$": "CAD", "c$": "CAD", "au$": "AUD", "a$": "AUD"}
_DOLLAR_CODES |= {"nz$": "NZD", "hk$": "HKD", "s$": "SGD"}
_DOLLAR_LIKE = frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN"})
_KRONE_LIKE = frozenset({"SEK", "NOK", "DKK", "ISK"})


@dataclass(frozen=True, slots=True)
class Money:
    """A price as a site states it. ``amount`` is the (lower) figure, ``high`` the upper end
    of a range; both are ``None`` for "price on request". ``text`` is the words as written,
    qualifier and unit included, at ``start:end`` of the text it was read from."""

    text: str
    amount: float | None
    currency: str | None = None
    high: float | None = None
    qualifier: str = ""  # "from", "up to", "+" (at least) ...
    unit: str = ""  # "per hour", "pp" ...
    start: int = 0
    end: int = 0

    @property
    def is_range(self) -> bool:
        return self.high is not None

    @property
    def on_request(self) -> bool:
        return self.amount is None

    @property
    def key(self) -> str:
        """Currency and figures, spacing and wording aside: tells two prices apart."""
        high = f"-{self.high:g}" if self.high is not None else ""
        return f"{self.currency or ''}{self.amount:g}{high}" if self.amount is not None else "?"


def to_amount(number: str) -> float | None:
    """ "1.234,50" / "1,234.50" / "4,50" / "1 200" → a float: the last separator followed by
    one or two digits is the decimal mark; groups of three are thousands."""
    s = re.sub(r"[\s\u00a0\u202f]", "", number)
    if not s:
        return None
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(dec, ".")
    else:
        sep = "," if "," in s else "." if "." in s else ""
        if sep:
            parts = s.split(sep)
            if len(parts) == 2 and len(parts[1]) in (1, 2):
                s = parts[0] + "." + parts[1]
            elif all(len(p) == 3 for p in parts[1:]):
                s = "".join(parts)
            else:
                return None
    try:
        return float(s)
    except ValueError:
        return None


@functools.lru_cache(maxsize=256)
def region_currency(region: str | None) -> str | None:
    """The currency of a two-letter region ("PL" → "PLN"), from CLDR via babel."""
    if not region or len(region) != 2:
        return None
    from babel.numbers import get_territory_currencies

    try:
        found = get_territory_currencies(region.upper())
    except Exception:  # an unknown region has no currency, never an error
        return None
    return found[0] if found else None


def currency_of(sign: str | None, local: str | None = None) -> str | None:
    """ISO 4217 code for a sign or word as written; "$" and "kr" read as the local currency
    where that is a dollar or a krone ("$" on a Canadian site is CAD)."""
    if not sign:
        return None
    s = sign.strip().lower()
    if s in ("$", "dollar", "dollars"):
        return local if local in _DOLLAR_LIKE else "USD"
    if s in ("kr", "kr."):
        return local if local in _KRONE_LIKE else None
    if s in _DOLLAR_CODES:
        return _DOLLAR_CODES[s]
    if s in _SIGNS:
        return _SIGNS[s]
    return s.upper() if re.fullmatch(r"[a-z]{3}", s) else None


def _build(m: re.Match[str], text: str, local: str | None) -> Money | None:
    first = m.group("n1") is not None
    low = to_amount(m.group("n1") if first else m.group("n3"))
    if low is None:
        return None
    sign = m.group("c1") if first else m.group("c2")
    high_raw = m.group("n2") if first else (m.group("n4") or m.group("n5"))
    high = to_amount(high_raw) if high_raw else None
    end = m.end()
    if high is not None and high <= low:
        # "£45 - 2 people" is one price, not a range: stop after the first amount
        high = None
        end = m.end("n1") if first else m.end("c2")
    unit = (m.group("unit") or "").strip() if end == m.end() else ""
    plus = bool(m.group("p1") or m.group("p2")) and end == m.end()
    prefix = (m.group("prefix") or "").strip().lower()
    qualifier = prefix or ("+" if plus else "")
    return Money(
        text=text[m.start() : end].strip(),
        amount=low,
        currency=currency_of(sign, local),
        high=high,
        qualifier=qualifier,
        unit=unit,
        start=m.start(),
        end=end,
    )


def find_money(text: str, local: str | None = None, *, on_request: bool = False) -> list[Money]:
    """Every price in ``text`` in order; ``local`` (ISO code) is the site's own currency, used
    for "$" and "kr". With ``on_request``, "price on request" / "POA" count as prices too."""
    out: list[Money] = []
    if MONEY_HINT.search(text):
        for m in MONEY.finditer(text):
            found = _build(m, text, local)
            if found is not None:
                out.append(found)
    if on_request:
        for m in ON_REQUEST.finditer(text):
            out.append(Money(m.group(0), None, start=m.start(), end=m.end()))
        out.sort(key=lambda x: x.start)
    return out


def parse_money(text: str, local: str | None = None) -> Money | None:
    """The first price in ``text``, or ``None``."""
    found = find_money(text, local)
    return found[0] if found else None


def page_currency(text: str, region: str | None) -> str | None:
    """The currency a page's bare figures are in: the one its written prices use most, else
    its region's (a menu printing "6.50" under a "£" heading, or on a Polish page)."""
    counts: dict[str, int] = {}
    for line in text[:100_000].split("\n"):
        if not MONEY_HINT.search(line):
            continue  # the full pattern only where a sign or code is (most lines have none)
        for m in find_money(line):
            if m.currency:
                counts[m.currency] = counts.get(m.currency, 0) + 1
    if counts:
        return max(counts, key=lambda c: counts[c])
    return region_currency(region)


def has_money(text: str) -> bool:
    return bool(MONEY_HINT.search(text)) and MONEY.search(text) is not None


def bare_price(text: str, currency: str | None, local: str | None = None) -> Money | None:
    """A cell or line that is only a price: "£6.50", "from 12", "6.50", "35-45", "on request".
    A bare number takes ``currency`` (the page's or site's), so only call this where the
    markup says the text is a price (a price column, the figure beside a dish)."""
    s = text.strip().strip("-–—:·|").strip()
    if not s or len(s) > 40:
        return None
    m = MONEY.fullmatch(s)
    if m:
        return _build(m, s, local)
    req = ON_REQUEST.fullmatch(s)
    if req:
        return Money(s, None, end=len(s))
    m = _BARE.fullmatch(s)
    if not m or not re.search(r"[.,]\d{2}$|^\D*\d{1,3}(?:\D|$)", s):
        return None  # "1998" or "12345" is a year or a code, not a bare price
    low = to_amount(m.group("n1"))
    if low is None:
        return None
    high = to_amount(m.group("n2")) if m.group("n2") else None
    if high is not None and high <= low:
        return None
    prefix = (m.group("prefix") or "").strip().lower()
    return Money(
        text=s,
        amount=low,
        currency=currency,
        high=high,
        qualifier=prefix or ("+" if m.group("p1") else ""),
        end=len(s),
    )


# How visitors ask what something costs: the fast path's price cue, and words the guard does
# not ask an answer to repeat.
PRICE_WORDS = ("much", "price", "prices", "cost", "costs", "fee", "fees", "charge")
