"""Content that a page ships as data for its scripts, read without a browser.

A Next.js static export server-renders only what the first view shows; the other tabs of a
menu (lunch, desserts) exist only in the ``__NEXT_DATA__`` JSON until a visitor clicks. Nuxt
keeps the same in ``window.__NUXT__``, and schema.org ``Menu`` / ``OfferCatalog`` blocks in
JSON-LD list items that the page may show only as pictures. This module walks that data for
what a visitor would read, in its structure: an object with a name and a price or description
is one item line, and an array under a labelled object is a section headed by that label.

Only keys that hold words for people are read (name, title, description, price, ...); ids,
slugs, URLs, build ids and the like are not. Lines already on the page are not repeated.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from typing import Any

from lxml import html

from acorn.extract.recover import norm
from acorn.extract.types import Section

LABEL_KEYS = ("name", "title", "label", "heading", "displayName", "caption")
TEXT_KEYS = ("description", "summary", "subtitle", "text", "body", "content", "details", "note")
PRICE_KEYS = ("price", "cost", "amount", "priceRange", "fee", "rate")
CURRENCY_KEYS = ("currency", "priceCurrency", "currencyCode")
SKIP_KEYS = frozenset({"@context", "@id", "image", "logo", "url", "href", "src", "sameAs"})
MAX_DEPTH = 14
MAX_LINES = 400
MAX_TEXT_CHARS = 600
LIST_TYPES = frozenset({"Menu", "MenuSection", "OfferCatalog"})
_NOT_WORDS = re.compile(r"^(?:https?:|/|\.|#|[\w-]+\.(?:jpe?g|png|webp|svg|gif)$)|^[\w-]{20,}$")
_NUXT = re.compile(r"^\s*window\.__NUXT__\s*=\s*(.+?);?\s*$", re.S)

Lines = dict[tuple[str, ...], list[str]]


def _words(value: Any) -> str | None:
    """``value`` when it is text for people, else None."""
    if not isinstance(value, str):
        return None
    text = " ".join(unescape(value).split())
    if not text or len(text) > MAX_TEXT_CHARS or _NOT_WORDS.search(text):
        return None
    if "<" in text and ">" in text:  # rich text as HTML: keep its words
        text = " ".join(html.fromstring(f"<div>{text}</div>").text_content().split())
    return text if any(c.isalpha() for c in text) else None


def _first(node: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        text = _words(node.get(key))
        if text:
            return text
    return None


def _price(node: dict[str, Any]) -> str | None:
    for key in PRICE_KEYS:
        value = node.get(key)
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int | float) or (isinstance(value, str) and value.strip()):
            currency = _first(node, CURRENCY_KEYS) or ""
            price = str(value).strip()
            return f"{price} {currency}".strip() if price[:1].isdigit() else price
    offers = node.get("offers")
    if isinstance(offers, list) and offers:
        offers = offers[0]
    return _price(offers) if isinstance(offers, dict) else None


class _Walk:
    """Lines by heading path, and for each path the array its labelled object came from:
    paths from one array are the tabs of one thing (a menu's breakfast, lunch, desserts)."""

    def __init__(self) -> None:
        self.lines: Lines = {}
        self.array: dict[tuple[str, ...], int] = {(): 0}

    def add(self, path: tuple[str, ...], line: str) -> None:
        self.lines.setdefault(path, []).append(line)

    def walk(self, node: Any, path: tuple[str, ...], array: int, depth: int = 0) -> None:
        if depth > MAX_DEPTH or sum(len(v) for v in self.lines.values()) >= MAX_LINES:
            return
        if isinstance(node, list):
            for item in node:
                if isinstance(item, dict | list):
                    self.walk(item, path, id(node), depth + 1)
                elif (text := _words(item)) and len(text.split()) >= 2:
                    self.add(path, text)
            return
        if not isinstance(node, dict):
            return
        offered = node.get("itemOffered")
        label = _first(node, LABEL_KEYS) or (
            _first(offered, LABEL_KEYS) if isinstance(offered, dict) else None
        )
        text = _first(node, TEXT_KEYS)
        price = _price(node)
        nested = [
            v
            for k, v in node.items()
            if k not in SKIP_KEYS and k != "offers" and isinstance(v, dict | list) and v
        ]
        if label and (price or (text and not nested)):
            self.add(path, " — ".join(p for p in (label, text, price) if p))
            return
        here = (*path, label) if label else path
        self.array.setdefault(here, array)
        if text and len(text.split()) >= 3:
            self.add(here, text)
        for value in nested:
            self.walk(value, here, array, depth + 1)


def _next_data(root: html.HtmlElement) -> Iterator[Any]:
    for script in root.iterfind(".//script[@id='__NEXT_DATA__']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        props = data.get("props") if isinstance(data, dict) else None
        if isinstance(props, dict):
            yield props.get("pageProps", props)


def _nuxt_state(root: html.HtmlElement) -> Iterator[Any]:
    for script in root.iterfind(".//script"):
        match = _NUXT.match(script.text or "")
        if match:
            try:
                yield json.loads(match.group(1))
            except ValueError:  # a function expression, not JSON: needs the browser
                continue


def _catalogues(structured: list[Any]) -> Iterator[Any]:
    """Top-level JSON-LD nodes that are menus or catalogues (or hold one)."""
    stack = list(structured)
    while stack:
        node = stack.pop(0)
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            kinds = node.get("@type")
            kinds = set(kinds) if isinstance(kinds, list) else {kinds}
            if kinds & LIST_TYPES:
                yield node
                continue
            stack.extend(node.get("@graph") or [])
            for key in ("hasMenu", "hasOfferCatalog"):
                if isinstance(node.get(key), dict | list):
                    stack.append(node[key])


def embedded_sections(
    root: html.HtmlElement, structured: list[Any], page_text: str
) -> list[Section]:
    """Sections for the page's embedded data that ``page_text`` does not already hold.

    Framework state holds far more than the page shows (an article's related stories, the
    site's whole navigation), so its lines are kept only where the page shows part of the same
    thing: a path some of whose lines are on the page, or a path from the same array as one
    that is (the lunch tab beside the breakfast tab the server rendered). A schema.org menu or
    catalogue is the owner's own list of what they offer and is kept whole."""
    have = norm(page_text)
    sections: list[Section] = []
    framework = _Walk()
    for data in (*_next_data(root), *_nuxt_state(root)):
        framework.walk(data, (), 0)
    shown = {
        framework.array.get(path, 0)
        for path, lines in framework.lines.items()
        if any(norm(line) in have for line in lines)
    }
    kept = {
        path: lines
        for path, lines in framework.lines.items()
        if path and framework.array.get(path, 0) in shown
    }
    catalogue = _Walk()
    for data in _catalogues(structured):
        catalogue.walk(data, (), 0)
    for path, lines in (*kept.items(), *catalogue.lines.items()):
        fresh = list(dict.fromkeys(line for line in lines if norm(line) not in have))
        if not fresh:
            continue
        heading = list(path[-3:])
        body = "\n".join(f"- {line}" for line in fresh)
        sections.append(Section(heading, max(1, len(heading)), body))
        have += " " + norm(body)
    return sections
