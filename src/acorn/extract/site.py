"""``assemble_site``: every page's facts → one site document with the primary phone, email,
address and hours first.

Ranking: what the owner declared (JSON-LD, microdata) beats what we read; a contact page beats
a footer; a footer value repeated on most pages is site-wide and beats a one-off in a blog
post. Conflicting opening hours are kept as notes, never silently dropped: sites contradict
themselves and a receptionist should say so rather than guess.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from acorn.extract.facts import fact_key
from acorn.extract.hours import DAYS
from acorn.extract.phones import reparse
from acorn.extract.records import site_hours_notes, site_people, site_policies
from acorn.extract.repeated import drop_repeated_sections
from acorn.extract.summary import business_name, site_summary
from acorn.extract.types import ExtractedPage, Fact, FactKind, PageType
from acorn.sitedata import (
    AddressOut,
    CrawlStats,
    EmailOut,
    FAQOut,
    PageOut,
    PhoneOut,
    SectionOut,
    ServiceOut,
    SiteData,
    SocialOut,
    StructuredData,
)

_ORIGIN = {
    "jsonld": 100,
    "microdata": 90,
    "markup": 24,
    "table": 22,
    "link": 14,
    "text": 10,
    "meta": 5,
}
_TYPE = {
    PageType.CONTACT: 30,
    PageType.HOME: 15,
    PageType.ABOUT: 5,
    PageType.PRICING: 5,
    PageType.FAQ: 3,
    PageType.BLOG: -10,
    PageType.LEGAL: -20,
}


def site_region(pages: list[ExtractedPage]) -> str | None:
    """The region most confidently read across the site (TLD, JSON-LD country, postcodes)."""
    votes: Counter[str] = Counter()
    for page in pages:
        for fact in page.facts:
            if fact.kind == FactKind.PHONE and fact.value.get("region_confident"):
                votes[fact.value["region"]] += 1
            elif fact.kind == FactKind.ADDRESS and fact.value.get("country"):
                country = str(fact.value["country"]).upper()
                if len(country) == 2:
                    votes["GB" if country == "UK" else country] += 2
    return votes.most_common(1)[0][0] if votes else None


def _resolve_phone(fact: Fact, region: str | None) -> Fact | None:
    if not fact.value.get("unresolved"):
        return fact
    if region is None:
        region = fact.value.get("region") or "US"
    e164 = reparse(fact.value["display"], region)
    if not e164:
        return None
    value = {**fact.value, "e164": e164, "region": region}
    value.pop("unresolved", None)
    return Fact(fact.kind, value, fact.source_url, fact.origin, fact.context)


class _Ranked:
    """Facts of one kind grouped by value, best group first."""

    def __init__(self, items: list[tuple[Fact, PageType]], n_pages: int) -> None:
        groups: dict[str, list[tuple[Fact, PageType]]] = defaultdict(list)
        for fact, ptype in items:
            groups[fact_key(fact)].append((fact, ptype))
        self.n_pages = n_pages
        self.groups = sorted(groups.values(), key=self.score, reverse=True)

    def score(self, group: list[tuple[Fact, PageType]]) -> float:
        origin = max(_ORIGIN.get(f.origin, 0) for f, _ in group)
        ptype = max(_TYPE.get(t, 0) for _, t in group)
        pages = len({f.source_url for f, _ in group})
        spread = 5 * min(pages, 10) + (
            20 if self.n_pages >= 3 and pages / self.n_pages >= 0.5 else 0
        )
        return origin + ptype + spread

    def best_fact(self, group: list[tuple[Fact, PageType]]) -> Fact:
        return max(group, key=lambda ft: _ORIGIN.get(ft[0].origin, 0) + _TYPE.get(ft[1], 0))[0]


def _hours_text(hours: dict[str, list[list[str]]]) -> str:
    parts = []
    for day in DAYS:
        if day in hours:
            ranges = hours[day]
            shown = ", ".join(f"{a}–{b}" for a, b in ranges) if ranges else "closed"
            parts.append(f"{day.title()} {shown}")
    return "; ".join(parts)


def _agrees(other: dict[str, Any], best: dict[str, Any]) -> bool:
    """``other`` says nothing ``best`` contradicts (it may add days ``best`` leaves out as
    closed: JSON-LD often lists only the open days)."""
    return all(
        (day in best and best[day] == ranges) or (day not in best and ranges == [])
        for day, ranges in other.items()
    )


def _structured(pages: list[ExtractedPage]) -> StructuredData:
    region = site_region(pages)
    by_kind: dict[FactKind, list[tuple[Fact, PageType]]] = defaultdict(list)
    for page in pages:
        for fact in page.facts:
            if fact.kind == FactKind.PHONE:
                resolved = _resolve_phone(fact, region)
                if resolved is None:
                    continue
                fact = resolved
            by_kind[fact.kind].append((fact, page.type))
    n = len(pages)
    data = StructuredData()

    phones = _Ranked(by_kind[FactKind.PHONE], n)
    for group in phones.groups:
        best = phones.best_fact(group)
        shown = next((f.value["display"] for f, _ in group if f.origin == "text"), None)
        data.phones.append(
            PhoneOut(
                e164=best.value["e164"],
                display=shown or best.value["display"],
                source_url=best.source_url,
            )
        )
    emails = _Ranked(by_kind[FactKind.EMAIL], n)
    for group in emails.groups:
        best = emails.best_fact(group)
        data.emails.append(EmailOut(address=str(best.value).lower(), source_url=best.source_url))
    addresses = _Ranked(by_kind[FactKind.ADDRESS], n)
    for group in addresses.groups[:5]:
        best = addresses.best_fact(group)
        data.addresses.append(AddressOut(**best.value, source_url=best.source_url))
    data.address = data.addresses[0] if data.addresses else None

    hours = _Ranked(by_kind[FactKind.OPENING_HOURS], n)
    if hours.groups:
        best = hours.best_fact(hours.groups[0])
        data.opening_hours = dict(best.value)
        data.opening_hours_source = best.source_url
        for group in hours.groups[1:]:
            other = hours.best_fact(group)
            if _agrees(other.value, data.opening_hours):
                for day, ranges in other.value.items():
                    data.opening_hours.setdefault(day, ranges)  # closed days it adds
                data.opening_hours = {
                    d: data.opening_hours[d] for d in DAYS if d in data.opening_hours
                }
                continue
            context = other.context.replace("\n", " / ")[:200]
            data.opening_hours_notes.append(
                f"{other.source_url} also says: {_hours_text(other.value)} (“{context}”)"
            )

    ordered = sorted(
        by_kind[FactKind.SERVICE],
        key=lambda ft: 0 if ft[1] == PageType.PRICING else 1,
    )
    keys: set[str] = set()
    for fact, _ in ordered:
        key = fact_key(fact)
        if key in keys:
            continue
        keys.add(key)
        v = fact.value
        data.services.append(
            ServiceOut(
                name=v.get("name") or "",
                price=v.get("price"),
                currency=v.get("currency"),
                amount=v.get("amount"),
                amount_max=v.get("amount_max"),
                description=v.get("description"),
                variant=v.get("variant"),
                section=v.get("section"),
                position=v.get("position"),
                source_url=fact.source_url,
            )
        )

    price_range = _Ranked(by_kind[FactKind.PRICE_RANGE], n)
    if price_range.groups:
        data.price_range = str(price_range.best_fact(price_range.groups[0]).value)
    social_seen: set[str] = set()
    for fact, _ in by_kind[FactKind.SOCIAL]:
        key = fact_key(fact)
        if key not in social_seen:
            social_seen.add(key)
            data.social.append(SocialOut(network=fact.value["network"], url=fact.value["url"]))
    return data


def _page_out(page: ExtractedPage) -> PageOut:
    return PageOut(
        url=page.url,
        title=page.title,
        depth=page.depth,
        type=page.type.value,
        word_count=page.word_count,
        description=page.description,
        lang=page.lang,
        clean_text=page.clean_text,
        sections=[
            SectionOut(heading_path=list(s.heading_path), level=s.level, text=s.text)
            for s in page.sections
        ],
        content_hash=page.content_hash,
        noindex=page.noindex,
        rendered=page.rendered,
        fetched_at=page.fetched_at,
        facts=[
            {
                "kind": f.kind.value,
                "value": f.value,
                "source_url": f.source_url,
                "origin": f.origin,
                "context": f.context,
            }
            for f in page.facts
        ],
    )


def assemble_site(
    root_url: str,
    pages: list[ExtractedPage],
    *,
    stats: CrawlStats | None = None,
    log: list[dict[str, Any]] | None = None,
) -> SiteData:
    """Merge extracted pages into the scraped-data document."""
    pages = drop_repeated_sections(sorted(pages, key=lambda p: (p.depth, p.url)))
    data = _structured(pages)
    data.name = business_name(root_url, pages)
    data.people = site_people(pages)
    data.policies = site_policies(pages)
    data.hours_notes = site_hours_notes(pages)
    faqs: list[FAQOut] = []
    seen: set[str] = set()
    for page in pages:
        for faq in page.faqs:
            key = " ".join(faq.question.lower().split())
            if key not in seen:
                seen.add(key)
                faqs.append(
                    FAQOut(
                        question=faq.question,
                        answer=faq.answer,
                        source_url=faq.source_url,
                        origin=faq.origin,
                    )
                )
    fetched = [p.fetched_at for p in pages if p.fetched_at is not None]
    return SiteData(
        root_url=root_url,
        name=data.name,
        crawled_at=max(fetched) if fetched else None,
        summary=site_summary(root_url, pages),
        structured_data=data,
        pages=[_page_out(p) for p in pages],
        auto_faqs=faqs,
        stats=stats or CrawlStats(),
        log=list(log or []),
    )
