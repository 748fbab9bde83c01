"""Staff as ``Person`` records: schema.org Person nodes with a job title, and on team and about
pages the markup every team card uses — a name (heading, bold line, caption, list item)
followed by a short role line.

A name is recognised by its shape (``acorn.values.person``), never by a list of names. What
makes a name-shaped line a member of staff is where it sits: in the page's content (not its
navigation), not inside a quotation or a review (a testimonial is signed by a customer), and
directly followed by a role: a short line, not prose, not another name. Words of the name that
the page also writes in lower case ("Free Parking" beside "free parking") are ordinary words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree, html

from acorn.extract.dom import BLOCK_TAGS, blocks, clean_ws, is_boilerplate
from acorn.extract.types import Person
from acorn.values.person import PersonName, name_words, read_name, split_role

# elements that may hold a name on their own
_NAME_TAGS = frozenset(
    {"h2", "h3", "h4", "h5", "h6", "strong", "b", "dt", "figcaption", "p", "span", "div", "li",
     "a", "td", "th", "em"}
)  # fmt: skip
# quotations and reviews: the people in them are customers, not staff
_QUOTED_TAGS = frozenset({"blockquote", "q", "cite"})
_QUOTED_ATTR = re.compile(r"testimonial|review|quote|rating|comment|byline|author", re.I)
_QUOTE_MARKS = "\"“”„«»‘’'"
_SIGNATURE = re.compile(r"[-–—~]\s*$")
# a list of these (names in list items, headings, table cells) is a list of peers: the next
# one is another name, not a role ("<p>Name</p><p>Role</p>" is a card, so ``p`` is not here)
_PEER_TAGS = frozenset({"li", "h2", "h3", "h4", "h5", "h6", "dt", "td", "th", "a", "figcaption"})
_STOP_CLIMB = frozenset({"body", "main", "article", "section", "ul", "ol", "table", "html"})
MAX_ROLE_WORDS = 12
MAX_ROLE_CHARS = 100
# schema.org keys under which a Person is someone other than staff
_NOT_STAFF_KEYS = frozenset(
    {"author", "creator", "reviewer", "review", "reviews", "comment", "editor", "contributor"}
)


def _tag(el: etree._Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _is_leaf(el: etree._Element) -> bool:
    """Holds one run of text: no line breaks or blocks inside (a card's ``<li>`` with
    ``<br>`` between name and role is read through its parts)."""
    return not any(_tag(d) == "br" or _tag(d) in BLOCK_TAGS for d in el.iterdescendants())


def _quoted_or_chrome(el: etree._Element) -> bool:
    for anc in [el, *el.iterancestors()]:
        tag = _tag(anc)
        if tag in _QUOTED_TAGS or (tag not in {"body", "html"} and is_boilerplate(anc)):
            return True
        attrs = f"{anc.get('id') or ''} {anc.get('class') or ''}"
        if attrs.strip() and _QUOTED_ATTR.search(attrs):
            return True
    return False


def _signed(el: etree._Element) -> bool:
    """ "— Mary, Leeds" after a quotation: a signature, not a team card."""
    prev = el.getprevious()
    before = (prev.tail if prev is not None else el.getparent().text) or ""  # type: ignore[union-attr]
    if _SIGNATURE.search(before):
        return True
    node: etree._Element | None = el
    while node is not None and node.getprevious() is None and _tag(node) not in _STOP_CLIMB:
        node = node.getparent()
    sibling = node.getprevious() if node is not None else None
    text = clean_ws(sibling.text_content()) if isinstance(sibling, html.HtmlElement) else ""
    return bool(text) and text[0] in _QUOTE_MARKS


def _first_line(el: etree._Element) -> str:
    found = blocks(el)
    if not found:
        return ""
    return found[0].text.split("\n", 1)[0].removeprefix("- ").strip()


def _line_after(node: etree._Element) -> tuple[str, bool] | None:
    """The first line after ``node`` inside its parent, and whether it is the text of a peer
    (an element with ``node``'s own tag: the next name of a list, not a role); None when
    nothing follows ``node`` there."""
    collected: list[str] = [node.tail or ""]
    for sib in node.itersiblings():
        tag = _tag(sib)
        if tag == "br":
            if clean_ws("".join(collected)):
                break
            collected = [sib.tail or ""]
            continue
        if tag in BLOCK_TAGS:
            if clean_ws("".join(collected)):
                break
            line = _first_line(sib)
            if line:
                return line, tag == _tag(node) and tag in _PEER_TAGS
            return (clean_ws(sib.tail or ""), False) if clean_ws(sib.tail or "") else None
        collected.append(sib.text_content() if isinstance(sib, html.HtmlElement) else "")
        collected.append(sib.tail or "")
    text = clean_ws("".join(collected)).strip(" ,;:|–—-")
    return (text, False) if text else None


def _role_after(el: etree._Element) -> str:
    """The role line under a name: after it in its element, or after the wrappers that hold
    only the name ("<div><h3>Name</h3></div><div>Role</div>"). A peer's text is no role."""
    node = el
    for _ in range(4):
        found = _line_after(node)
        if found is not None:
            line, peer = found
            return "" if peer else line
        parent = node.getparent()
        if parent is None or _tag(parent) in _STOP_CLIMB:
            return ""
        node = parent
    return ""


def looks_like_role(text: str) -> bool:
    """A short title line: not prose, not a number, an address or a link."""
    if not text or len(text) > MAX_ROLE_CHARS or len(text.split()) > MAX_ROLE_WORDS:
        return False
    if any(c.isdigit() for c in text) or re.search(r"[@?!]|https?:|www\.", text):
        return False
    if text[0] in _QUOTE_MARKS or re.search(r"[.!?]\s+\w", text):
        return False
    return text[0].isalpha()


def _ordinary(name: PersonName, lower_words: set[str]) -> bool:
    """Some word of the name is written in lower case elsewhere on the page."""
    return any(w.lower() in lower_words for w in name_words(name.name))


def _split_heading(text: str) -> tuple[PersonName, str] | None:
    """ "Jane Smith – Practice Manager" / "Jane Smith, Practice Manager" in one element."""
    for sep in (" – ", " — ", " - ", " | ", ", "):
        if sep in text:
            head, _, rest = text.partition(sep)
            name = read_name(head)
            if name is not None and looks_like_role(rest.strip()):
                return name, rest.strip()
    return None


def people_from_markup(root: html.HtmlElement, url: str, page_text: str) -> list[Person]:
    """Name-and-role pairs in the page's content (call only for team and about pages)."""
    lower_words = set(re.findall(r"\b[^\W\d_A-Z]+\b", page_text))
    body = root.find("body")
    out: list[Person] = []
    seen: set[str] = set()
    for el in (body if body is not None else root).iter():
        if _tag(el) not in _NAME_TAGS or not _is_leaf(el):
            continue
        text = clean_ws(el.text_content())
        if not 4 <= len(text) <= 120 or text.lower() in seen:
            continue
        name = read_name(text)
        role = ""
        if name is not None:
            role = _role_after(el)
        else:
            pair = _split_heading(text)
            if pair is None:
                continue
            name, role = pair
        if not looks_like_role(role) or not split_role(role)[0] or _ordinary(name, lower_words):
            continue
        if _quoted_or_chrome(el) or _signed(el):
            continue
        seen.update((text.lower(), role.lower()))  # a role line is no one's name
        out.append(_person(name, role, url, "markup"))
    return out


def _person(name: PersonName, role_line: str, url: str, origin: str) -> Person:
    role, quals = split_role(role_line)
    both = ", ".join(q for q in (name.qualifications, quals) if q) or None
    return Person(name.name, role, url, both, origin)


def _staff_nodes(data: Any, key: str = "", depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 12 or key in _NOT_STAFF_KEYS:
        return
    if isinstance(data, list):
        for item in data:
            yield from _staff_nodes(item, key, depth + 1)
    elif isinstance(data, dict):
        yield data
        for k, value in data.items():
            if k != "@context" and isinstance(value, dict | list):
                yield from _staff_nodes(value, k, depth + 1)


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = ", ".join(_text(v) for v in value if _text(v))
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    return clean_ws(str(value or ""))


def people_from_nodes(data: list[Any], url: str, origin: str) -> list[Person]:
    """schema.org Person nodes with a ``jobTitle`` (authors of reviews and articles are not
    staff and are skipped)."""
    out: list[Person] = []
    for node in _staff_nodes(data):
        types = node.get("@type") or []
        types = types if isinstance(types, list) else [types]
        if "Person" not in {str(t).rsplit("/", 1)[-1] for t in types}:
            continue
        name = _text(node.get("name")) or " ".join(
            _text(node.get(k)) for k in ("givenName", "familyName") if node.get(k)
        )
        prefix = _text(node.get("honorificPrefix"))
        if prefix and not name.startswith(prefix):
            name = f"{prefix} {name}"
        role = _text(node.get("jobTitle"))
        if not name or not role or len(name) > 80 or any(c.isdigit() for c in name):
            continue
        quals = [_text(node.get("honorificSuffix")), _text(node.get("hasCredential"))]
        found = PersonName(name, ", ".join(q for q in quals if q) or None)
        out.append(_person(found, role, url, origin))
    return out
