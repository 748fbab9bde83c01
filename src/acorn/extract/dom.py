"""Parse a page once and turn any part of it into readable blocks.

Every extractor in this package reads the same lxml tree, so a page is parsed exactly once.
``blocks`` walks a tree (the original DOM or trafilatura's output tree, whose tags it maps)
and yields headings, paragraphs, list items and table rows with line breaks kept, which is
what sections, addresses (``<br>``-separated lines) and opening-hours tables all need.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from lxml import etree, html

MAX_HTML_CHARS = 3_000_000  # larger pages are cut: a business page is rarely over 300 KB

BlockKind = Literal["heading", "para", "item", "row"]

SKIP_ALWAYS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "head",
        "title",
        "meta",
        "link",
        "button",
        "select",
        "option",
        "textarea",
        "input",
        "canvas",
        "video",
        "audio",
        "object",
        "embed",
        "map",
    }
)
# Chrome that never holds main content (still read for facts: footers carry phone numbers).
BOILERPLATE_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "dialog", "menu"})
BOILERPLATE_ATTR = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|popup|modal|newsletter|breadcrumbs?|"
    r"share|sharing|skip|sr-only|screen-reader|visually-hidden|nav|navbar|navigation|"
    r"sidebar|footer|masthead|topbar|top-bar|offcanvas|comments?|related)"
    r"(?:$|[\s_-])",
    re.I,
)
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "address",
        "figure",
        "figcaption",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "caption",
        "hr",
        "details",
        "summary",
        "fieldset",
        "center",
        "body",
        "html",
        "header",
        "footer",
        "nav",
        "aside",
        "form",
        "li",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        # trafilatura output tags
        "doc",
        "list",
        "item",
        "row",
        "cell",
        "head",
        "quote",
        "code",
    }
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


@dataclass(slots=True)
class Block:
    kind: BlockKind
    text: str
    level: int = 0  # heading level 1..6


def parse_html(markup: str) -> html.HtmlElement | None:
    """Parse HTML leniently; ``None`` when there is nothing to parse.

    Passing bytes with an explicit encoding avoids lxml's refusal of str input that carries an
    XML encoding declaration, and stray undecodable characters never raise.
    """
    if not markup or not markup.strip():
        return None
    markup = _XML_DECL.sub("", markup[:MAX_HTML_CHARS], count=1)
    parser = html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None
    return root


def clean_ws(text: str) -> str:
    """Collapse all whitespace (newlines and no-break spaces included) to single spaces."""
    if "\u200b" in text:
        text = text.replace("\u200b", "")
    return " ".join(text.split())


def _tag(el: etree._Element) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def is_hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return (
        bool(style)
        and re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style or "") is not None
    )


# An accordion's trigger: a button that opens a panel (its text is the panel's question).
_PANEL_HOST = re.compile(r"accordion|collaps|faq|toggle|expand|question|disclosure", re.I)
# Buttons that work the page rather than label content.
_UI_BUTTON = re.compile(
    r"^(?:menu|close|open|submit|send|search|go|ok|cancel|accept(?: all)?|reject(?: all)?|"
    r"decline|next|prev(?:ious)?|back|more|less|(?:read|show|see|load|view) (?:more|less|all)|"
    r"toggle\b.*|skip\b.*|log ?in|sign (?:in|up)|subscribe|book now|buy now|add to (?:cart|basket)|"
    r"play|pause|share)$",
    re.I,
)


def labels_panel(el: etree._Element) -> bool:
    """A ``<button>`` that opens a panel of content (an accordion question), not a control
    ("Submit", "Menu"): it declares what it opens (aria-controls / aria-expanded / a collapse
    target) or sits in an accordion-like item, and its text is more than a UI word."""
    text = clean_ws(" ".join(el.itertext()))
    if not 4 <= len(text) <= 200 or _UI_BUTTON.match(text.rstrip(" .!")):
        return False
    if el.get("aria-controls") or el.get("aria-expanded") is not None:
        return True
    if "collapse" in (el.get("data-toggle") or el.get("data-bs-toggle") or ""):
        return True
    for depth, anc in enumerate(el.iterancestors()):
        if depth >= 3:
            break
        if _PANEL_HOST.search(f"{anc.get('id') or ''} {anc.get('class') or ''}"):
            return True
    return False


def openable_ids(root: etree._Element) -> frozenset[str]:
    """Ids of panels a visitor can open (named by a button's aria-controls or collapse
    target): hidden until clicked, but content all the same."""
    refs = root.xpath("//@aria-controls | //@data-target | //@data-bs-target")
    return frozenset(ref.lstrip("#") for value in refs for ref in str(value).split())


def is_boilerplate(el: etree._Element) -> bool:
    """Navigation, footers, cookie banners and other chrome around the main content."""
    tag = _tag(el)
    if tag in BOILERPLATE_TAGS:
        return True
    role = el.get("role")
    if role in {"navigation", "banner", "contentinfo", "complementary", "dialog", "search"}:
        return True
    if tag in {"body", "html", "main", "article"}:
        return False
    attrs = f"{el.get('id') or ''} {el.get('class') or ''}"
    return bool(attrs.strip()) and BOILERPLATE_ATTR.search(attrs) is not None


def _heading_level(el: etree._Element, tag: str) -> int:
    if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
        return int(tag[1])
    return 0


class _Walker:
    def __init__(
        self, skip_boilerplate: bool, max_chars: int, openable: frozenset[str] = frozenset()
    ) -> None:
        self.skip_boilerplate = skip_boilerplate
        self.openable = openable  # hidden panels a button opens: read like visible ones
        self.after_label = False  # the last element walked was a panel's button
        self.in_main = 0  # inside <main>/<article>: their own header/footer are content
        self.max_chars = max_chars
        self.out: list[Block] = []
        self.buf: list[str] = []
        self.chars = 0
        self.kind: BlockKind = "para"

    def flush(self) -> None:
        if not self.buf:
            return
        raw = "".join(self.buf)
        self.buf = []
        lines = [clean_ws(line) for line in raw.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            if self.kind == "item":
                text = "- " + text
            self.out.append(Block(self.kind, text))
            self.chars += len(text)
        self.kind = "para"

    def walk(self, el: etree._Element) -> None:
        if self.chars > self.max_chars:
            return
        tag = _tag(el)
        if tag == "head" and el.get("rend") is not None:
            rend = (el.get("rend") or "")[-1:]  # trafilatura's <head rend="h2">
            tag = "h" + (rend if rend in "123456" and rend else "2")
        after_label, self.after_label = self.after_label, False
        if tag == "button" and not is_hidden(el) and labels_panel(el):
            self.flush()
            self.out.append(Block("para", clean_ws(" ".join(el.itertext()))))
            self.after_label = True
            return
        if not tag or tag in SKIP_ALWAYS:
            return
        if is_hidden(el) and not (after_label or el.get("id") in self.openable):
            return
        if (
            self.skip_boilerplate
            and is_boilerplate(el)
            and (not self.in_main or tag in {"nav", "aside", "form", "dialog"})
        ):
            return
        level = _heading_level(el, tag)
        if level:
            kind = self.kind
            self.flush()
            self.kind = kind  # the text after a heading inside a list item is still the item
            text = clean_ws(" ".join(el.itertext()))
            if text:
                self.out.append(Block("heading", text, level))
            # <h3><button aria-expanded="false">Question?</button></h3><div hidden>answer</div>
            self.after_label = any(labels_panel(b) for b in el.iter("button"))
            return
        if tag in {"tr", "row"}:
            self.flush()
            self._row(el)
            return
        if tag in {"br", "lb"}:
            self.buf.append("\n")
            return
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
            if tag in {"li", "item"}:
                self.kind = "item"
        main = tag in {"main", "article"} or el.get("role") == "main"
        self.in_main += main
        if el.text:
            self.buf.append(el.text.replace("\n", " "))
        for child in el:
            self.walk(child)
            if child.tail:
                self.buf.append(child.tail.replace("\n", " "))
        self.in_main -= main
        if block:
            self.flush()
            self.kind = "para"  # an item that ended in a heading must not leak its kind

    def _row(self, el: etree._Element) -> None:
        cells = []
        for cell in el:
            if _tag(cell) in {"td", "th", "cell"}:
                text = clean_ws(" ".join(t for t in cell.itertext()))
                if text:
                    cells.append(text)
        if cells:
            text = " | ".join(cells)
            self.out.append(Block("row", text))
            self.chars += len(text)


def blocks(
    el: etree._Element, *, skip_boilerplate: bool = False, max_chars: int = 400_000
) -> list[Block]:
    """Readable blocks of ``el`` in document order (text capped at about ``max_chars``)."""
    walker = _Walker(skip_boilerplate, max_chars, openable_ids(el.getroottree().getroot()))
    walker.walk(el)
    walker.flush()
    return walker.out


def blocks_text(items: list[Block]) -> str:
    return "\n".join(b.text for b in items)


def meta_content(root: html.HtmlElement, *names: str) -> str:
    """First non-empty ``<meta name|property=...>`` among ``names``."""
    for name in names:
        for el in root.iterfind(f".//meta[@name='{name}']"):
            if el.get("content", "").strip():
                return clean_ws(el.get("content", ""))
        for el in root.iterfind(f".//meta[@property='{name}']"):
            if el.get("content", "").strip():
                return clean_ws(el.get("content", ""))
    return ""


def page_title(root: html.HtmlElement) -> str:
    el = root.find(".//title")
    if el is not None and el.text_content().strip():
        return clean_ws(el.text_content())
    title = meta_content(root, "og:title", "twitter:title")
    if title:
        return title
    h1 = root.find(".//h1")
    return clean_ws(h1.text_content()) if h1 is not None else ""


def page_lang(root: html.HtmlElement) -> str | None:
    lang = (root.get("lang") or root.get("xml:lang") or "").strip()
    if not lang:
        lang = meta_content(root, "og:locale", "language", "content-language").replace("_", "-")
    return lang or None


def iter_links(root: html.HtmlElement) -> Iterator[tuple[str, str]]:
    """(href, anchor text) for every ``<a href>``."""
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if href:
            yield href, clean_ws(a.text_content())
