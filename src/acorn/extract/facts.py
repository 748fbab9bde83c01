"""Facts read from a page's whole text and links (headers and footers included: that is where
small businesses put their phone number), after the structured data has had its say."""

from __future__ import annotations

from typing import Any

from lxml import html

from acorn.extract import emails as em
from acorn.extract import phones as ph
from acorn.extract.address import find_addresses
from acorn.extract.dom import Block, iter_links
from acorn.extract.hours import find_hours
from acorn.extract.prices import service_from_line
from acorn.extract.social import social_network
from acorn.extract.types import Fact, FactKind
from acorn.values.money import MONEY, MONEY_HINT


def phone_value(e164: str, display: str, region: str, confident: bool) -> dict[str, Any]:
    return {"e164": e164, "display": display, "region": region, "region_confident": confident}


def resolve_structured_phones(facts: list[Fact], region: str, confident: bool) -> list[Fact]:
    """JSON-LD telephones arrive raw; give them E.164 in the page's region."""
    out: list[Fact] = []
    for fact in facts:
        if fact.kind == FactKind.PHONE and "raw" in fact.value:
            raw = fact.value["raw"]
            e164 = ph.reparse(raw, region)
            if e164:
                fact.value = phone_value(e164, raw, region, confident)
            else:
                fact.value = {**phone_value("", raw, region, False), "unresolved": True}
        out.append(fact)
    return out


def text_facts(
    root: html.HtmlElement,
    url: str,
    full_text: str,
    main: list[Block],
    region: str,
    confident: bool,
    *,
    lang: str | None = None,
) -> list[Fact]:
    facts: list[Fact] = []
    found_e164: set[str] = set()
    for e164, display, ctx in ph.find_phones(full_text, region):
        facts.append(
            Fact(FactKind.PHONE, phone_value(e164, display, region, confident), url, "text", ctx)
        )
        found_e164.add(e164)
    for href, anchor in iter_links(root):
        low = href.lower()
        if low.startswith("tel:"):
            parsed = ph.parse_tel_href(href, region)
            if parsed:
                facts.append(
                    Fact(
                        FactKind.PHONE, phone_value(*parsed, region, confident), url, "link", anchor
                    )
                )
                found_e164.add(parsed[0])
            elif not confident:
                raw = " ".join(href[4:].split())
                value = {**phone_value("", raw, region, False), "unresolved": True}
                facts.append(Fact(FactKind.PHONE, value, url, "link", anchor))
        elif low.startswith("mailto:"):
            addr = em.from_mailto(href)
            if addr:
                facts.append(Fact(FactKind.EMAIL, addr, url, "link", anchor))
        else:
            network = social_network(href)
            if network:
                facts.append(Fact(FactKind.SOCIAL, {"network": network, "url": href}, url, "link"))
    if not confident:
        for raw, ctx in ph.unresolved_candidates(full_text):
            value = {**phone_value("", raw, region, False), "unresolved": True}
            facts.append(Fact(FactKind.PHONE, value, url, "text", ctx))
    for el in root.iterfind(".//*[@data-cfemail]"):
        addr = em.decode_cfemail(el.get("data-cfemail") or "")
        if addr:
            facts.append(Fact(FactKind.EMAIL, addr, url, "text", "cloudflare-protected"))
    for addr, ctx in em.find_emails(full_text):
        facts.append(Fact(FactKind.EMAIL, addr, url, "text", ctx))
    for hours, ctx in find_hours(full_text, lang=lang):
        origin = "table" if " | " in ctx else "text"
        facts.append(Fact(FactKind.OPENING_HOURS, hours, url, origin, ctx))
    for address, ctx in find_addresses(full_text):
        facts.append(Fact(FactKind.ADDRESS, address, url, "text", ctx))
    facts.extend(_service_facts(main, url))
    return facts


def _service_facts(main: list[Block], url: str) -> list[Fact]:
    out: list[Fact] = []
    heading = ""
    prev = ""
    for block in main:
        if block.kind == "heading":
            heading, prev = block.text, ""
            continue
        for raw in block.text.split("\n"):
            line, prev = _pair_with_name(raw, prev), raw
            if (len(line) > 120 and " | " not in line) or not MONEY_HINT.search(line):
                continue  # prose paragraphs are not menu lines; skip the costly price regex
            if not MONEY.search(line):
                continue
            service = service_from_line(line)
            if service is None:
                continue
            if not service.get("description") and heading:
                service["description"] = heading
            origin = "table" if " | " in raw else "text"
            out.append(Fact(FactKind.SERVICE, service, url, origin, line[:300]))
    return out


def _pair_with_name(line: str, prev: str) -> str:
    """A line that is only a price ("- £6.50" from a <dd>) belongs to the name above it."""
    bare = line.removeprefix("- ").strip()
    if len(bare) > 40 or not MONEY_HINT.search(bare):
        return line
    m = MONEY.fullmatch(bare)
    name = prev.removeprefix("- ").strip()
    if m and name and not MONEY.search(name) and len(name) <= 80:
        return f"{name} | {bare}"
    return line


def dedupe(facts: list[Fact]) -> list[Fact]:
    """One fact per value and kind on a page; structured data and links win over text."""
    rank = {"jsonld": 0, "microdata": 1, "markup": 2, "table": 3, "text": 4, "link": 5, "meta": 6}
    best: dict[tuple[str, str], Fact] = {}
    order: list[tuple[str, str]] = []
    for fact in facts:
        key = (fact.kind.value, fact_key(fact))
        if key not in best:
            best[key] = fact
            order.append(key)
        elif rank.get(fact.origin, 9) < rank.get(best[key].origin, 9):
            if fact.kind == FactKind.PHONE and best[key].origin == "text":
                fact.value = {**fact.value, "display": best[key].value["display"]}
            best[key] = fact
    return [best[k] for k in order]


def fact_key(fact: Fact) -> str:
    v = fact.value
    if fact.kind == FactKind.PHONE:
        return v.get("e164") or "raw:" + "".join(c for c in v.get("display", "") if c.isdigit())
    if fact.kind == FactKind.EMAIL:
        return str(v).lower()
    if fact.kind == FactKind.ADDRESS:
        return (v.get("postal_code") or v.get("formatted") or "").lower().replace(" ", "")
    if fact.kind == FactKind.SERVICE:
        return f"{(v.get('name') or '').lower()}|{v.get('price') or ''}"
    if fact.kind == FactKind.SOCIAL:
        return v["url"].lower().rstrip("/").replace("://www.", "://")
    if fact.kind == FactKind.OPENING_HOURS:
        return repr(sorted(v.items()))
    return str(v).lower()
