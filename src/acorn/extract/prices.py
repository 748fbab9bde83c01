"""Services with prices, from table rows, list items and short "name … price" lines.

A price is kept as the site writes it ("from £45", "£75 - 200", "$120 per hour") because that
wording matters to a caller; currency and the first amount are parsed for sorting and checks.
"""

from __future__ import annotations

import re
from typing import Any

_SYMBOLS = {"£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY", "₹": "INR"}
_CODES = r"GBP|USD|EUR|CAD|AUD|NZD|INR|JPY|CHF|MAD|AED|ZAR|SEK|NOK|DKK"
_NUM = r"\d{1,3}(?:[,\s]\d{3})+(?:\.\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_CUR = rf"(?:[£$€¥₹]|(?:US|CA|AU|NZ)\$|(?:{_CODES})\b)"
PRICE = re.compile(
    rf"(?P<prefix>\b(?:from|starting (?:at|from)|up to|only|just|approx\.?|around)\s+)?"
    rf"(?:(?P<cur1>{_CUR})\s?(?P<num1>{_NUM})|(?P<num2>{_NUM})\s?(?P<cur2>[€£$]|(?:{_CODES})\b|dhs?\b|dirhams?\b))"
    rf"(?P<range>\s*(?:-|–|—|to)\s*(?:{_CUR})?\s?(?:{_NUM})(?:\s?(?:[€£$]|{_CODES}))?)?"
    r"(?P<unit>\s*(?:per|/|a|an)\s+(?:hour|hr|unit|tooth|session|person|night|day|week|month|year|visit|treatment|arch|item|course|class|room|guest|adult|child)s?\b|\s*(?:pp|p/p|each|pppn|pn)\b)?",
    re.I,
)


def _currency(symbol: str | None) -> str | None:
    if not symbol:
        return None
    s = symbol.strip()
    if s in _SYMBOLS:
        return _SYMBOLS[s]
    if s.endswith("$"):
        return {"US$": "USD", "CA$": "CAD", "AU$": "AUD", "NZ$": "NZD"}.get(s.upper())
    if s.lower().startswith("dh") or s.lower().startswith("dirham"):
        return "MAD"
    return s.upper()


def parse_price(text: str) -> dict[str, Any] | None:
    """First price in ``text``: {"price", "currency", "amount"} or None."""
    m = PRICE.search(text)
    if not m:
        return None
    num = (m.group("num1") or m.group("num2") or "").replace(" ", "")
    if re.fullmatch(r"\d+,\d{1,2}", num):
        num = num.replace(",", ".")  # "45,50 €"
    try:
        amount = float(num.replace(",", ""))
    except ValueError:
        return None
    return {
        "price": m.group(0).strip(),
        "currency": _currency(m.group("cur1") or m.group("cur2")),
        "amount": amount,
    }


_NAME_SEP = re.compile(r"[\s:.…·•|–—-]+$")
_NAME_TAIL = re.compile(r"\s+(?:for|from|at|only|just|costs?|is|are|=|@)\s*$", re.I)
_LEAD = re.compile(r"^[-•*·]\s*")


def _service(name: str, price: dict[str, Any], description: str | None = None) -> dict[str, Any]:
    return {**price, "name": name, "description": description}


def services_from_row(cells: list[str]) -> dict[str, Any] | None:
    """A table row whose one cell names a service and another holds its price."""
    if len(cells) < 2:
        return None
    price_cells = [(i, parse_price(c)) for i, c in enumerate(cells)]
    priced = [(i, p) for i, p in price_cells if p and len(cells[i]) <= 60]
    if not priced:
        return None
    i, price = priced[0]
    name_cells = [c for j, c in enumerate(cells) if j != i and re.search(r"[A-Za-z]{2}", c)]
    name_cells = [c for c in name_cells if not PRICE.fullmatch(c.strip())]
    if not name_cells or not 2 <= len(name_cells[0]) <= 150:
        return None
    price["price"] = cells[i].strip() if len(cells[i]) <= 40 else price["price"]
    desc = " ".join(name_cells[1:]) or None
    return _service(name_cells[0], price, desc)


def service_from_line(line: str) -> dict[str, Any] | None:
    """ "Teeth whitening - from £250" / "Haircut: $30" → service; prose sentences are skipped."""
    line = _LEAD.sub("", line.strip())
    if " | " in line:
        return services_from_row([c.strip() for c in line.split(" | ")])
    if len(line) > 120 or (len(line.split()) > 14 and line.rstrip().endswith((".", "!", "?"))):
        return None  # a sentence in a paragraph, not a menu line
    m = PRICE.search(line)
    if not m:
        return None
    name = _NAME_TAIL.sub("", _NAME_SEP.sub("", line[: m.start()])).strip()
    after = line[m.end() :].strip(" .;,")
    if not name or len(name) < 3 or len(name.split()) > 12 or not re.search(r"[A-Za-z]{3}", name):
        # "£45 – new patient exam": price first, name after
        name, after = _NAME_SEP.sub("", after).strip(" -–:"), ""
        if not name or len(name.split()) > 6 or not re.search(r"[A-Za-z]{3}", name):
            return None
    if re.search(r"\b(?:is|are|was|were|will|we|our|you|your)\b", name, re.I) and len(name) > 40:
        return None  # a sentence, not a menu line
    price = parse_price(m.group(0))
    if price is None:
        return None
    return _service(name, price, after or None)


def find_services(lines: list[str]) -> list[tuple[dict[str, Any], str]]:
    """(service, line) for every priced line among section lines and table rows."""
    out = []
    for line in lines:
        if not PRICE.search(line):
            continue
        svc = service_from_line(line)
        if svc:
            out.append((svc, line[:300]))
    return out
