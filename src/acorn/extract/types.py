"""What extraction produces from one page: ordered sections, facts and FAQs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class PageType(StrEnum):
    HOME = "home"
    CONTACT = "contact"
    ABOUT = "about"
    SERVICE = "service"
    PRICING = "pricing"
    FAQ = "faq"
    TEAM = "team"
    BLOG = "blog"
    LEGAL = "legal"
    OTHER = "other"


class FactKind(StrEnum):
    NAME = "name"
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    OPENING_HOURS = "opening_hours"
    # value: {"name", "price", "currency", "amount", "description"} and, when read from markup
    # (a PriceItem), "amount_max", "variant", "section", "position"
    SERVICE = "service"
    PRICE_RANGE = "price_range"
    SOCIAL = "social"
    DESCRIPTION = "description"


@dataclass(slots=True)
class Section:
    """A run of main content under one heading path, e.g. ("Contact us", "Opening hours").

    Lists keep their items as "- item" lines; tables keep one row per line with cells joined
    by " | " so a day and its times stay together.
    """

    heading_path: list[str]
    level: int  # 0 = text before the first heading, else 1..3
    text: str


@dataclass(slots=True)
class Fact:
    """A hard fact with where it came from. ``value`` is JSON-able; its shape depends on kind:
    phone -> {"e164", "display"}; email -> str; address -> {"street", "locality", "region",
    "postal_code", "country", "formatted"}; opening_hours -> {"monday": [["09:00", "17:00"]], ...}
    (a closed day maps to []); service -> {"name", "price", "currency", "amount",
    "description"}; social -> {"network", "url"}; name/description/price_range -> str."""

    kind: FactKind
    value: Any
    source_url: str
    origin: str = "text"  # jsonld | microdata | text | link | meta | table
    context: str = ""  # the sentence or row it was read from


@dataclass(slots=True)
class PriceItem:
    """One priced thing as the page's markup shows it: "Lemon Tart" (name), "shortcrust,
    lemons" (description), "6.50" (price as written) in GBP, under "Desserts" (section).
    ``amount_max`` is the upper end of a range; ``variant`` the price column it sits in
    ("Large") when a row has several; ``position`` its order among the page's items."""

    name: str
    price: str
    amount: float | None
    currency: str | None
    source_url: str
    amount_max: float | None = None
    description: str | None = None
    variant: str | None = None
    section: str | None = None
    position: int = 0


@dataclass(slots=True)
class FAQ:
    question: str
    answer: str
    source_url: str
    origin: str = "page"  # page (FAQ section) | jsonld (FAQPage) | owner


@dataclass(slots=True)
class Person:
    """A member of staff as the site prints them: "Dr Jane Smith", "Head Optometrist",
    "BSc". ``role`` is the site's own words, quoted by answers, never rewritten."""

    name: str
    role: str
    source_url: str
    qualifications: str | None = None
    origin: str = "markup"  # jsonld | microdata | markup


@dataclass(slots=True)
class Policy:
    """A fact the page labels itself: the label ("Payment methods"), what kind of label it is
    (``acorn.extract.labelwords``: payment, cancellation, booking, parking, accessibility)
    and the text under it."""

    kind: str
    label: str
    text: str
    source_url: str


@dataclass(slots=True)
class HoursNote:
    """A line beside the opening hours that qualifies them ("Closed on bank holidays",
    "Evenings by arrangement"): kept word for word, because no table can hold it."""

    text: str
    source_url: str


@dataclass(slots=True)
class ExtractedPage:
    url: str
    title: str
    depth: int
    type: PageType
    description: str
    lang: str | None
    clean_text: str
    sections: list[Section]
    facts: list[Fact] = field(default_factory=list)
    faqs: list[FAQ] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    policies: list[Policy] = field(default_factory=list)
    hours_notes: list[HoursNote] = field(default_factory=list)
    content_hash: str = ""
    noindex: bool = False
    rendered: bool = False
    fetched_at: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def word_count(self) -> int:
        return len(self.clean_text.split())
