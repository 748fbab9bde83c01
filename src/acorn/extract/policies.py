"""Policies a page labels itself: a heading, a ``<dt>``, a row header or a bold lead-in
("<strong>Parking:</strong> free behind the shop") naming a kind of policy
(``labelwords``), and the text that label stands over.

Only the label decides: a policy word in the middle of a paragraph is not a labelled fact
(the site did not set it apart), and a question heading is an FAQ, read as one. The text is kept
word for word with its page, so an answer can quote and cite it.
"""

from __future__ import annotations

import re

from lxml import etree, html

from acorn.extract.dom import BLOCK_TAGS, blocks, blocks_text, clean_ws, is_boilerplate
from acorn.extract.labelwords import label_kind
from acorn.extract.types import Policy

MAX_TEXT = 600
_HEADINGS = {"h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_STOP_CLIMB = frozenset({"body", "main", "article", "html"})
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


def _tag(el: etree._Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _text(el: etree._Element) -> str:
    return " ".join(
        line.removeprefix("- ") for line in blocks_text(blocks(el)).split("\n") if line.strip()
    )


def _cut(text: str) -> str:
    """At most ``MAX_TEXT`` characters, ending at a sentence end where one is near."""
    text = clean_ws(text)
    if len(text) <= MAX_TEXT:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text[: MAX_TEXT + 1])]
    return text[: ends[-1]] if ends and ends[-1] > MAX_TEXT // 3 else text[:MAX_TEXT].rstrip()


def _heading_level(el: etree._Element) -> int:
    return _HEADINGS.get(_tag(el), 1 if _tag(el) == "h1" else 0)


def _holds_heading(el: etree._Element, level: int) -> bool:
    own = _heading_level(el)
    if own and own <= level:
        return True
    return any(0 < _heading_level(d) <= level for d in el.iterdescendants())


def _under_heading(el: etree._Element) -> str:
    """The text after a heading up to the next heading (a sub-heading is a label of its
    own: "Parking" under "Visiting us" is not part of the text above it); a heading
    wrapped on its own ("<div><h3>Parking</h3></div><div>…</div>") is read past its wrapper."""
    node = el
    for _ in range(4):
        parts: list[str] = [node.tail or ""]
        for sib in node.itersiblings():
            if _holds_heading(sib, 6):
                break
            parts.append(_text(sib) if _tag(sib) in BLOCK_TAGS else clean_ws(sib.text_content()))
            parts.append(sib.tail or "")
            if sum(len(p) for p in parts) > MAX_TEXT * 2:
                break
        text = clean_ws(" ".join(parts))
        parent = node.getparent()
        if text or parent is None or _tag(parent) in _STOP_CLIMB:
            return text
        node = parent
    return ""


def _after_dt(dt: etree._Element) -> str:
    parts = []
    for sib in dt.itersiblings():
        if _tag(sib) != "dd":
            break
        parts.append(_text(sib))
    return " ".join(parts)


def _after_lead(el: etree._Element) -> str | None:
    """A bold label at the start of its block: the rest of the block, or (when the label is
    the whole block) the next block."""
    parent = el.getparent()
    if parent is None or (parent.text or "").strip() or el.getprevious() is not None:
        return None
    rest = [el.tail or ""]
    for sib in el.itersiblings():
        rest.append(clean_ws(sib.text_content()) if _tag(sib) != "br" else " ")
        rest.append(sib.tail or "")
    text = clean_ws(" ".join(rest)).lstrip(":–—- ")
    if text:
        return text
    nxt = parent.getnext()
    return _text(nxt) if nxt is not None and not _holds_heading(nxt, 6) else None


def _in_chrome(el: etree._Element) -> bool:
    return any(
        _tag(a) == "a" or (_tag(a) not in {"body", "html"} and is_boilerplate(a))
        for a in [el, *el.iterancestors()]
    )


def policies_from_markup(root: html.HtmlElement, url: str) -> list[Policy]:
    """Every labelled policy in the page's content, in page order."""
    out: list[Policy] = []
    seen: set[tuple[str, str]] = set()
    body = root.find("body")
    for el in (body if body is not None else root).iter():
        tag = _tag(el)
        if tag not in {*_HEADINGS, "dt", "th", "strong", "b"}:
            continue
        label = clean_ws(el.text_content())
        kind = label_kind(label)
        if kind is None or _in_chrome(el):
            continue
        if tag in _HEADINGS:
            text: str | None = _under_heading(el)
        elif tag == "dt":
            text = _after_dt(el)
        elif tag == "th":
            cells = [c for c in el.itersiblings() if _tag(c) == "td"]
            text = clean_ws(" ".join(c.text_content() for c in cells))
        else:
            text = _after_lead(el)
        if not text or len(text) < 3:
            continue
        text = _cut(text)
        key = (kind, text.lower())
        if key not in seen:
            seen.add(key)
            out.append(Policy(kind, label.rstrip(" :"), text, url))
    return out
