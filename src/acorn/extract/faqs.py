"""Questions a site already answers: question headings, ``<details>``, ``<dt>/<dd>``,
accordion buttons and the panels they open, and bold question lines followed by an answer.
(FAQPage JSON-LD is read in ``jsonld``.)

Only what a visitor can read counts: a closed ``<details>`` or an accordion panel is one click
away, but text in a ``<template>``, in a comment (the parser drops those) or hidden with no
button to open it is not on the page for a visitor, so it is not an answer the site gives."""

from __future__ import annotations

import re

from lxml import html

from acorn.extract.dom import blocks, blocks_text, clean_ws, is_hidden, labels_panel, openable_ids
from acorn.extract.types import FAQ, Section

MAX_Q = 200
MAX_A = 1500
_QWORD = re.compile(
    r"^(?:how|what|when|where|why|who|which|can|do|does|did|is|are|will|should|could|would|may|"
    r"have|has|if|am|was)\b",
    re.I,
)


def is_question(text: str) -> bool:
    text = text.strip()
    return 8 <= len(text) <= MAX_Q and text.endswith("?")


def faqs_from_sections(sections: list[Section], url: str) -> list[FAQ]:
    out: list[FAQ] = []
    for sec in sections:
        if sec.heading_path and is_question(sec.heading_path[-1]) and sec.text:
            out.append(FAQ(sec.heading_path[-1], sec.text[:MAX_A], url))
            continue
        # "**Do you take cards?**" / "Yes, all major cards." inside an FAQ-ish section
        lines = sec.text.split("\n")
        faqish = any(re.search(r"faq|question", h, re.I) for h in sec.heading_path)
        if not faqish:
            continue
        for i, line in enumerate(lines[:-1]):
            q = line.removeprefix("- ").strip()
            nxt = lines[i + 1].removeprefix("- ").strip()
            if is_question(q) and _QWORD.match(q) and nxt and not is_question(nxt):
                out.append(FAQ(q, nxt[:MAX_A], url))
    return out


_NEVER_SHOWN = frozenset({"template", "script", "noscript", "style", "head"})


def _readable(el: html.HtmlElement, openable: frozenset[str]) -> bool:
    """Whether a visitor can read ``el``: nothing around it is a template, or hidden with no
    button to open it."""
    for node in [el, *el.iterancestors()]:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in _NEVER_SHOWN:
            return False
        if is_hidden(node) and node.get("id") not in openable:
            return False
    return True


def _panel_of(root: html.HtmlElement, button: html.HtmlElement) -> html.HtmlElement | None:
    """The panel a button opens: the one it names (aria-controls), else the next element
    after it (or after the heading it sits in)."""
    for ref in (button.get("aria-controls") or "").split():
        panel = root.get_element_by_id(ref, None)
        if panel is not None:
            return panel
    return _next_after(button)


def _next_after(button: html.HtmlElement) -> html.HtmlElement | None:
    node = button
    while node is not None:
        nxt = node.getnext()
        while nxt is not None and not isinstance(nxt.tag, str):
            nxt = nxt.getnext()
        if nxt is not None:
            return nxt
        parent = node.getparent()
        if parent is None or parent.tag not in {"h2", "h3", "h4", "h5", "h6", "span", "strong"}:
            return None
        node = parent
    return None


def _panel_text(panel: html.HtmlElement) -> str:
    parts = [panel.text or ""]
    for child in panel:
        parts.append(blocks_text(blocks(child)))
        parts.append(child.tail or "")
    return clean_ws(" ".join(parts))


def _button_faqs(root: html.HtmlElement, url: str, openable: frozenset[str]) -> list[FAQ]:
    out: list[FAQ] = []
    for button in root.iter("button"):
        if not labels_panel(button) or not _readable(button, openable):
            continue
        q = clean_ws(button.text_content())
        panel = _panel_of(root, button)
        if not is_question(q) or panel is None or panel.tag == "button":
            continue
        opened = panel.get("id") in openable or panel is _next_after(button)
        if not _readable(panel.getparent(), openable) or (
            not opened and not _readable(panel, openable)
        ):
            continue
        a = _panel_text(panel)
        if a and not is_question(a):
            out.append(FAQ(q, a[:MAX_A], url))
    return out


def faqs_from_dom(root: html.HtmlElement, url: str) -> list[FAQ]:
    openable = openable_ids(root)
    out: list[FAQ] = []
    for details in root.iter("details"):
        summary = details.find("summary")
        if summary is None or not _readable(details, openable):
            continue
        q = clean_ws(summary.text_content())
        whole = clean_ws(details.text_content())
        a = whole[len(q) :].strip() if whole.startswith(q) else whole
        if is_question(q) and a:
            out.append(FAQ(q, a[:MAX_A], url))
    for dt in root.iter("dt"):
        dd = dt.getnext()
        if dd is None or dd.tag != "dd" or not _readable(dt, openable):
            continue
        q, a = clean_ws(dt.text_content()), clean_ws(dd.text_content())
        if is_question(q) and a:
            out.append(FAQ(q, a[:MAX_A], url))
    out.extend(_button_faqs(root, url, openable))
    return out


def dedupe_faqs(faqs: list[FAQ]) -> list[FAQ]:
    seen: set[str] = set()
    out: list[FAQ] = []
    for faq in faqs:
        key = re.sub(r"\W+", " ", faq.question.lower()).strip()
        if key not in seen:
            seen.add(key)
            out.append(faq)
    return out
