"""schema.org data (JSON-LD and microdata) → facts and FAQs.

Structured data is what the site owner *declared*, so it ranks above anything read from
text. We walk every node (``@graph``, nested ``mainEntity``, ``location``…) instead of looking
for a fixed type list: LocalBusiness has hundreds of subtypes (Dentist, Restaurant, Church…)
and many sites put their telephone on an Organization or a WebPage's ``publisher``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import html

from acorn.extract.address import find_addresses
from acorn.extract.dom import clean_ws
from acorn.extract.hours import DAYS, order, parse_range, parse_schema_hours
from acorn.extract.prices import parse_price
from acorn.extract.social import social_network
from acorn.extract.types import FAQ, Fact, FactKind

_NOT_BUSINESS = {
    "WebSite",
    "WebPage",
    "BreadcrumbList",
    "ListItem",
    "ImageObject",
    "Person",
    "Article",
    "BlogPosting",
    "NewsArticle",
    "SearchAction",
    "FAQPage",
    "Question",
    "Answer",
    "PostalAddress",
    "GeoCoordinates",
    "OpeningHoursSpecification",
    "ContactPoint",
    "Offer",
    "Service",
    "Product",
    "Review",
    "AggregateRating",
    "Rating",
    "VideoObject",
    "CollectionPage",
    "ItemList",
    "SiteNavigationElement",
    "Event",
}
# a node is the business when it is an organisation or carries what only places have
# (a Recipe or a Course in a blog post must not name the site)
_ORG_TYPES = {
    "Organization",
    "LocalBusiness",
    "Corporation",
    "NGO",
    "EducationalOrganization",
    "MedicalOrganization",
    "GovernmentOrganization",
    "SportsOrganization",
    "PerformingGroup",
    "Airline",
}
_BUSINESS_KEYS = (
    "address",
    "telephone",
    "openingHours",
    "openingHoursSpecification",
    "geo",
    "priceRange",
)
_OFFERABLE = {"Service", "Product", "Offer", "MenuItem", "OfferCatalog", "IndividualProduct"}


def _types(node: dict[str, Any]) -> list[str]:
    t = node.get("@type") or node.get("type") or []
    items = t if isinstance(t, list) else [t]
    return [str(x).rsplit("/", 1)[-1] for x in items if x]


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or value.get("text") or ""
    return clean_ws(re.sub(r"<[^>]+>", " ", str(value))) if value is not None else ""


def load_jsonld(root: html.HtmlElement) -> list[Any]:
    """Every parseable ``application/ld+json`` block (bad ones are skipped, not fatal)."""
    out: list[Any] = []
    for script in root.iterfind(".//script[@type]"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        raw = (script.text or "").strip()
        raw = re.sub(r"^\s*<!--|-->\s*$|^\s*//\s*<!\[CDATA\[|//\s*\]\]>\s*$", "", raw)
        if not raw:
            continue
        try:
            out.append(json.loads(raw, strict=False))
        except ValueError:
            continue
    return out


def iter_nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 12:
        return
    if isinstance(data, list):
        for item in data:
            yield from iter_nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key, value in data.items():
            if key != "@context" and isinstance(value, dict | list):
                yield from iter_nodes(value, depth + 1)


def _address(value: Any) -> dict[str, Any] | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str):
        text = clean_ws(value)
        parsed = find_addresses(text)  # "12 Main St, Grand Rapids, MI 49503" → its parts
        if parsed:
            return {**parsed[0][0], "formatted": text}
        return {"formatted": text, "street": None, "locality": None, "region": None,
                "postal_code": None, "country": None} if text else None  # fmt: skip
    if not isinstance(value, dict):
        return None
    country = value.get("addressCountry")
    parts = {
        "street": _text(value.get("streetAddress")) or None,
        "locality": _text(value.get("addressLocality")) or None,
        "region": _text(value.get("addressRegion")) or None,
        "postal_code": _text(value.get("postalCode")) or None,
        "country": _text(country) or None,
    }
    formatted = ", ".join(v for k, v in parts.items() if v and not (k == "country" and len(v) == 2))
    if not formatted:
        return None
    return {**parts, "formatted": formatted}


def _hours_spec(specs: Any) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {}
    for spec in specs if isinstance(specs, list) else [specs]:
        if not isinstance(spec, dict) or spec.get("validFrom") or spec.get("validThrough"):
            continue  # seasonal exceptions are not the regular week
        days = spec.get("dayOfWeek") or []
        days = days if isinstance(days, list) else [days]
        opens, closes = _text(spec.get("opens")), _text(spec.get("closes"))
        rng = parse_range(f"{opens[:5]}-{closes[:5]}") if opens and closes else None
        if opens[:5] in {"00:00"} and closes[:5] in {"00:00", "23:59"}:
            rng = ["00:00", "24:00"]
        for d in days:
            name = str(d).rsplit("/", 1)[-1].lower()
            if name not in DAYS:
                continue
            ranges = out.setdefault(name, [])
            if rng and rng not in ranges:
                ranges.append(rng)
    return order(out)


def _offer_price(node: dict[str, Any]) -> tuple[str | None, str | None, float | None]:
    offers = node.get("offers") or node.get("priceSpecification") or node
    if isinstance(offers, list):
        offers = offers[0] if offers else {}
    if not isinstance(offers, dict):
        return None, None, None
    price = offers.get("price") or offers.get("lowPrice")
    currency = _text(offers.get("priceCurrency")) or None
    if price is None:
        return None, currency, None
    try:
        amount = float(str(price).replace(",", ""))
    except ValueError:
        parsed = parse_price(str(price))
        return (
            (parsed["price"], parsed["currency"], parsed["amount"])
            if parsed
            else (None, None, None)
        )
    shown = f"{currency} {price}" if currency else str(price)
    return shown, currency, amount


def facts_from_nodes(
    data: list[Any], url: str, origin: str
) -> tuple[list[Fact], list[FAQ], str | None]:
    """Facts and FAQs from schema.org nodes; also the declared ``addressCountry``."""
    facts: list[Fact] = []
    faqs: list[FAQ] = []
    country: str | None = None
    covered: set[int] = set()

    def add(kind: FactKind, value: Any, context: str = "") -> None:
        facts.append(Fact(kind, value, url, origin, context))

    for node in iter_nodes(data):
        types = set(_types(node))
        name = _text(node.get("name"))
        is_business = (
            bool(types)
            and not types & _NOT_BUSINESS
            and (bool(types & _ORG_TYPES) or any(k in node for k in _BUSINESS_KEYS))
        )
        if is_business and name:
            add(FactKind.NAME, name, "/".join(sorted(types)))
        if is_business and node.get("description"):
            add(FactKind.DESCRIPTION, _text(node.get("description"))[:500])
        for key in ("telephone", "faxNumber"):
            if key == "telephone" and node.get(key):
                for tel in node[key] if isinstance(node[key], list) else [node[key]]:
                    add(FactKind.PHONE, {"raw": _text(tel)}, name)
        if node.get("email"):
            for mail in node["email"] if isinstance(node["email"], list) else [node["email"]]:
                mail_addr = _text(mail).removeprefix("mailto:")
                if "@" in mail_addr:
                    add(FactKind.EMAIL, mail_addr, name)
        if "address" in node and (is_business or "ContactPoint" in types or not types):
            addr = _address(node["address"])
            if addr:
                add(FactKind.ADDRESS, addr, name)
                country = country or addr.get("country")
        if "PostalAddress" in types and not any(f.kind == FactKind.ADDRESS for f in facts):
            addr = _address(node)
            if addr:
                add(FactKind.ADDRESS, addr, name)
                country = country or addr.get("country")
        hours: dict[str, list[list[str]]] = {}
        if node.get("openingHoursSpecification"):
            hours = _hours_spec(node["openingHoursSpecification"])
        if not hours and node.get("openingHours"):
            spec = node["openingHours"]
            hours = parse_schema_hours("; ".join(spec) if isinstance(spec, list) else str(spec))
        if hours:
            add(FactKind.OPENING_HOURS, hours, name)
        if node.get("priceRange"):
            add(FactKind.PRICE_RANGE, _text(node["priceRange"]), name)
        same_as = node.get("sameAs") or []
        for link in same_as if isinstance(same_as, list) else [same_as]:
            network = social_network(str(link))
            if network:
                add(FactKind.SOCIAL, {"network": network, "url": str(link)})
        item = node.get("itemOffered")
        if "Offer" in types and isinstance(item, dict) and _text(item.get("name")):
            covered.add(id(item))  # the Offer carries the item's price
            name = _text(item.get("name"))
            node = {**item, **{k: v for k, v in node.items() if k != "name"}}
        if types & _OFFERABLE and name and id(node) not in covered:
            price, currency, amount = _offer_price(node)
            add(
                FactKind.SERVICE,
                {
                    "name": name,
                    "price": price,
                    "currency": currency,
                    "amount": amount,
                    "description": _text(node.get("description"))[:300] or None,
                },
            )
        if "Question" in types and name:
            answer = node.get("acceptedAnswer") or node.get("suggestedAnswer")
            text = _text(answer.get("text") if isinstance(answer, dict) else answer)
            if text:
                faqs.append(FAQ(name, text, url, "jsonld"))
    return facts, faqs, country


def microdata_items(root: html.HtmlElement, url: str) -> list[Any]:
    """Microdata items as JSON-LD-shaped dicts (``@type`` plus properties)."""
    if root.find(".//*[@itemscope]") is None:
        return []
    try:
        from extruct.w3cmicrodata import LxmlMicrodataExtractor

        items = LxmlMicrodataExtractor().extract_items(root, url)
    except Exception:  # extruct is strict about odd markup; microdata is a bonus
        return []
    return [_from_microdata(i) for i in items]


def _from_microdata(item: Any) -> Any:
    if isinstance(item, list):
        return [_from_microdata(i) for i in item]
    if not isinstance(item, dict):
        return item
    if "properties" in item:
        out = {k: _from_microdata(v) for k, v in item["properties"].items()}
        out["@type"] = item.get("type")
        return out
    return {k: _from_microdata(v) for k, v in item.items()}
