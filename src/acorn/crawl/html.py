"""What the crawler needs from a page's HTML, read in one selectolax (lexbor) parse: links,
``<base>``, canonical, robots meta, the visible main text (for content dedupe) and whether the
page looks like it needs JavaScript to show its text.

Extraction proper (sections, facts) happens later in a worker process; this stays cheap because
it runs on the crawl's event loop for every page.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser
from w3lib.encoding import html_to_unicode

from acorn.crawl.robots import parse_robots_directives

# Below this many words of main text, a page in render mode "auto" is rendered in Chromium.
MIN_STATIC_WORDS = 40
LINK_TEXT_CHARS = 80
SPA_ROOTS = "#root, #app, #__next, #__nuxt, #___gatsby, [data-reactroot], app-root"
_BOILERPLATE = ["script", "style", "noscript", "template", "svg", "nav", "header", "footer"]
_JS_HINT = re.compile(
    r"enable javascript|javascript (is )?(required|disabled)|turn on javascript", re.I
)


@dataclass(slots=True)
class PageSignals:
    title: str = ""
    links: list[str] = field(default_factory=list)  # raw hrefs, in page order
    link_texts: dict[str, str] = field(default_factory=dict)  # href -> its first anchor text
    base: str | None = None
    canonical: str | None = None
    noindex: bool = False
    nofollow: bool = False
    text: str = ""  # visible main text, whitespace collapsed
    render_reason: str | None = None  # why "auto" mode should render this page
    scripted: bool = False  # runs scripts of its own (JSON-LD and other data blocks are not)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def decode_html(body: bytes, content_type_header: str | None) -> str:
    """Decode using the BOM, the HTTP charset, the ``<meta charset>``, then detection."""
    _encoding, text = html_to_unicode(content_type_header, body)
    return text


def read_page(html: str) -> PageSignals:
    tree = LexborHTMLParser(html)
    out = PageSignals()
    head = tree.head
    if head is not None:
        title = head.css_first("title")
        out.title = title.text(strip=True) if title is not None else ""
        for meta in head.css("meta[name]"):
            name = (meta.attributes.get("name") or "").lower()
            if name in ("robots", "acornbot"):
                noindex, nofollow = parse_robots_directives(meta.attributes.get("content") or "")
                out.noindex |= noindex
                out.nofollow |= nofollow
        base = head.css_first("base[href]")
        out.base = base.attributes.get("href") if base is not None else None
    for link in tree.css("link[rel][href]"):
        rels = (link.attributes.get("rel") or "").lower().split()
        if "canonical" in rels:
            out.canonical = link.attributes.get("href")
            break
    links = out.links
    for anchor in tree.css("a[href], area[href]"):
        href = anchor.attributes.get("href")
        if href and not href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            links.append(href)
            if href not in out.link_texts:
                out.link_texts[href] = anchor.text(strip=True)[:LINK_TEXT_CHARS]

    body = tree.body
    if body is None:
        return out
    noscript_hint = any(_JS_HINT.search(n.text()) for n in body.css("noscript"))
    empty_root = any(
        not node.text(strip=True) and next(node.iter(), None) is None
        for node in body.css(SPA_ROOTS)
    )
    # Rendering cannot add text to a page that runs no script of its own.
    scripted = any(
        (s.attributes.get("type") or "text/javascript").lower()
        in ("text/javascript", "module", "application/javascript")
        for s in tree.css("script")
    )
    out.scripted = scripted
    tree.strip_tags(_BOILERPLATE)
    text = " ".join(body.text(separator=" ").split())
    out.text = text
    words = text.count(" ") + 1 if text else 0
    if not scripted:
        return out
    if empty_root:
        out.render_reason = "empty app root"
    elif noscript_hint and words < MIN_STATIC_WORDS * 5:
        out.render_reason = "page asks for JavaScript"
    elif words < MIN_STATIC_WORDS:
        out.render_reason = f"only {words} words of static text"
    return out
