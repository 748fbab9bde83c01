"""Email addresses: ``mailto:`` links, plain text, light obfuscation and Cloudflare's
``data-cfemail`` protection, without the image names (``logo@2x.png``) and tracking
addresses that a naive regex picks up."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

_EMAIL = re.compile(
    r"(?<![\w.+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24})(?![\w-])"
)
_AT = r"\s*(?:\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|<\s*at\s*>|\s+at\s+)\s*"
_DOT = r"\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\}|<\s*dot\s*>|\s+dot\s+)\s*"
_OBFUSCATED = re.compile(
    rf"\b([A-Za-z0-9._%+-]+){_AT}([A-Za-z0-9-]+(?:(?:{_DOT}|\.)[A-Za-z0-9-]+)*(?:{_DOT}|\.)[A-Za-z]{{2,24}})\b",
    re.I,
)
_DOT_RE = re.compile(_DOT, re.I)
_BAD_TLDS = frozenset(
    {"png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "avif", "css", "js", "tiff"}
)
_BAD_DOMAINS = re.compile(
    r"(?:^|\.)(?:example\.(?:com|org|net)|domain\.com|email\.com|yourdomain\.com|"
    r"sentry\.io|sentry-next\.wixpress\.com|wixpress\.com|sentry\.wixpress\.com)$",
    re.I,
)
_BAD_LOCAL = re.compile(r"^(?:your|name|user|someone|email|you|firstname\.lastname)$", re.I)


def valid_email(addr: str) -> bool:
    if "@" not in addr:
        return False
    local, domain = addr.rsplit("@", 1)
    tld = domain.rsplit(".", 1)[-1].lower()
    if tld in _BAD_TLDS or _BAD_DOMAINS.search(domain) or _BAD_LOCAL.match(local):
        return False
    if re.search(r"@\d+x\b", addr, re.I):  # retina image names: logo@2x.png
        return False
    return not re.fullmatch(r"[0-9a-f]{16,}", local, re.I)  # hashed tracking ids


def find_emails(text: str) -> list[tuple[str, str]]:
    """(address, context) for plain and lightly obfuscated addresses in ``text``."""
    out: list[tuple[str, str]] = []
    for at in _iter_at(text):
        # match only around each "@": scanning a whole page with the address regex is slow
        start = max(0, at - 70)
        for m in _EMAIL.finditer(text, start, at + 260):
            if m.start() <= at < m.end():
                addr = m.group(1).strip(".")
                if valid_email(addr):
                    out.append((addr, _context(text, m.start(), m.end())))
                break
    low = text.lower()
    if not any(k in low for k in _OBFUSCATION_HINTS):
        return out
    for m in _OBFUSCATED.finditer(text):
        at_text = text[m.end(1) : m.start(2)]
        if not re.search(r"[\[({<]", at_text) and not _DOT_RE.search(m.group(2)):
            continue  # "visit our website at opc.org" is prose, not an address
        domain = _DOT_RE.sub(".", m.group(2))
        addr = f"{m.group(1)}@{domain}"
        if valid_email(addr) and _EMAIL.fullmatch(addr):
            out.append((addr, _context(text, m.start(), m.end())))
    return out


_OBFUSCATION_HINTS = ("at]", "at)", "at}", "at>", " at ", "(at", "[at", "{at", "<at")


def _iter_at(text: str) -> Iterator[int]:
    at = text.find("@")
    while at >= 0:
        yield at
        at = text.find("@", at + 1)


def from_mailto(href: str) -> str | None:
    addr = unquote(href.split(":", 1)[1]).split("?", 1)[0].strip()
    addr = addr.split(",", 1)[0].strip()
    return addr if _EMAIL.fullmatch(addr) and valid_email(addr) else None


def decode_cfemail(encoded: str) -> str | None:
    """Cloudflare's email obfuscation: the first byte XORs the rest."""
    try:
        data = bytes.fromhex(encoded)
    except ValueError:
        return None
    if len(data) < 2:
        return None
    key = data[0]
    try:
        addr = bytes(b ^ key for b in data[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return None
    return addr if _EMAIL.fullmatch(addr) and valid_email(addr) else None


def _context(text: str, start: int, end: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a : b if b >= 0 else len(text)].strip()[:300]
