"""Drop what a visitor can never see before anything reads the page.

lxml already drops HTML comments (a commented-out "holiday hours" block is an old draft, not a
fact). Left are ``<template>`` content (inert until a script clones it) and blocks hidden with
``hidden`` or an inline ``display:none``; the main-content extractors read those as ordinary
text. A hidden block that a control on the page opens (a tab panel, an accordion, a collapsed
section named by ``aria-controls``, ``href="#id"`` or ``data-target``, or the block right after
a control marked ``aria-expanded``) is kept: a visitor can open it.

Blocks hidden by the page's stylesheet rules are left alone here: scripts often show them
(comments, lazy sections) and mobile-first CSS shows at one width what it hides at another;
without the browser their fate is unknown. A rendered page is read after the browser marked
what its styles really hide (``crawl/js/open_panels.js``).
"""

from __future__ import annotations

import re

from lxml import etree, html

_HIDING = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_OPENABLE_ROLES = frozenset({"tabpanel", "region", "dialog", "alertdialog", "menu"})
_OPENER_ATTRS = ("aria-controls", "data-target", "data-bs-target", "href")


def _opened_ids(root: html.HtmlElement) -> set[str]:
    """Ids that a control on the page points at, i.e. blocks a visitor can open."""
    out: set[str] = set()
    for attr in _OPENER_ATTRS:
        for el in root.iterfind(f".//*[@{attr}]"):
            value = el.get(attr) or ""
            if attr == "aria-controls":
                out.update(value.split())
            elif value.startswith("#") and len(value) > 1:
                out.add(value[1:])
    return out


def _follows_expander(el: etree._Element) -> bool:
    """The block right after a disclosure control (``aria-expanded`` on it or inside it): the
    accordion pattern that names no panel id but opens its next sibling."""
    prev = el.getprevious()
    while prev is not None and not isinstance(prev.tag, str):
        prev = prev.getprevious()
    if prev is None:
        return False
    return (
        prev.get("aria-expanded") is not None
        or next(prev.iterfind(".//*[@aria-expanded]"), None) is not None
    )


def _is_hidden(el: etree._Element) -> bool:
    return el.get("hidden") is not None or _HIDING.search(el.get("style") or "") is not None


def drop_invisible(root: html.HtmlElement) -> int:
    """Remove ``<template>`` and hidden blocks no control opens; how many were removed."""
    doomed: list[etree._Element] = list(root.iter("template"))
    opened = _opened_ids(root)
    body = root.find("body")
    for el in body.iter() if body is not None else ():
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        if not _is_hidden(el):
            continue
        if el.get("id") in opened or el.get("role") in _OPENABLE_ROLES or _follows_expander(el):
            continue
        if any(a.tag == "details" for a in el.iterancestors()):
            continue
        doomed.append(el)
    gone = set(doomed)
    removed = 0
    for el in doomed:
        parent = el.getparent()
        if parent is None or any(a in gone for a in el.iterancestors()):
            continue
        if el.tail and el.tail.strip():  # text after the block is the page's, not the block's
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)
        removed += 1
    return removed
