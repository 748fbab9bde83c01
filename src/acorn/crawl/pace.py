"""How fast one crawl asks a site for pages, and the words that explain it to the owner.

No fixed pause by default (a small pool of workers is polite enough for a small site, and
onboarding should take seconds); a site's robots.txt ``Crawl-delay`` is obeyed, up to
``MAX_CRAWL_DELAY``. When that makes the crawl slow, the job log says why and about how long
it will take, and says which pages the page limit left out at the end.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_CRAWL_DELAY = 60.0
EXPLAIN_FROM = 1.0  # seconds between requests from which the log explains the pace
LEFT_OUT_EXAMPLES = 5


@dataclass(frozen=True, slots=True)
class Pace:
    delay: float  # seconds between request starts to the site
    reason: str  # why, completing "one request every 10s, ..."
    waived: str = ""  # a Crawl-delay not applied, and why (the site's owner verified it)

    @property
    def slow(self) -> bool:
        return self.delay >= EXPLAIN_FROM

    def eta(self, pages_left: int) -> float | None:
        """Seconds for ``pages_left`` more pages, when the pace is slow enough to explain."""
        return max(pages_left, 0) * self.delay if self.slow else None

    def note(self, max_pages: int) -> str | None:
        """The log line for a slow pace (the page count is not known yet: up to max_pages), or
        for a Crawl-delay the owner's verification waived."""
        if not self.slow:
            return self.waived or None
        return (
            f"one request every {self.delay:g}s, {self.reason}: up to "
            f"{duration(max_pages * self.delay)} for up to {max_pages} pages"
        )


def pace_for(
    delay_seconds: float,
    crawl_delay: float | None,
    *,
    obey_robots: bool,
    owner_verified: bool = False,
) -> Pace:
    """The agent's ``delay_seconds``, or the site's Crawl-delay when it asks for more, unless
    the site's owner verified it (Crawl-delay paces strangers; 429/503 still slow the crawl)."""
    if obey_robots and crawl_delay and crawl_delay > delay_seconds and owner_verified:
        return Pace(
            delay_seconds,
            f"as the agent's delay_seconds says ({delay_seconds:g})",
            waived=f"robots.txt asks for Crawl-delay: {crawl_delay:g}, not applied: the site's "
            "owner verified it, so this crawl runs at full speed (it still slows down when "
            "the site answers 429 or 503)",
        )
    if obey_robots and crawl_delay and crawl_delay > delay_seconds:
        return Pace(
            min(crawl_delay, MAX_CRAWL_DELAY),
            f"as the site's robots.txt asks (Crawl-delay: {crawl_delay:g})",
        )
    return Pace(delay_seconds, f"as the agent's delay_seconds says ({delay_seconds:g})")


def left_out_note(max_pages: int, left_out: list[str]) -> str | None:
    """The log line naming the pages the limit left unread (count and a few examples)."""
    if not left_out:
        return None
    examples = ", ".join(left_out[:LEFT_OUT_EXAMPLES])
    more = len(left_out) - LEFT_OUT_EXAMPLES
    return (
        f"max_pages ({max_pages}) left out {len(left_out)} pages (pages that answer visitors "
        f"are read first; blogs and archives last): {examples}"
        + (f" and {more} more" if more > 0 else "")
    )


def duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{seconds:.0f}s" if minutes < 2 else f"{minutes} min"
