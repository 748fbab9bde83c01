"""Category and importance of a chunk, by keyword rules.

Rules first because they are predictable and explainable in `acorn search`: a heading that
says "Opening hours" is about hours whatever a model thinks. Headings weigh more than body
text, and the page type breaks ties.
"""

from __future__ import annotations

import re

from acorn.chunk.types import Category
from acorn.values.money import find_money, has_money

_DAY = r"(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?"
_TIME = r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}[:.]\d{2}\b"
PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(?\d{2,5}\)?[\s.-]?){2,4}\d{3,4}")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
HOURS = re.compile(rf"\b{_DAY}\b.{{0,40}}(?:{_TIME}|closed)|opening hours|open(?:ing)? times", re.I)

# category -> keywords (matched as word prefixes, lower case)
KEYWORDS: dict[Category, tuple[str, ...]] = {
    Category.HOURS: ("opening hours", "hours", "open", "closed", "opening times", "schedule"),
    Category.PRICING: ("price", "prices", "pricing", "fee", "fees", "cost", "tariff", "rates"),
    Category.CONTACT: (
        "contact",
        "phone",
        "call us",
        "email",
        "address",
        "directions",
        "find us",
        "location",
        "get in touch",
    ),
    Category.FAQ: ("faq", "frequently asked", "questions"),
    Category.TEAM: ("team", "staff", "meet", "our people", "founder", "owner"),
    Category.POLICY: (
        "policy",
        "policies",
        "terms",
        "privacy",
        "cancellation",
        "refund",
        "cookie",
        "complaint",
        "payment plan",
        "gdpr",
    ),
    Category.ABOUT: ("about", "history", "our story", "mission", "who we are", "welcome"),
    Category.SERVICE: ("service", "services", "treatment", "we offer", "what we do", "rooms"),
}

PAGE_TYPE_CATEGORY = {
    "contact": Category.CONTACT,
    "about": Category.ABOUT,
    "service": Category.SERVICE,
    "pricing": Category.PRICING,
    "faq": Category.FAQ,
    "team": Category.TEAM,
    "legal": Category.POLICY,
}


def _hits(text: str, words: tuple[str, ...]) -> int:
    return sum(len(re.findall(rf"\b{re.escape(w)}", text)) for w in words)


def categorize(heading_path: list[str], content: str, page_type: str) -> Category:
    heading = " ".join(heading_path).lower()
    body = content.lower()
    scores: dict[Category, float] = {}
    for category, words in KEYWORDS.items():
        scores[category] = 3.0 * min(_hits(heading, words), 2) + min(_hits(body, words), 4) * 0.5
    prices = find_money(content)
    if prices:
        scores[Category.PRICING] += 1.0 + min(len(prices), 6) * 0.5
    if HOURS.search(content):
        scores[Category.HOURS] += 2.5
    if EMAIL.search(content) or _has_phone(content):
        scores[Category.CONTACT] += 2.0
    if heading.rstrip().endswith("?"):
        scores[Category.FAQ] += 2.0
    if page_type in PAGE_TYPE_CATEGORY:
        scores[PAGE_TYPE_CATEGORY[page_type]] += 1.5
    best, score = max(scores.items(), key=lambda item: item[1])
    return best if score >= 1.5 else Category.OTHER


def _has_phone(text: str) -> bool:
    return any(sum(c.isdigit() for c in m) >= 9 for m in PHONE.findall(text))


def importance(
    content: str, level: int, page_type: str, kind: str = "text", depth: int = 0
) -> float:
    """0..1: how likely a visitor needs this chunk. Contact details, prices and hours matter
    most; top-level sections and key pages more than deep asides."""
    score = 0.35
    if _has_phone(content) or EMAIL.search(content):
        score += 0.2
    if has_money(content):
        score += 0.15
    if HOURS.search(content):
        score += 0.15
    score += {0: 0.05, 1: 0.1, 2: 0.05}.get(level, 0.0)
    if page_type in {"home", "contact", "pricing", "faq"}:
        score += 0.1
    if kind in {"fact", "faq"}:
        score += 0.15
    score -= min(depth, 4) * 0.02
    return round(max(0.0, min(1.0, score)), 3)
