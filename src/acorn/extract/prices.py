"""Services with prices, from table rows, list items and short "name … price" lines.

A price is kept as the site writes it ("from £45", "£75 - 200", "$120 per hour") because that
wording matters to a caller; currency and amounts come from :mod:`acorn.values.money`.
"""

from __future__ import annotations

import re
from typing import Any

from acorn.values.money import MONEY, parse_money


def parse_price(text: str, local: str | None = None) -> dict[str, Any] | None:
    """First price in ``text``: {"price", "currency", "amount"} (+ "amount_max" for a range)
    or None; ``local`` is the site's currency, for "$" and "kr"."""
    m = parse_money(text, local)
    if m is None or m.amount is None:
        return None
    out: dict[str, Any] = {"price": m.text, "currency": m.currency, "amount": m.amount}
    if m.high is not None:
        out["amount_max"] = m.high
    return out


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
    name_cells = [c for c in name_cells if not MONEY.fullmatch(c.strip())]
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
    m = MONEY.search(line)
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
        if not MONEY.search(line):
            continue
        svc = service_from_line(line)
        if svc:
            out.append((svc, line[:300]))
    return out
