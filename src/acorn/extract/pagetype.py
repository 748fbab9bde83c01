"""Guess what kind of page this is from its URL path, title, headings and facts.

The type steers ranking later (a contact page's phone number beats one in a blog post) and
lets the answerer cite "our prices page". URL words are the strongest cue, content the fallback.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from acorn.extract.pagewords import fold, url_pattern, word_pattern
from acorn.extract.types import Fact, FactKind, PageType, Section

# Tried in this order: the first kind whose word a URL or title holds wins ("privacy-policy"
# is legal, not a price "plan"; "contact-team" is contact).
_ORDER = (
    PageType.LEGAL,
    PageType.CONTACT,
    PageType.PRICING,
    PageType.FAQ,
    PageType.TEAM,
    PageType.BLOG,
    PageType.ABOUT,
    PageType.SERVICE,
)
_DATE_ARCHIVE = re.compile(r"/\d{4}/\d{2}/")


_NOT_FOUND = re.compile(r"\b404\b|not found|under construction|coming soon", re.I)


_NOT_CONTENT = re.compile(r"\b(?:log ?in|sign ?in|checkout|basket|cart|thank you)\b", re.I)


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
    path = fold(unquote(urlsplit(url).path).lower())
    path = re.sub(r"/(?:index|default)\.(?:html?|php|aspx?)$", "/", path)
    if path.strip("/") == "":
        return PageType.HOME
    last = "/" + path.rstrip("/").rsplit("/", 1)[-1]
    for where in (last, path):
        for page_type in _ORDER:
            if url_pattern(page_type).search(where):
                return page_type
    if _DATE_ARCHIVE.search(path):
        return PageType.BLOG
    h1 = next((s.heading_path[0] for s in sections if s.heading_path), "")
    for text in (fold(_own_title(title, site_name)), fold(h1)):
        if _NOT_CONTENT.search(text):
            return PageType.OTHER
        for page_type in _ORDER:
            if word_pattern(page_type).search(text):
                return page_type
    kinds = [f.kind for f in facts]
    if kinds.count(FactKind.SERVICE) >= 4:
        return PageType.PRICING
    questions = sum(1 for s in sections if s.heading_path and s.heading_path[-1].endswith("?"))
    if questions >= 3:
        return PageType.FAQ
    return PageType.OTHER
