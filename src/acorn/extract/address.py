"""Postal addresses read from text: anchored on a postcode (UK, US ZIP, Canadian, 4–5 digit
European codes after a street line) and walked back over the lines above to the street.

Sites write addresses as ``<br>``-separated lines or one comma-separated line; both become
{"street", "locality", "region", "postal_code", "country", "formatted"}.
"""

from __future__ import annotations

import re
from typing import Any

_UK = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})\b")
_US = re.compile(r"\b([A-Z][A-Za-z .'-]{1,40}),?\s+([A-Z]{2})\.?\s+(\d{5}(?:-\d{4})?)\b")
_CA = re.compile(r"\b([A-Z]\d[A-Z]\s?\d[A-Z]\d)\b")
_EU = re.compile(r"\b(\d{4,5})\s+([A-ZÀ-Ý][\w'’ -]{2,40})")
_US_STATES = set(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "DC",
    ]
)
_STREET = re.compile(
    r"^(?:(?:unit|suite|flat|apt)\s*\w+,?\s*)?\d+[A-Za-z]?(?:[-–]\d+)?,?\s+[\w'’. -]{2,60}?\b(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|way|"
    r"boulevard|blvd|place|pl|court|ct|close|terrace|crescent|cres|parade|square|sq|highway|hwy|"
    r"row|hill|parkway|pkwy|circle|cir|walk|mews|green|gardens|grove|quay|wharf|broadway|"
    r"esplanade|pike|trail|route|rte|park|rue|avenida|calle|via|strasse|straße|weg|plaza)\b\.?",
    re.I,
)
_STREET_LOOSE = re.compile(r"^\d+[A-Za-z]?,?\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,4}$")
_PO_BOX = re.compile(r"^(?:p\.?\s?o\.?\s+box|box)\s+\d+", re.I)


def _address(
    street: str | None, middle: list[str], postal: str | None, country: str | None
) -> dict[str, Any]:
    middle = [m for m in (x.strip(" ,") for x in middle) if m]
    locality = middle[0] if middle else None
    region = ", ".join(middle[1:]) if len(middle) > 1 else None
    parts = [p for p in [street, *middle, postal] if p]
    return {
        "street": street,
        "locality": locality,
        "region": region,
        "postal_code": postal,
        "country": country,
        "formatted": ", ".join(parts),
    }


def _split_lines(lines: list[str], idx: int, pos: int) -> list[str]:
    """The candidate address lines ending at character ``pos`` of line ``idx``."""
    head = lines[idx][:pos].strip(" ,")
    parts = [p.strip() for p in head.split(",") if p.strip()]
    back = 0
    while back < 4 and idx - back - 1 >= 0 and len(parts) < 6:
        prev = lines[idx - back - 1].strip()
        if len(prev) > 80 or prev.endswith((".", ":", "?", "!")):
            break
        parts = [p.strip() for p in prev.split(",") if p.strip()] + parts
        back += 1
    return parts


def _from_parts(parts: list[str], postal: str, country: str | None) -> dict[str, Any] | None:
    for i, part in enumerate(parts):
        if _STREET.match(part) or _PO_BOX.match(part) or _STREET_LOOSE.match(part):
            return _address(part, parts[i + 1 :], postal, country)
        inner = re.search(r"(?<![\w£$€])\d+[A-Za-z]?\s+\S.*$", part)  # "Find us at 12 High St"
        if inner and _STREET.match(inner.group()):
            return _address(inner.group(), parts[i + 1 :], postal, country)
    return None


def find_addresses(text: str, max_lines: int = 5000) -> list[tuple[dict[str, Any], str]]:
    """(address, context) for each postal address found in ``text``."""
    lines = [line.strip() for line in text.split("\n")[:max_lines]]
    lines = [line for line in lines if line]
    out: list[tuple[dict[str, Any], str]] = []
    for idx, line in enumerate(lines):
        if len(line) > 300:
            continue
        for m in _UK.finditer(line):
            addr = _from_parts(_split_lines(lines, idx, m.start()), m.group(1), "GB")
            if addr:
                out.append((addr, _ctx(lines, idx)))
        for m in _US.finditer(line):
            if m.group(2) not in _US_STATES:
                continue
            parts = _split_lines(lines, idx, m.start())
            city, state, zipc = m.group(1).strip(), m.group(2), m.group(3)
            if parts and city.lower().startswith(parts[-1].lower()):
                parts = parts[:-1]
            # "123 Main St Springfield, IL 62701": the city may share the street's line
            addr = _from_parts([*parts, city, state], zipc, "US")
            if addr is None:
                street_city = re.match(
                    r"^(.*\b(?:st|street|rd|road|ave|avenue|dr|drive|ln|lane|blvd|way|hwy|highway)\.?)\s+(.+)$",
                    city,
                    re.I,
                )
                if street_city and re.match(r"^\d", street_city.group(1)):
                    addr = _address(street_city.group(1), [street_city.group(2), state], zipc, "US")
            if addr:
                out.append((addr, _ctx(lines, idx)))
        if not out or out[-1][1] != _ctx(lines, idx):
            for m in _CA.finditer(line):
                addr = _from_parts(_split_lines(lines, idx, m.start()), m.group(1), "CA")
                if addr:
                    out.append((addr, _ctx(lines, idx)))
            for m in _EU.finditer(line):
                parts = _split_lines(lines, idx, m.start())
                if parts and _STREET.match(parts[-1]):
                    addr = _address(parts[-1], [m.group(2).strip()], m.group(1), None)
                    out.append((addr, _ctx(lines, idx)))
                elif parts:
                    addr = _rural(parts, m, lines, idx)
                    if addr:
                        out.append((addr, _ctx(lines, idx + 1)))
    return out


def _rural(parts: list[str], m: re.Match[str], lines: list[str], idx: int) -> dict[str, Any] | None:
    """Villages without street numbers ("Douar Azib / Tizi, 40000 Oukaimeden, / Marrakech,
    Maroc"): accepted when a country is named right after the postcode."""
    from acorn.extract.phones import region_from_country

    rest = (lines[idx][m.end() :] + " " + (lines[idx + 1] if idx + 1 < len(lines) else "")).strip(
        " ,"
    )
    words = [w.strip(" ,.") for w in rest.split(",")]
    country = next((w for w in words if region_from_country(w)), None)
    if country is None or len(parts) > 3 or any(len(p) > 40 for p in parts):
        return None
    town = m.group(2).strip(" ,")
    street = parts[0]
    middle = [*parts[1:], f"{m.group(1)} {town}", *[w for w in words if w and w != town]]
    return {
        "street": street,
        "locality": parts[-1] if len(parts) > 1 else town,
        "region": None,
        "postal_code": m.group(1),
        "country": region_from_country(country),
        "formatted": ", ".join([street, *middle]),
    }


def _ctx(lines: list[str], idx: int) -> str:
    return " / ".join(lines[max(0, idx - 4) : idx + 1])[:400]
