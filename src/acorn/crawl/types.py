"""Data the crawler hands to the rest of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum


class EventKind(StrEnum):
    STARTED = "started"
    DISCOVERED = "discovered"  # a URL entered the frontier
    FETCHED = "fetched"  # HTML page fetched (static)
    RENDERED = "rendered"  # HTML page rendered in Chromium
    SKIPPED = "skipped"  # not fetched or not kept, with a reason
    FAILED = "failed"  # fetch failed for good, with a reason
    NOTE = "note"  # about the whole crawl: its pace, what the page limit left out, render or not
    FINISHED = "finished"


@dataclass(slots=True)
class FetchedPage:
    """One HTML page as fetched (or rendered). ``url`` is the normalised final URL."""

    url: str
    requested_url: str
    status: int
    html: str
    depth: int
    content_type: str = "text/html"
    headers: dict[str, str] = field(default_factory=dict)
    rendered: bool = False
    noindex: bool = False  # fetched for its links, but not to be indexed
    nofollow: bool = False
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str = ""  # sha256 of the page's visible text
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    elapsed_ms: float = 0.0


@dataclass(slots=True)
class CrawlEvent:
    """Progress of a crawl; the CLI draws it, the API streams it to the browser."""

    kind: EventKind
    url: str = ""
    reason: str = ""
    depth: int = 0
    page: FetchedPage | None = None
    discovered: int = 0  # running totals at the time of the event
    fetched: int = 0
    eta_seconds: float | None = None  # while a slow pace is imposed: time left, roughly
    at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "url": self.url,
            "reason": self.reason,
            "depth": self.depth,
            "discovered": self.discovered,
            "fetched": self.fetched,
            "eta_seconds": self.eta_seconds,
            "at": self.at.isoformat(),
        }
