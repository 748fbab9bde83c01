"""Keep 404 templates, "under construction" pages and lorem ipsum out of the index.

Static copies and theme-built sites ship error templates and placeholder pages that a crawl
reaches through sitemaps and stray links. Indexed, they answer visitor questions with
"Page not found" or Latin filler; so a short page whose title, headings or opening line say
it is an error or a placeholder keeps no sections, and filler sections are dropped anywhere.
Facts found on such pages (a footer phone number) are still kept by the caller.
"""

from __future__ import annotations

import re

from acorn.extract.types import Section

# what error templates and unfinished pages say in their title, headings or first line
_PLACEHOLDER = re.compile(
    r"\b(?:404|page\s+not\s+found|not\s+found|under\s+construction|in\s+development|"
    r"redirecting|page\s+unavailable)\b",
    re.I,
)
_FILLER = re.compile(r"\blorem\s+ipsum\b|\bdolor\s+sit\s+amet\b", re.I)
_TODO = re.compile(r"\b(?:TODO|TBD)\b")  # upper case: "todo" is also a word in some languages
# a section that is only a to-do note ("TODO: populate me!")
_TODO_ONLY = re.compile(r"^\W*(?:todo|tbd|tba)\b.{0,60}$", re.I | re.S)
MAX_PLACEHOLDER_CHARS = 600  # a longer page has real content whatever its heading says


def is_placeholder(title: str, sections: list[Section]) -> bool:
    """A short page that announces itself as an error or placeholder, or is a to-do note."""
    text_len = sum(len(s.text) for s in sections)
    if text_len > MAX_PLACEHOLDER_CHARS:
        return False
    labels = [title, *(h for s in sections for h in s.heading_path)]
    labels += [s.text.split("\n", 1)[0][:200] for s in sections[:1]]
    if any(_PLACEHOLDER.search(label) for label in labels if label):
        return True
    return any(_TODO.search(s.text) or _FILLER.search(s.text) for s in sections)


def drop_placeholders(title: str, sections: list[Section]) -> list[Section]:
    """Sections worth indexing: none for a placeholder page, and no filler or to-do notes."""
    kept = [s for s in sections if not _FILLER.search(s.text) and not _TODO_ONLY.match(s.text)]
    return [] if is_placeholder(title, kept) else kept
