"""Put back page-specific content that the main-content extractors throw away.

trafilatura and our own walk both treat ``<aside>``, sidebars and ``role=complementary`` as
chrome, and trafilatura drops inline ``<time>`` text. On business pages those are often the
answer: a "Services" panel listing what a stay includes, or an events list whose dates live in
``<time>`` tags. So after the main extraction we re-read the page for two things: side panels
with a heading and real (not mostly link) text, and dated lines of the main region, and add
back what the chosen blocks do not already hold. Navigation, headers, footers, forms and
cookie/share/menu chrome stay out.
"""

from __future__ import annotations

import re

from lxml import etree, html

from acorn.extract.dom import Block, blocks, clean_ws, is_boilerplate

# side regions worth a second look: asides, sidebars, widgets, panels, cards, tabs, accordions
_PANEL_ATTR = re.compile(
    r"(?:^|[\s_-])(?:sidebar|side-bar|widget|panel|card|tab-pane|accordion|callout|box)"
    r"(?:$|[\s_-])",
    re.I,
)
# chrome that a panel must not sit in, nor be itself
_CHROME_ATTR = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|popup|modal|newsletter|breadcrumbs?|share|sharing|"
    r"social|nav|navbar|navigation|menu|footer|header|masthead|topbar|top-bar|offcanvas|"
    r"comments?|related|search|login|subscribe)(?:$|[\s_-])",
    re.I,
)
_CHROME_TAGS = frozenset({"nav", "header", "footer", "form", "dialog", "menu"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "dialog", "search"})
MIN_PANEL_CHARS = 30  # text under the panel's heading(s)
MAX_PANEL_CHARS = 3000  # a bigger side region is a page of its own, not a panel
MAX_LINK_SHARE = 0.5  # panels that are mostly links are menus ("Recent posts", "Categories")
# Panels are read only beside a thin main text: a long article's sidebars are "most read" and
# teasers, while a short business page often keeps half its content in a side column.
THIN_MAIN_CHARS = 1500

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
DATED = re.compile(
    rf"\b{_MONTH}\.?\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\b|"
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|"
    r"\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}[:h]\d{2}\b",
    re.I,
)
MAX_DATED_CHARS = 200  # a dated line is a calendar entry, not a paragraph
MIN_DATED_ENTRIES = 2  # one lost date is an article's byline; a list of them is a calendar


_NON_WORD = re.compile(r"\W+")


def norm(text: str) -> str:
    return _NON_WORD.sub(" ", text).strip().lower()


def _tag(el: etree._Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _is_chrome(el: etree._Element) -> bool:
    if _tag(el) in _CHROME_TAGS or el.get("role") in _CHROME_ROLES:
        return True
    attrs = f"{el.get('id') or ''} {el.get('class') or ''}"
    return bool(attrs.strip()) and _CHROME_ATTR.search(attrs) is not None


def _is_panel(el: etree._Element) -> bool:
    if _tag(el) == "aside" or el.get("role") == "complementary":
        return True
    attrs = f"{el.get('id') or ''} {el.get('class') or ''}"
    return bool(attrs.strip()) and _PANEL_ATTR.search(attrs) is not None


def _panels(root: html.HtmlElement) -> list[etree._Element]:
    """Outermost side regions that are not inside page chrome."""
    out: list[etree._Element] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or not _is_panel(el) or _is_chrome(el):
            continue
        if any(_is_chrome(a) or a in out for a in el.iterancestors()):
            continue
        out.append(el)
    return out


def _link_share(el: etree._Element) -> float:
    total = len(clean_ws(el.text_content()))
    if not total:
        return 1.0
    linked = sum(len(clean_ws(a.text_content())) for a in el.iter("a"))
    return linked / total


def _panel_blocks(panel: etree._Element) -> list[Block]:
    """The panel's own headings and text, its nested chrome left out."""
    items: list[Block] = []
    if panel.text and panel.text.strip():
        items.append(Block("para", clean_ws(panel.text)))
    for child in panel:
        if isinstance(child.tag, str) and not _is_chrome(child):
            if _is_panel(child) and len(child):  # inner panels: read the same way
                items.extend(_panel_blocks(child))
            elif not is_boilerplate(child) or _is_panel(child):
                items.extend(blocks(child))
        if child.tail and child.tail.strip():
            items.append(Block("para", clean_ws(child.tail)))
    return items


def _groups(items: list[Block]) -> list[list[Block]]:
    """Split a panel's blocks at its headings: each group is one heading and its text."""
    groups: list[list[Block]] = []
    for b in items:
        if b.kind == "heading" or not groups:
            groups.append([])
        groups[-1].append(b)
    return groups


def reinject_panels(root: html.HtmlElement, chosen: list[Block]) -> list[Block]:
    """Append side panels (a heading and real text) that the chosen blocks lack."""
    if sum(len(b.text) for b in chosen) > THIN_MAIN_CHARS:
        return chosen
    panels = _panels(root)
    if not panels:
        return chosen
    have = norm(" ".join(b.text for b in chosen))
    result = list(chosen)
    for panel in panels:
        text_len = len(clean_ws(panel.text_content()))
        if text_len > MAX_PANEL_CHARS or _link_share(panel) > MAX_LINK_SHARE:
            continue
        if panel.find(".//form") is not None or panel.find(".//input") is not None:
            continue  # a sign-up or search box
        for group in _groups(_panel_blocks(panel)):
            if group[0].kind != "heading":
                continue
            body = [b for b in group[1:] if b.kind != "heading"]
            if sum(len(b.text) for b in body) < MIN_PANEL_CHARS:
                continue
            missing = [b for b in body if norm(b.text) and norm(b.text) not in have]
            if len(missing) * 2 < len(body):
                continue  # the extractor kept it already
            head = group[0]
            # level 2: the panel belongs to the page, not to the main text's last subsection
            result.append(Block("heading", head.text, 2))
            result.extend(group[1:])
            have += " " + norm(" ".join(b.text for b in group))
    return result


def may_hold_calendar(page: list[Block], *, capped: bool = False) -> bool:
    """Whether the page has the series of short dated items or rows that
    :func:`reinject_dated` restores. Checking the whole page's blocks (already walked for
    facts) is much cheaper than the main-region walk and comparison it gates; a page whose
    walk was cut short by the size cap is always checked in full."""
    if capped:
        return True
    dated = 0
    for b in page:
        if b.kind in {"item", "row"} and len(b.text) <= MAX_DATED_CHARS and DATED.search(b.text):
            dated += 1
            if dated >= MIN_DATED_ENTRIES:
                return True
    return False


def reinject_dated(own: list[Block], chosen: list[Block]) -> list[Block]:
    """Put back short dated list items and table rows ("March 22, 2026 at 4:45 PM") of the
    main region that the chosen blocks dropped, each after the nearest preceding block they
    kept (an event's title). Only a series of them is a calendar worth restoring."""
    have = norm(" ".join(b.text for b in chosen))
    index = {norm(b.text): i for i, b in reversed(list(enumerate(chosen)))}
    inserts: list[tuple[int, Block]] = []  # (chosen position to insert after, block)
    anchor = -1
    for b in own:
        key = norm(b.text)
        if not key:
            continue
        at = index.get(key)
        if at is not None and at >= anchor:
            anchor = at
            continue
        if (
            b.kind not in {"item", "row"}
            or len(b.text) > MAX_DATED_CHARS
            or key in have
            or not DATED.search(b.text)
        ):
            continue
        inserts.append((anchor, b))
        have += " " + key
    if len(inserts) < MIN_DATED_ENTRIES:
        return chosen
    result = list(chosen)
    for after, b in reversed(inserts):  # from the end, so earlier positions stay valid
        result.insert(after + 1, b)
    return result
