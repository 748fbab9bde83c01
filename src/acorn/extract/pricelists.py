"""Price lists read from markup: one :class:`PriceItem` per priced thing on a page.

The line reader in :mod:`acorn.extract.prices` sees text only, so it cannot tell a dish's name
from its description when the price sits on a line of its own, and it keeps one price per
table row. The markup says more: a table's header row names its price columns ("Small",
"Large"), a ``<dt>`` is the name and its ``<dd>`` the description and price, a heading
followed by a description and a figure is a menu item, and the heading above a list is the
part of the menu it belongs to ("Lunch", "Kids"). A figure with no currency sign takes the
page's currency, but only where the markup puts it in a price's place; elsewhere "12" is not
money. Hidden text, templates and comments (dropped by the parser) are never read.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from acorn.extract.dom import SKIP_ALWAYS, clean_ws, is_hidden
from acorn.extract.prices import service_from_line
from acorn.extract.types import Fact, FactKind, PriceItem
from acorn.values.money import MONEY, MONEY_HINT, Money, bare_price

MAX_NAME = 80
MAX_DESC = 300
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = _HEADINGS | {"div", "p", "section", "article", "ul", "ol", "dl", "li", "table"}
_CONTAINERS = _HEADINGS | {"table", "ul", "ol", "dl"}
_SKIP = SKIP_ALWAYS | {"nav", "form", "dialog"}
_LEADERS = re.compile(r"^(?P<name>.+?)\s*(?:\.{2,}|…+|·{2,}|_{2,}|-{2,})\s*(?P<price>[^.…·_].*)$")
_PRICE_HEADER = re.compile(
    r"\b(?:price|prices|cost|fee|fees|rate|rates|charge|amount|tariff|small|medium|large|"
    r"regular|half|full|single|double|glass|bottle|adult|child|kids?)\b|[£$€]",
    re.I,
)
_DAY_OR_TIME = re.compile(
    r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|^(?:open|opening|closed?|hours?|times?)\b", re.I
)
_DECIMAL = re.compile(r"\d[.,]\d\d(?!\d)")
_LETTERS = re.compile(r"[^\W\d_]{2}")
_TRIM = " \t-–—:·|•*."
_TRIM_DESC = " \t-–—:·|•*"


def _tag(el: etree._Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _text(el: etree._Element) -> str:
    return clean_ws(" ".join(_visible_text(el)))


def _visible_text(el: etree._Element) -> list[str]:
    """Text a visitor can see: skipped tags and hidden subtrees left out."""
    out = [el.text or ""]
    for child in el:
        if _tag(child) and _tag(child) not in _SKIP and not is_hidden(child):
            out.extend(_visible_text(child))
        out.append(child.tail or "")
    return out


def _kids(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if _tag(c) and _tag(c) not in _SKIP and not is_hidden(c)]


def _long(el: etree._Element, limit: int = 2 * MAX_DESC) -> bool:
    """More text than an item's part (a cheap C-level count before the careful one)."""
    return len(el.text_content()) > limit  # type: ignore[attr-defined]


def _is_leaf(el: etree._Element) -> bool:
    """Text with inline markup only: one description or one price, not a box of items."""
    return not any(_tag(d) in _BLOCKS for d in el.iter() if d is not el)


def _is_name(text: str) -> bool:
    return (
        0 < len(text) <= MAX_NAME
        and _LETTERS.search(text) is not None
        and not _DAY_OR_TIME.match(text)
        and not MONEY.search(text)
    )


def _trailing_money(text: str, currency: str | None) -> tuple[str, Money] | None:
    """ "shortcrust, lemons – £6.50" → ("shortcrust, lemons", £6.50): a price closing a line."""
    found = [m for m in MONEY.finditer(text)]
    if not found or found[-1].end() < len(text.rstrip(" .")):
        return None
    money = bare_price(found[-1].group(0), currency)
    if money is None:
        return None
    return text[: found[-1].start()].strip(_TRIM), money


class _Reader:
    def __init__(self, url: str, currency: str | None) -> None:
        self.url = url
        self.currency = currency
        self.section: str | None = None
        self.items: list[PriceItem] = []

    def emit(
        self,
        name: str,
        money: Money,
        description: str | None = None,
        *,
        variant: str | None = None,
        section: str | None = None,
    ) -> None:
        name = name.strip(_TRIM)
        if not _is_name(name):
            return
        desc = (description or "").strip(_TRIM_DESC)[:MAX_DESC] or None
        self.items.append(
            PriceItem(
                name=name,
                price=money.text,
                amount=money.amount,
                amount_max=money.high,
                currency=money.currency,
                description=desc,
                variant=variant,
                section=section or self.section,
                source_url=self.url,
                position=len(self.items),
            )
        )

    # ---------------------------------------------------------------- the walk

    def walk(self, el: etree._Element) -> None:
        tag = _tag(el)
        if not tag or tag in _SKIP or is_hidden(el) or el.get("role") == "navigation":
            return
        if tag in _HEADINGS:
            self.section = _text(el) or self.section
        elif tag == "table":
            self.table(el)
        elif tag == "dl":
            self.definitions(el)
        elif tag in {"ul", "ol"}:
            for li in _kids(el):
                if not (_tag(li) == "li" and self.list_item(li)):
                    self.walk(li)
        else:
            self.children(el)

    def children(self, el: etree._Element) -> None:
        kids = _kids(el)
        i = 0
        while i < len(kids):
            kid = kids[i]
            if _tag(kid) in _HEADINGS:
                used = self.heading_item(kid, kids[i + 1 :])
                if used < 0:
                    self.section = _text(kid) or self.section
                i += 1 + max(used, 0)
                continue
            if not self.block_item(kid):
                self.walk(kid)
            i += 1

    # ---------------------------------------------------------------- markup kinds

    def heading_item(self, heading: etree._Element, rest: list[etree._Element]) -> int:
        """``<h3>Lemon Tart</h3><div>shortcrust, lemons</div><div>6.50</div>``: how many of the
        following siblings the item used, or -1 when the heading is not an item."""
        name = _text(heading)
        inline = _trailing_money(name, self.currency)
        if inline and _is_name(inline[0]):
            # "<h4>Big Breakfast - $10</h4><p>Two eggs any style.</p>": the text is its own
            below = self._description(rest[:1])
            self.emit(inline[0], inline[1], below[0] if below else None)
            return len(below)
        if not _is_name(name):
            return -1
        desc: list[str] = []
        for n, sib in enumerate(rest[:3]):
            if _tag(sib) in _CONTAINERS or _long(sib) or not _is_leaf(sib):
                return -1
            if self.block_parts(sib) is not None:
                return -1  # a box of its own items: the heading names their section
            text = _text(sib)
            money = self._loose_price(text)
            if money is not None:
                self.emit(name, money, " ".join(desc))
                return n + 1
            if not text or len(text) > MAX_DESC or MONEY.search(text):
                # "Initial assessment - £55" under "News" is an item of its own
                return -1
            desc.append(text)
        return -1

    def _description(self, siblings: list[etree._Element]) -> list[str]:
        """The short plain text right after a priced heading, if that is what comes next."""
        out = []
        for sib in siblings:
            if _tag(sib) in _CONTAINERS or _long(sib) or not _is_leaf(sib):
                break
            text = _text(sib)
            if not text or MONEY.search(text):
                break
            out.append(text)
        return out

    def _loose_price(self, text: str) -> Money | None:
        """A price where only layout says it is one (a figure beside a heading or in a small
        box): it must show a currency or pence ("6.50"), as "3" there is a step or a count."""
        money = bare_price(text, self.currency)
        if money is None or money.on_request:
            return money
        if MONEY.search(text) or _DECIMAL.search(text):
            return money
        return None

    def block_item(self, el: etree._Element) -> bool:
        """A small box of two to four short parts, one of them only a price:
        ``<div><div>Lemon Tart</div><div>shortcrust</div><div>6.50</div></div>``."""
        parts = self.block_parts(el)
        if parts is None:
            return False
        self.emit(*parts)
        return True

    def block_parts(self, el: etree._Element) -> tuple[str, Money, str] | None:
        if not 1 <= len(el) <= 8 or _long(el, 4 * MAX_DESC):
            return None  # cheap checks first: most boxes on a page are not items
        kids = [k for k in _kids(el) if _text(k)]  # a divider line or an icon is no part
        if len(kids) == 1 and not (el.text or "").strip():
            return self.block_parts(kids[0])  # <li><div>name, description, price</div></li>
        if not 2 <= len(kids) <= 4 or any(_tag(k) in {"table", "ul", "ol", "dl"} for k in kids):
            return None
        if any(len(_kids(k)) > 3 or _long(k) for k in kids):
            return None
        texts = []
        for kid in kids:  # <div><p>10 Classes</p><p>Use within 3 months</p></div>: two parts
            inner = _kids(kid)
            parts = [_text(k) for k in inner] if 2 <= len(inner) <= 3 else []
            if all(_is_leaf(k) for k in inner) and parts and not any(map(self._loose_price, parts)):
                texts.extend(parts)  # a name and its description, not a box with its own price
            else:
                texts.append(_text(kid))
        if any(len(t) > MAX_DESC for t in texts):
            return None
        prices = [(i, self._loose_price(t)) for i, t in enumerate(texts)]
        priced = [(i, m) for i, m in prices if m is not None]
        if len(priced) != 1:
            return None
        at, money = priced[0]
        words = [t for i, t in enumerate(texts) if i != at and t]
        if not words or not _is_name(words[0]):
            return None
        return words[0], money, " ".join(words[1:])

    def list_item(self, li: etree._Element) -> bool:
        """ "Margherita ........ £9.50", "Diavola – chilli, olives – £12", or a name, a
        description and a price each in their own element."""
        if any(_tag(d) in {"ul", "ol", "table", "dl"} for d in li.iter()):
            return False
        if self.block_item(li):
            return True
        text = _text(li)
        leaders = _LEADERS.match(text)
        if leaders:
            money = bare_price(leaders.group("price"), self.currency)
            if money is not None and _is_name(leaders.group("name").strip(_TRIM)):
                self.emit(leaders.group("name"), money)
                return True
        return self.line(text)

    def line(self, text: str) -> bool:
        """A name and a price on one line, as the line reader understands it."""
        if not MONEY.search(text):
            return False
        service = service_from_line(text)
        if service is None:
            return False
        money = bare_price(service["price"], self.currency)
        if money is None:
            return False
        name, desc = service["name"], service.get("description")
        parts = re.split(r"\s[–—-]\s", name, maxsplit=1)  # "Diavola – chilli, olives – £12"
        if len(parts) == 2:
            name, desc = parts[0], " ".join(x for x in (parts[1], desc) if x)
        self.emit(name, money, desc)
        return True

    def definitions(self, dl: etree._Element) -> None:
        """``<dt>`` name, then ``<dd>`` description(s) and a ``<dd>`` price."""
        name, done = "", True
        desc: list[str] = []
        for kid in _kids(dl):
            tag = _tag(kid)
            if tag == "div":  # <dl><div><dt/><dd/></div></dl>
                self.definitions(kid)
                continue
            if tag == "dt":
                name, desc, done = _text(kid), [], False
                inline = _trailing_money(name, self.currency)
                if inline and _is_name(inline[0]):
                    self.emit(inline[0], inline[1])
                    done = True
                continue
            if tag != "dd" or done or not name:
                continue
            text = _text(kid)
            money = bare_price(text, self.currency)
            closing = None if money is not None else _trailing_money(text, self.currency)
            if money is not None:
                self.emit(name, money, " ".join(desc))
                done = True
            elif closing is not None:
                self.emit(name, closing[1], " ".join([*desc, closing[0]]))
                done = True
            elif text:
                desc.append(text)

    def table(self, table: etree._Element) -> None:
        """Every price cell of every row; the header row says what each price column is."""
        caption = table.find("caption")
        section = _text(caption) if caption is not None else None
        rows = [r for r in table.iter("tr") if not is_hidden(r)]
        grid = [[(_tag(c), _text(c)) for c in _kids(r) if _tag(c) in {"td", "th"}] for r in rows]
        grid = [row for row in grid if row]
        header: list[str] = []
        in_head = bool(rows) and _tag(rows[0].getparent()) == "thead"
        if grid and (in_head or all(t == "th" for t, _ in grid[0])):
            header = [text for _, text in grid[0]]
            grid = grid[1:]
        body = [[text for _, text in row] for row in grid]
        width = max((len(r) for r in body), default=0)
        price_cols = [j for j in range(1, width) if self._price_column(body, header, j)]
        for row in body:
            cells = [(j, bare_price(t, self.currency)) for j, t in enumerate(row)]
            priced = [(j, m) for j, m in cells if m is not None and j in price_cols]
            words = [t for j, t in enumerate(row) if j not in price_cols and _LETTERS.search(t)]
            if not priced or not words or not _is_name(words[0]):
                continue
            label = len(price_cols) > 1
            for j, money in priced:
                variant = header[j] if label and j < len(header) and header[j] else None
                self.emit(words[0], money, " ".join(words[1:]), variant=variant, section=section)

    def _price_column(self, body: list[list[str]], header: list[str], j: int) -> bool:
        cells = [row[j] for row in body if j < len(row) and row[j]]
        if not cells:
            return False
        explicit = sum(1 for c in cells if MONEY.fullmatch(c.strip()))
        bare = sum(1 for c in cells if bare_price(c, self.currency) is not None)
        named = j < len(header) and _PRICE_HEADER.search(header[j]) is not None
        if explicit and bare == len(cells):
            return True
        return bare == len(cells) and (named or len(cells) >= 2) and not self._numbered(body, j)

    @staticmethod
    def _numbered(body: list[list[str]], j: int) -> bool:
        """A column counting 1, 2, 3 is a rank or a quantity, not a price."""
        values = [row[j] for row in body if j < len(row)]
        return len(values) >= 3 and values == [str(n) for n in range(1, len(values) + 1)]


def price_items(root: etree._Element, url: str, currency: str | None) -> list[PriceItem]:
    """Every priced item the page's markup shows, in page order."""
    body = root.find("body") if root.find("body") is not None else root
    text = body.text_content()  # type: ignore[attr-defined]
    if not MONEY_HINT.search(text) and not _DECIMAL.search(text):
        return []  # no price anywhere: an article, a contact page
    reader = _Reader(url, currency)
    reader.walk(body)
    return _dedupe(reader.items)


def _dedupe(items: list[PriceItem]) -> list[PriceItem]:
    seen: set[tuple[str, str, str | None]] = set()
    out: list[PriceItem] = []
    for item in items:
        key = (item.name.lower(), item.price, item.variant)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def item_facts(items: list[PriceItem]) -> list[Fact]:
    """Price items as service facts (what the site document and the chunker read)."""
    return [
        Fact(FactKind.SERVICE, item_value(item), item.source_url, "markup", _context(item))
        for item in items
    ]


def item_value(item: PriceItem) -> dict[str, Any]:
    return {
        "name": item.name,
        "price": item.price,
        "currency": item.currency,
        "amount": item.amount,
        "amount_max": item.amount_max,
        "description": item.description,
        "variant": item.variant,
        "section": item.section,
        "position": item.position,
    }


def _context(item: PriceItem) -> str:
    parts = [item.name, item.variant or "", item.description or "", item.price]
    return " | ".join(p for p in parts if p)[:300]


def drop_covered(facts: list[Fact], items: list[PriceItem]) -> list[Fact]:
    """Line-read services the markup already gave: the line reader pairs a lone price with
    the line above it, which is the description when the markup has one."""
    if not items:
        return facts
    seen: dict[str, list[str]] = {}
    for item in items:
        seen.setdefault(item.price.lower(), []).extend(
            x.lower() for x in (item.name, item.description or "") if x
        )
    out = []
    for fact in facts:
        if fact.kind == FactKind.SERVICE and fact.origin != "markup":
            known = seen.get(str(fact.value.get("price") or "").lower(), [])
            name = str(fact.value.get("name") or "").lower()
            if any(name and (name in k or k in name) for k in known):
                continue
        out.append(fact)
    return out
