"""Whether a site needs the browser, decided once from its entry page.

Per-page static signals (an empty app root, a page asking for JavaScript, almost no text) miss
the commonest case on small business sites: a full-looking static page whose header, footer or
contact block is filled in by a script. There the static HTML has no navigation links, and
shows the template's placeholder phone and address, which the script then replaces; reading it
statically crawls three pages and keeps the placeholders as facts. So the entry page is rendered
once and compared with its static HTML: links the browser sees that the static HTML lacks, and
words the scripts added or replaced. When scripts change what a visitor sees, every page of the
site is rendered. A site whose entry page runs no script of its own is never rendered here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from acorn.crawl.urls import normalize_url

# Scripts that change this many words of visible text change what a visitor reads. Below it
# sit a year in the copyright line or a greeting; a filled-in phone and address is 4 or more.
MIN_CHANGED_WORDS = 4
_NOT_VISIBLE = ["script", "style", "noscript", "template", "head"]


@dataclass(slots=True, frozen=True)
class RenderDecision:
    """The verdict for one site, with the figures that led to it (for the job log)."""

    render_all: bool
    reason: str
    new_links: int = 0  # same-site links only the rendered page has
    added_words: int = 0
    removed_words: int = 0  # static words the scripts replaced (placeholders)
    app: bool = False  # a single-page app: its deep links may only work inside the browser


def visible_words(html: str) -> Counter[str]:
    """Words of everything a visitor could read on the page, chrome included: a script that
    fills the footer changes exactly the part main-text extraction would ignore."""
    tree = LexborHTMLParser(html)
    body = tree.body
    if body is None:
        return Counter()
    tree.strip_tags(_NOT_VISIBLE)
    for node in body.css("[hidden], [aria-hidden=true]"):
        node.decompose()
    return Counter(body.text(separator=" ").lower().split())


def page_links(html: str, base: str, same_site: Callable[[str], bool]) -> set[str]:
    tree = LexborHTMLParser(html)
    out: set[str] = set()
    for anchor in tree.css("a[href]"):
        href = anchor.attributes.get("href") or ""
        if href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            continue
        url = normalize_url(href, base)
        if url and same_site(url):
            out.add(url)
    return out


def decide(
    url: str,
    static_html: str,
    rendered_html: str,
    same_site: Callable[[str], bool],
    *,
    static_empty_root: bool = False,
) -> RenderDecision:
    """Compare the entry page's static HTML with its rendering (see the module docstring)."""
    new_links = len(
        page_links(rendered_html, url, same_site) - page_links(static_html, url, same_site)
    )
    static, rendered = visible_words(static_html), visible_words(rendered_html)
    added = sum((rendered - static).values())
    removed = sum((static - rendered).values())
    changes = []
    if new_links:
        changes.append(f"{new_links} links only in the rendered page")
    if added >= MIN_CHANGED_WORDS:
        changes.append(f"{added} words added by scripts")
    if removed >= MIN_CHANGED_WORDS or (removed and added >= MIN_CHANGED_WORDS):
        changes.append(f"{removed} static words replaced by scripts")
    if not changes:
        return RenderDecision(
            False,
            "rendering the entry page changed nothing a visitor reads; pages stay static",
            new_links,
            added,
            removed,
        )
    app = bool(new_links) and (static_empty_root or added > 2 * sum(static.values()))
    kind = "a single-page app" if app else "scripts change what a visitor sees"
    return RenderDecision(
        True,
        f"{kind} ({', '.join(changes)}): every page is rendered",
        new_links,
        added,
        removed,
        app,
    )
