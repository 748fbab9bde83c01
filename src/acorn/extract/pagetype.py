"""Guess what kind of page this is from its URL path, title, headings and facts.

The type steers ranking later (a contact page's phone number beats one in a blog post) and
lets the answerer cite "our prices page". URL words are the strongest cue, content the fallback.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from acorn.extract.types import Fact, FactKind, PageType, Section

_RULES: list[tuple[PageType, re.Pattern[str]]] = [
    (
        PageType.LEGAL,
        re.compile(
            r"privacy|terms|cookie|legal|gdpr|disclaimer|small-?print|accessibility|imprint|impressum|policy|policies|conditions",
            re.I,
        ),
    ),
    (
        PageType.CONTACT,
        re.compile(
            r"contact|find-?us|get-?in-?touch|location|directions|visit-?us|reach-?us|how-?to-?find",
            re.I,
        ),
    ),
    (PageType.PRICING, re.compile(r"pric|fees|rates|tariff|cost|menu|plans?(?:$|[/-])", re.I)),
    (PageType.FAQ, re.compile(r"faq|questions|help|q-?and-?a", re.I)),
    (
        PageType.TEAM,
        re.compile(
            r"team|staff|people|our-?dentists|doctors|meet|who-?we-?are|leadership|clergy|elders",
            re.I,
        ),
    ),
    (
        PageType.BLOG,
        re.compile(
            r"blog|news|article|posts?(?:$|/)|stories|events?(?:$|/)|/\d{4}/\d{2}/|press|sermons?",
            re.I,
        ),
    ),
    (
        PageType.ABOUT,
        re.compile(r"about|our-?story|history|practice|mission|who-?we|ethos|philosophy", re.I),
    ),
    (
        PageType.SERVICE,
        re.compile(
            r"service|treatment|what-?we-?do|offer|solutions|products|rooms|activities|classes|care",
            re.I,
        ),
    ),
]


_NOT_FOUND = re.compile(r"\b404\b|not found|under construction|coming soon", re.I)


_WORD_RULES: list[tuple[PageType, re.Pattern[str]]] = [
    (PageType.OTHER, re.compile(r"\b(?:log ?in|sign ?in|checkout|basket|cart|thank you)\b", re.I)),
    (
        PageType.LEGAL,
        re.compile(
            r"\b(?:privacy|terms|cookies? policy|legal|disclaimer|accessibility|imprint|impressum|small print)\b",
            re.I,
        ),
    ),
    (
        PageType.CONTACT,
        re.compile(r"\b(?:contact|find us|get in touch|directions|location|visit us)\b", re.I),
    ),
    (PageType.FAQ, re.compile(r"\b(?:faqs?|frequently asked|questions)\b", re.I)),
    (PageType.PRICING, re.compile(r"\b(?:prices|pricing|fees|rates|tariffs?|price list)\b", re.I)),
    (
        PageType.TEAM,
        re.compile(
            r"\b(?:our team|the team|meet the|our staff|our people|our dentists|our doctors|clergy|elders|leadership)\b",
            re.I,
        ),
    ),
    (PageType.BLOG, re.compile(r"\b(?:blog|news|articles?|sermons?)\b", re.I)),
    (PageType.ABOUT, re.compile(r"\b(?:about|our story|history|who we are|our mission)\b", re.I)),
    (
        PageType.SERVICE,
        re.compile(
            r"\b(?:services?|treatments?|what we do|catering|classes|courses|rooms|accommodation|activities|products|wholesale)\b",
            re.I,
        ),
    ),
]


def _own_title(title: str, site_name: str) -> str:
    """The page's part of its title: "Prices | Harbour Smiles Dental" → "Prices"."""
    parts = [p.strip() for p in re.split(r"\s+[|–—·-]\s+", title) if p.strip()]
    name = site_name.strip().lower()
    if name:
        return " ".join(p for p in parts if p.lower() != name)
    return parts[0] if parts else ""


def guess_page_type(
    url: str, title: str, sections: list[Section], facts: list[Fact], site_name: str = ""
) -> PageType:
    """home, contact, about, service, pricing, faq, team, blog, legal or other."""
    if _NOT_FOUND.search(title):
        return PageType.OTHER
    path = urlsplit(url).path.lower()
    path = re.sub(r"/(?:index|default)\.(?:html?|php|aspx?)$", "/", path)
    if path.strip("/") == "":
        return PageType.HOME
    last = path.rstrip("/").rsplit("/", 1)[-1]
    for page_type, rule in _RULES:
        if rule.search(last):
            return page_type
    for page_type, rule in _RULES:
        if rule.search(path):
            return page_type
    h1 = next((s.heading_path[0] for s in sections if s.heading_path), "")
    for text in (_own_title(title, site_name), h1):
        for page_type, rule in _WORD_RULES:
            if rule.search(text):
                return page_type
    kinds = [f.kind for f in facts]
    if kinds.count(FactKind.SERVICE) >= 4:
        return PageType.PRICING
    questions = sum(1 for s in sections if s.heading_path and s.heading_path[-1].endswith("?"))
    if questions >= 3:
        return PageType.FAQ
    return PageType.OTHER
