"""Main content of a page: trafilatura where it does well, our own cleaned DOM where it does not.

trafilatura is the best open extractor on article pages (F1 ≈ 0.96 on the Scrapinghub
benchmark), but business pages are short and oddly built: it can return nothing, flatten a
whole page into one paragraph, or drop small data tables (its issue #531 loses opening-hours
tables). So we read its output tree (headings, lists and tables kept), compare it with a
cleaned walk of the page's own main region, and fall back or re-inject missing tables where
trafilatura lost something a visitor would ask about.
"""

from __future__ import annotations

import logging
import re

import trafilatura
from lxml import etree, html

from acorn.extract.dom import Block, blocks, clean_ws, is_boilerplate
from acorn.values.money import has_money

log = logging.getLogger(__name__)

SHORT_PAGE_CHARS = 3000  # below this, a page is "short" and we trust our own walk more
MIN_OUTLINE_CHARS = 40  # a headings-only main region this long is real content
RERUN_MIN_CHARS = 5000
OWN_SHARE_OF_FLAT = 0.3  # our structured walk must hold this much of a flat text to replace it  # a flattened text this long is worth trafilatura's slow full cascade
_DAY = re.compile(r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b", re.I)


def _trafilatura_blocks(root: html.HtmlElement, url: str | None, fast: bool = True) -> list[Block]:
    try:
        doc = trafilatura.bare_extraction(
            root,
            url=url,
            include_formatting=True,
            include_tables=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            with_metadata=False,
            fast=fast,  # skip its readability/justext fallbacks unless the fast pass failed
        )
    except Exception as exc:  # trafilatura raises a variety of errors on odd markup
        log.debug("trafilatura failed on %s: %s", url, exc)
        return []
    body = getattr(doc, "body", None) if doc is not None else None
    if body is None:
        return []
    return blocks(body)


def _main_region(root: html.HtmlElement) -> etree._Element:
    """The page's declared main region when it has one with real text, else ``<body>``."""
    body = root.find("body")
    if body is None:
        body = root
    for xpath in ("//main", "//*[@role='main']", "//article"):
        found = root.xpath(xpath)
        if len(found) == 1:
            text_len = len(clean_ws(found[0].text_content()))
            if text_len >= 200 or (xpath != "//article" and _is_outline(found[0], text_len)):
                return found[0]
    return body


def _is_outline(region: etree._Element, text_len: int) -> bool:
    """A declared ``<main>`` that is mostly headings (a team page of names under photos) is
    still the main region, however little text it has."""
    return text_len >= MIN_OUTLINE_CHARS and len(region.xpath(".//h1|.//h2|.//h3")) >= 3


def own_blocks(root: html.HtmlElement) -> list[Block]:
    """A cleaned walk of the main region: no nav/header/footer/aside/forms/cookie banners."""
    return blocks(_main_region(root), skip_boilerplate=True)


def _text_len(items: list[Block]) -> int:
    return sum(len(b.text) for b in items)


def _is_flat(items: list[Block]) -> bool:
    """One text block: what trafilatura's last-resort baseline returns."""
    return sum(1 for b in items if b.kind != "heading") <= 1


def choose_blocks(traf: list[Block], own: list[Block]) -> tuple[list[Block], str]:
    """Pick trafilatura's blocks unless they lost the page; returns (blocks, which)."""
    t_len, o_len = _text_len(traf), _text_len(own)
    if t_len == 0:
        return own, "own"
    if _is_flat(traf) and len(own) >= 3 and o_len >= 0.7 * t_len:
        # trafilatura's fallback flattened the page into one block: keep its choice of
        # text but take our blocks for it, which kept the headings, lists and lines
        have = _norm(" ".join(b.text for b in traf))
        kept = [b for b in own if _norm(b.text) and _norm(b.text) in have]
        if _text_len(kept) >= 0.7 * t_len:
            return kept, "own"
    if _is_flat(traf) and len(own) >= 3 and o_len >= OWN_SHARE_OF_FLAT * t_len:
        # every block of our walk is in trafilatura's flat text, which only adds what our
        # walk left out as chrome (a menu flattened in with a page of headings)
        have = _norm(" ".join(b.text for b in traf))
        if all(_norm(b.text) in have for b in own):
            return own, "own"
    if t_len < 200 and 2 * t_len < o_len < SHORT_PAGE_CHARS:
        return own, "own"  # a short page of which trafilatura kept almost nothing
    return traf, "trafilatura"


def _heading_before_tables(root: html.HtmlElement) -> list[tuple[etree._Element, str]]:
    """Every content table with the text of the H1–H3 heading that precedes it."""
    out: list[tuple[etree._Element, str]] = []
    heading = ""
    for el in root.iter("h1", "h2", "h3", "table"):
        if el.tag == "table":
            if el.find(".//table") is None and not any(
                is_boilerplate(a) for a in el.iterancestors()
            ):
                out.append((el, heading))
        else:
            heading = clean_ws(el.text_content())
    return out


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def reinject_tables(root: html.HtmlElement, chosen: list[Block]) -> list[Block]:
    """Put back small data tables (hours, prices) that the chosen extraction dropped."""
    if root.find(".//table") is None:
        return chosen
    kept_rows = {_norm(b.text) for b in chosen if b.kind == "row"}
    have: str | None = None  # all chosen text, normalised only when a row is not found as is
    result = list(chosen)
    for table, heading in _heading_before_tables(root):
        rows = [b for b in blocks(table) if b.kind == "row"]
        if not rows or len(rows) > 60 or any(len(r.text) > 300 for r in rows):
            continue
        norms = [_norm(r.text) for r in rows]
        if all(n in kept_rows for n in norms):
            continue  # the table came through whole: the common case
        table_text = " ".join(r.text for r in rows)
        if not _DAY.search(table_text) and not has_money(table_text):
            continue
        if have is None:
            have = _norm(" ".join(b.text for b in chosen))
        missing = [n for n in norms if n not in kept_rows and n not in have]
        if len(missing) * 2 < len(rows):
            continue
        if not _replace_degraded(result, rows):
            _insert_after_heading(result, heading, rows)
        kept_rows.update(norms)
    return result


def _replace_degraded(items: list[Block], rows: list[Block]) -> bool:
    """Swap in full rows where the extractor kept only their first cells ("Monday" with
    the times lost); True when it did."""
    full = [_norm(r.text) for r in rows]
    degraded = [
        i
        for i, b in enumerate(items)
        if b.kind in {"row", "para"}
        and _norm(b.text)
        and any(f != _norm(b.text) and f.startswith(_norm(b.text)) for f in full)
    ]
    if len(degraded) * 2 < len(rows):
        return False
    at = degraded[0]
    for i in reversed(degraded):
        del items[i]
    items[at:at] = rows
    return True


def _insert_after_heading(items: list[Block], heading: str, rows: list[Block]) -> None:
    at = len(items)
    if heading:
        for i, b in enumerate(items):
            if b.kind == "heading" and b.text == heading:
                at = i + 1
                while at < len(items) and not (
                    items[at].kind == "heading" and items[at].level <= b.level
                ):
                    at += 1
                break
        else:
            items.append(Block("heading", heading, 2))
            at = len(items)
    items[at:at] = rows


def restore_headings(root: html.HtmlElement, chosen: list[Block]) -> list[Block]:
    """Put back H1–H3 headings the extractor dropped ("Email" above an email line) in front
    of the text that follows them, so sections keep the page's own outline."""
    present = {_norm(b.text) for b in chosen if b.kind == "heading"}
    starts = [_norm(b.text[:120])[:60] for b in chosen]
    result = list(chosen)
    inserted = 0
    for el in root.iter("h1", "h2", "h3"):
        text = clean_ws(el.text_content())
        key = _norm(text)
        if not key or key in present or len(text) > 150:
            continue
        nxt = el.getnext()
        while nxt is not None and not clean_ws(
            nxt.text_content() if isinstance(nxt.tag, str) else ""
        ):
            nxt = nxt.getnext()
        if nxt is None or not isinstance(nxt.tag, str) or nxt.tag in {"h1", "h2", "h3"}:
            continue
        follow = _norm(nxt.text_content())[:60]
        if len(follow) < 10:
            continue
        for i, start in enumerate(starts):
            if len(start) >= 10 and (
                start.startswith(follow[: len(start)]) or follow.startswith(start)
            ):
                result.insert(i + inserted, Block("heading", text, int(el.tag[1])))
                inserted += 1
                present.add(key)
                break
    return result


def main_blocks(root: html.HtmlElement, url: str | None = None) -> tuple[list[Block], str]:
    """The page's main content as blocks, and which extractor produced them."""
    traf = _trafilatura_blocks(root, url)
    if _is_flat(traf) and _text_len(traf) > SHORT_PAGE_CHARS:
        own = own_blocks(root)
        chosen, which = choose_blocks(traf, own)
        if which == "own" or _text_len(traf) < RERUN_MIN_CHARS:
            return reinject_tables(root, chosen), which
        # our walk could not structure it either: run trafilatura's full cascade (rare, slow)
        traf = _trafilatura_blocks(root, url, fast=False)
        chosen, which = choose_blocks(traf, own)
        return reinject_tables(root, chosen), which
    if not _needs_own(traf):
        return reinject_tables(root, restore_headings(root, traf)), "trafilatura"
    chosen, which = choose_blocks(traf, own_blocks(root))
    return reinject_tables(root, chosen), which


def _needs_own(traf: list[Block]) -> bool:
    """Whether ``choose_blocks`` could prefer our walk (saves a DOM walk on most pages)."""
    t_len = _text_len(traf)
    return t_len < 200 or _is_flat(traf)
