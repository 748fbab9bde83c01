"""The business's name and a one-line summary, extractive (an LLM option comes later).

Owners already wrote a summary for search engines (meta description, og:description, JSON-LD
``description``); we prefer theirs on the home page and only fall back to the first good
sentence of the home page's own text.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from acorn.extract.types import ExtractedPage, FactKind, PageType

_TITLE_SPLIT = re.compile(r"\s+[|–—·:-]\s+|\s+-\s+")
_BAD = re.compile(r"cookie|javascript|enable|browser|subscribe|sign up|log ?in|skip to", re.I)
MAX_SUMMARY = 300


def home_page(root_url: str, pages: list[ExtractedPage]) -> ExtractedPage | None:
    if not pages:
        return None
    root = urlsplit(root_url)
    for page in pages:
        parts = urlsplit(page.url)
        if (
            parts.path.strip("/") in {"", "index.html", "index.php"}
            and parts.hostname == root.hostname
        ):
            return page
    homes = [p for p in pages if p.type == PageType.HOME]
    return homes[0] if homes else min(pages, key=lambda p: p.depth)


def _first_sentence(text: str, limit: int = MAX_SUMMARY) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    out = sentences[0] if sentences else ""
    return out if len(out) <= limit else out[: limit - 1].rsplit(" ", 1)[0] + "…"


def site_summary(root_url: str, pages: list[ExtractedPage]) -> str:
    """The owner's own description of the home page when it says something (8+ words), else
    the home page's first real sentence, else the description most pages share, else the
    about page's first real sentence (a home page can be a bare picture and a menu)."""
    home = home_page(root_url, pages)
    if home is not None:
        for origin in ("jsonld", "microdata", "meta"):
            for fact in home.facts:
                if fact.kind == FactKind.DESCRIPTION and fact.origin == origin:
                    text = str(fact.value).strip()
                    if len(text.split()) >= 8 and not _BAD.search(text):
                        return _first_sentences(text)
        if line := _first_real_sentence(home):
            return line
    descriptions = Counter(p.description for p in pages if p.description)
    if descriptions:
        return _first_sentences(descriptions.most_common(1)[0][0])
    for page in sorted(pages, key=lambda p: p.depth):
        if page.type == PageType.ABOUT and (line := _first_real_sentence(page)):
            return line
    return ""


def _first_real_sentence(page: ExtractedPage) -> str:
    for section in page.sections:
        for line in section.text.split("\n"):
            line = line.removeprefix("- ").strip()
            if len(line.split()) >= 8 and line[-1:] in ".!" and not _BAD.search(line):
                return _first_sentence(line)
    return ""


def _first_sentences(text: str) -> str:
    """Keep whole sentences up to the limit: meta descriptions often hold two short ones."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    out = ""
    for s in sentences:
        if out and len(out) + 1 + len(s) > MAX_SUMMARY:
            break
        out = f"{out} {s}".strip()
    return out if out else _first_sentence(text)


def business_name(root_url: str, pages: list[ExtractedPage]) -> str | None:
    """JSON-LD/microdata name, then og:site_name, then the part of page titles they share."""
    names: Counter[str] = Counter()
    for origin, weight in (("jsonld", 100), ("microdata", 90), ("meta", 10)):
        for page in pages:
            for fact in page.facts:
                if fact.kind == FactKind.NAME and fact.origin == origin:
                    names[str(fact.value)] += weight
    if names:
        return names.most_common(1)[0][0]
    parts: Counter[str] = Counter()
    for page in pages:
        for part in _TITLE_SPLIT.split(page.title):
            if part.strip():
                parts[part.strip()] += 1
    home = home_page(root_url, pages)
    if home is not None and home.title:
        # A part many titles share but the home page's title lacks names a section or a
        # product line ("Brand - Treatment" on every treatment page), not the business.
        own = [p.strip() for p in _TITLE_SPLIT.split(home.title) if p.strip()]
        parts = Counter({p: parts[p] for p in own})
    if parts:
        best, count = parts.most_common(1)[0]
        if count >= 2 or len(pages) == 1:
            return best
    return home.title or None if home else None
