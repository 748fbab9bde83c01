"""Sections repeated across a site are indexed once.

A side panel, call-to-action or footer block that a theme prints on every page is real
content the first time and noise after that: each copy competes in retrieval with the page
that actually answers. Per-page heuristics cannot tell a site-wide block from a page's own;
the whole crawl can. So a section whose heading and text recur on several pages is kept on
the shallowest page only (pages arrive sorted by depth, home page first).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from acorn.extract.sections import sections_text
from acorn.extract.types import ExtractedPage, Section

MIN_PAGES = 3  # a block on two pages may be a shared paragraph; three is a template
MIN_SHARE = 0.3  # ... and on at least this share of the site's pages
MIN_CHARS = 20  # shorter text ("Read more", a lone name) is left to other rules


def _key(section: Section) -> tuple[str, str]:
    heading = section.heading_path[-1] if section.heading_path else ""
    return heading.casefold(), " ".join(section.text.split()).casefold()


def drop_repeated_sections(pages: list[ExtractedPage]) -> list[ExtractedPage]:
    """``pages`` with every site-wide repeated section kept only on its first page."""
    counts: Counter[tuple[str, str]] = Counter()
    for page in pages:
        counts.update({_key(s) for s in page.sections if len(s.text) >= MIN_CHARS})
    limit = max(MIN_PAGES, MIN_SHARE * len(pages))
    repeated = {k for k, n in counts.items() if n >= limit}
    if not repeated:
        return pages
    seen: set[tuple[str, str]] = set()
    out: list[ExtractedPage] = []
    for page in pages:
        kept: list[Section] = []
        for sec in page.sections:
            key = _key(sec)
            if key in repeated:
                if key in seen:
                    continue
                seen.add(key)
            kept.append(sec)
        if len(kept) == len(page.sections):
            out.append(page)
        else:
            out.append(replace(page, sections=kept, clean_text=sections_text(kept)))
    return out
