"""The scraped-data document: what a crawl of one site produces (``acorn crawl -o site.json``).

Pydantic models because this crosses seams: it is written to disk, stored, and served.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class PhoneOut(BaseModel):
    e164: str
    display: str
    source_url: str


class EmailOut(BaseModel):
    address: str
    source_url: str


class AddressOut(BaseModel):
    formatted: str
    street: str | None = None
    locality: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    source_url: str


class ServiceOut(BaseModel):
    name: str
    price: str | None = None  # as written on the site, e.g. "£45" or "from $120"
    currency: str | None = None  # ISO 4217
    amount: float | None = None
    amount_max: float | None = None  # the upper end of a range ("£75 - 200")
    description: str | None = None
    variant: str | None = None  # the price column of a row with several ("Large")
    section: str | None = None  # the part of the list it is in ("Lunch", "Kids")
    position: int | None = None  # its order on its page (items read from a price list's markup)
    source_url: str


class SocialOut(BaseModel):
    network: str
    url: str


class PersonOut(BaseModel):
    """A member of staff as the site prints them; ``role`` is the site's words."""

    name: str
    role: str
    qualifications: str | None = None
    source_url: str


class PolicyOut(BaseModel):
    """A fact the site labels ("Payment methods": "Cash and cards."), quoted as written."""

    kind: str  # payment | cancellation | booking | parking | accessibility | languages | pets | smoking
    label: str
    text: str
    source_url: str


class HoursNoteOut(BaseModel):
    """A line beside the opening hours that qualifies them ("Closed on bank holidays")."""

    text: str
    source_url: str


class StructuredData(BaseModel):
    name: str | None = None
    address: AddressOut | None = None
    addresses: list[AddressOut] = Field(default_factory=list)
    phones: list[PhoneOut] = Field(default_factory=list)
    emails: list[EmailOut] = Field(default_factory=list)
    opening_hours: dict[str, list[list[str]]] = Field(default_factory=dict)
    opening_hours_source: str | None = None
    opening_hours_notes: list[str] = Field(default_factory=list)  # hours pages contradict
    hours_notes: list[HoursNoteOut] = Field(default_factory=list)  # exceptions the site states
    services: list[ServiceOut] = Field(default_factory=list)
    price_range: str | None = None
    social: list[SocialOut] = Field(default_factory=list)
    people: list[PersonOut] = Field(default_factory=list)
    policies: list[PolicyOut] = Field(default_factory=list)


class SectionOut(BaseModel):
    heading_path: list[str]
    level: int
    text: str


class PageOut(BaseModel):
    url: str
    title: str
    depth: int
    type: str
    word_count: int
    description: str = ""
    lang: str | None = None
    clean_text: str
    sections: list[SectionOut]
    content_hash: str = ""
    noindex: bool = False
    rendered: bool = False
    fetched_at: datetime | None = None
    facts: list[dict[str, Any]] = Field(default_factory=list)


class FAQOut(BaseModel):
    question: str
    answer: str
    source_url: str
    origin: str = "page"


class CrawlStats(BaseModel):
    discovered: int = 0
    fetched: int = 0
    rendered: int = 0
    skipped: int = 0
    failed: int = 0
    duplicates: int = 0
    seconds: float = 0.0


class SiteData(BaseModel):
    root_url: str
    name: str | None = None
    summary: str = ""
    structured_data: StructuredData = Field(default_factory=StructuredData)
    pages: list[PageOut] = Field(default_factory=list)
    auto_faqs: list[FAQOut] = Field(default_factory=list)
    crawled_at: datetime | None = None
    stats: CrawlStats = Field(default_factory=CrawlStats)
    log: list[dict[str, Any]] = Field(default_factory=list)  # per-URL skip/fail reasons
