"""robots.txt (RFC 9309) with Protego, plus the page-level robots signals (``X-Robots-Tag``,
``<meta name=robots>``).

A missing robots.txt (4xx) allows everything. An unreachable one or a 5xx is also treated as
"allow" here, with a note: RFC 9309 says to assume a full disallow, but a small business whose
host errors on /robots.txt would otherwise get no receptionist at all, and the crawl stays
slow and polite either way.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import urljoin

from protego import Protego

from acorn.crawl.fetch import Fetcher, PageFailed, PageSkipped
from acorn.errors import BlockedURL, FetchFailed

log = logging.getLogger(__name__)

ROBOTS_MAX_BYTES = 512_000
ROBOTS_TOKEN = "acornbot"


@dataclass
class RobotsPolicy:
    user_agent: str
    parser: Protego | None = None
    sitemaps: list[str] = field(default_factory=list)
    note: str = ""  # why the file was ignored, when it was

    def allowed(self, url: str) -> bool:
        return self.parser is None or bool(self.parser.can_fetch(url, self.user_agent))

    @property
    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(self.user_agent)
        return float(delay) if delay is not None else None


async def load_robots(fetcher: Fetcher, root_url: str, user_agent: str) -> RobotsPolicy:
    """Fetch and parse ``/robots.txt`` for the root's origin. ``Sitemap:`` lines are made
    absolute (real sites write ``Sitemap: /sitemap.xml``)."""
    robots_url = urljoin(root_url, "/robots.txt")
    try:
        resp = await fetcher.fetch(robots_url, html_only=False, max_bytes=ROBOTS_MAX_BYTES)
    except PageFailed as exc:
        if exc.status is not None and 400 <= exc.status < 500:
            return RobotsPolicy(user_agent)
        return RobotsPolicy(user_agent, note=f"robots.txt unavailable ({exc.reason}); allowing")
    except (PageSkipped, BlockedURL, FetchFailed) as exc:
        return RobotsPolicy(user_agent, note=f"robots.txt not used ({exc}); allowing")
    text = resp.body.decode("utf-8", errors="replace")
    if resp.content_type.startswith("text/html") and "<html" in text[:1000].lower():
        return RobotsPolicy(user_agent, note="robots.txt is an HTML page; allowing")
    parser = Protego.parse(text)
    sitemaps = []
    for line in parser.sitemaps:
        absolute = urljoin(resp.url, line.strip())
        if absolute not in sitemaps:
            sitemaps.append(absolute)
    return RobotsPolicy(user_agent, parser=parser, sitemaps=sitemaps)


def parse_robots_directives(value: str, token: str = ROBOTS_TOKEN) -> tuple[bool, bool]:
    """(noindex, nofollow) from a robots meta content or ``X-Robots-Tag`` header value.

    Header values may be scoped to a crawler ("googlebot: noindex"); only unscoped ones and
    ones naming Acorn apply to us."""
    noindex = nofollow = False
    for part in value.split(","):
        item = part.strip().lower()
        if ":" in item:
            agent, _, rest = item.partition(":")
            if agent.strip() not in (token, "*"):
                continue  # another crawler's rule, or "unavailable_after: <date>"
            item = rest.strip()
        if item in ("noindex", "none"):
            noindex = True
        if item in ("nofollow", "none"):
            nofollow = True
    return noindex, nofollow
