"""Currency signs drawn by an icon font, read as the sign they show.

Price cards often print ``120 <i class="fas fa-euro-sign"></i>``: a visitor sees "120 €", the
HTML holds only "120", and a bare figure in a small box is not read as a price (it may be a
step number). The icon fonts name the sign in a class, the same way on every site that uses
them (Font Awesome ``fa-euro-sign``/``fa-eur``, Bootstrap Icons ``bi-currency-euro``,
Material ``euro_symbol``), so the name is mapped to the symbol and written into the element.
"""

from __future__ import annotations

import re

from lxml import html

# icon name -> the sign it draws; the names are the fonts' own, not any site's
_SIGNS = {
    "euro": "€",
    "eur": "€",
    "euro-sign": "€",
    "currency-euro": "€",
    "euro_symbol": "€",
    "pound": "£",
    "gbp": "£",
    "pound-sign": "£",
    "sterling-sign": "£",
    "currency-pound": "£",
    "dollar": "$",
    "usd": "$",
    "dollar-sign": "$",
    "currency-dollar": "$",
    "attach_money": "$",
    "yen": "¥",
    "jpy": "¥",
    "yen-sign": "¥",
    "currency-yen": "¥",
    "rupee": "₹",
    "inr": "₹",
    "rupee-sign": "₹",
    "indian-rupee-sign": "₹",
    "currency-rupee": "₹",
    "won-sign": "₩",
    "lira-sign": "₺",
    "turkish-lira-sign": "₺",
    "ruble": "₽",
    "ruble-sign": "₽",
    "franc-sign": "₣",
    "shekel-sign": "₪",
    "bitcoin-sign": "₿",
}
_CLASS = re.compile(r"^(?:fa|bi|icon|glyphicon|ti|las|lar|la|mdi)-(.+)$")


def icon_sign(classes: str) -> str | None:
    """The currency sign an icon's classes draw, if any."""
    for name in classes.split():
        m = _CLASS.match(name)
        if m and m.group(1) in _SIGNS:
            return _SIGNS[m.group(1)]
    return None


def write_icon_signs(root: html.HtmlElement) -> int:
    """Give each empty currency icon its sign as text; how many were written."""
    written = 0
    for el in root.iter("i", "span"):
        text = (el.text or "").strip()
        if "material" in (el.get("class") or "") and text in _SIGNS and not len(el):
            el.text = f" {_SIGNS[text]}"  # Material Icons name the glyph in the text
            written += 1
            continue
        if text or len(el):
            continue
        sign = icon_sign(el.get("class") or "")
        if sign:
            el.text = f" {sign}"
            written += 1
    return written
