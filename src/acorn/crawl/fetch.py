"""HTTP fetching with the politeness and limits a crawler of other people's sites owes them.

Redirects are followed by hand so every hop passes the same checks as a link (SSRF guard via the
transport, same site, robots); bodies are streamed and cut at the size cap; timeouts, connection
errors and 5xx are retried with exponential backoff, and ``Retry-After`` is honoured.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

import httpx

from acorn.config import ScrapingConfig, Settings
from acorn.crawl.safety import UrlGuard
from acorn.crawl.transport import AiohttpTransport
from acorn.crawl.urls import normalize_url, site_of
from acorn.errors import BlockedURL, FetchFailed

MAX_REDIRECTS = 10
MAX_RETRY_AFTER = 30.0
SLOWED_GAP = 0.5  # seconds between requests to a host once it answered 429 or 503
SLOW_DOWN_STATUSES = frozenset({429, 503})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
HTML_TYPES = ("text/html", "application/xhtml+xml")
SNIFF_TYPES = ("", "text/plain", "application/octet-stream")


class PageSkipped(Exception):
    """Not fetched or not kept on purpose (off-site redirect, not HTML, too large, ...)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PageFailed(Exception):
    """Could not be fetched (HTTP error, timeout, connection error), after retries."""

    def __init__(self, reason: str, *, status: int | None = None, connect: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.connect = connect  # no HTTP answer at all (refused, TLS failure, timeout)


@dataclass(slots=True)
class Fetched:
    url: str  # normalised final URL after redirects
    status: int
    headers: dict[str, str]
    body: bytes
    content_type: str
    elapsed_ms: float
    redirects: list[str] = field(default_factory=list)


class Throttle:
    """Space request *starts* to one host by ``delay`` seconds while letting them overlap.

    A host that answers 429 or 503 is asked for nothing more until its ``Retry-After`` (or a
    backoff) has passed, by any worker, and from then on gets requests at least
    ``SLOWED_GAP`` seconds apart: one overloaded answer slows the whole crawl, not one page."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._next: dict[str, float] = {}
        self._slowed: set[str] = set()

    def gap(self, host: str) -> float:
        return max(self.delay, SLOWED_GAP if host in self._slowed else 0.0)

    async def wait(self, host: str) -> None:
        gap = self.gap(host)
        now = time.monotonic()
        slot = max(now, self._next.get(host, 0.0))
        if gap <= 0 and slot <= now:
            return
        self._next[host] = slot + gap
        if slot > now:
            await asyncio.sleep(slot - now)

    def pause(self, host: str, seconds: float) -> None:
        """``host`` asked us to slow down: hold its requests for ``seconds``, then space them."""
        self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + seconds)
        self._slowed.add(host)


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def is_html(content_type: str, body_start: bytes) -> bool:
    if content_type.startswith(HTML_TYPES):
        return True
    if content_type in SNIFF_TYPES:
        head = body_start[:512].lstrip().lower()
        return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head
    return False


class Fetcher:
    """One httpx client per crawl job, routed through the SSRF guard (over aiohttp, see
    :mod:`acorn.crawl.transport` for why)."""

    def __init__(
        self,
        settings: Settings,
        config: ScrapingConfig,
        guard: UrlGuard,
        *,
        backoff_base: float = 0.5,
    ) -> None:
        self.config = config
        self.throttle = Throttle(config.delay_seconds)
        self.backoff_base = backoff_base
        self.client = httpx.AsyncClient(
            transport=AiohttpTransport(guard, max_connections=config.concurrency + 2),
            headers={
                "User-Agent": settings.user_agent,
                "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                "Accept-Language": "en;q=0.9,*;q=0.5",
            },
            timeout=httpx.Timeout(config.timeout_seconds),
            follow_redirects=False,
        )

    async def aclose(self) -> None:
        await self.client.aclose()

    async def fetch(
        self,
        url: str,
        *,
        html_only: bool = True,
        max_bytes: int | None = None,
        check_hop: Callable[[str], str | None] | None = None,
        retries: int | None = None,
    ) -> Fetched:
        """GET ``url`` following redirects; raises PageSkipped / PageFailed (or BlockedURL /
        FetchFailed from the guard, which the caller turns into a skip or a root error).
        ``retries``: instead of the config's ``max_retries`` (0 for a quick probe)."""
        limit = max_bytes or self.config.max_page_bytes
        visited = [url]
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            resp = await self._get_with_retries(
                current, html_only=html_only, limit=limit, retries=retries
            )
            if not (300 <= resp.status < 400) or resp.status == 304:
                resp.redirects = visited[:-1]
                if resp.status >= 400:
                    raise PageFailed(f"HTTP {resp.status}", status=resp.status)
                return resp
            location = resp.headers.get("location")
            target = normalize_url(location, current) if location else None
            if target is None:
                raise PageFailed(f"HTTP {resp.status} redirect without a usable Location")
            if target in visited:
                raise PageFailed(f"redirect loop at {target}")
            if check_hop is not None:
                reason = check_hop(target)
                if reason:
                    raise PageSkipped(f"redirects to {target}: {reason}")
            visited.append(target)
            current = target
        raise PageFailed(f"more than {MAX_REDIRECTS} redirects")

    async def _get_with_retries(
        self, url: str, *, html_only: bool, limit: int, retries: int | None = None
    ) -> Fetched:
        attempts = (self.config.max_retries if retries is None else retries) + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            await self.throttle.wait(site_of(url))
            try:
                # A hard cap per attempt: httpx/aiohttp timeouts are per socket operation, so a
                # server dripping one byte at a time would otherwise never time out.
                async with asyncio.timeout(self.config.timeout_seconds * 2):
                    resp = await self._get_once(url, html_only=html_only, limit=limit)
            except (httpx.TimeoutException, TimeoutError):
                if last:
                    raise PageFailed(
                        f"timed out after {self.config.timeout_seconds:g}s", connect=True
                    ) from None
            except (httpx.NetworkError, httpx.RemoteProtocolError, httpx.ProxyError) as exc:
                if last:
                    raise PageFailed(
                        f"connection error: {exc or type(exc).__name__}", connect=True
                    ) from None
            except (BlockedURL, FetchFailed):
                raise
            except httpx.HTTPError as exc:
                raise PageFailed(f"HTTP error: {exc or type(exc).__name__}") from None
            else:
                if resp.status not in RETRY_STATUSES or last:
                    return resp
                wait = retry_after_seconds(resp.headers.get("retry-after"))
                if resp.status in SLOW_DOWN_STATUSES:
                    backoff = self.backoff_base * (2**attempt)
                    pause = min(wait, MAX_RETRY_AFTER) if wait is not None else backoff
                    self.throttle.pause(site_of(url), pause)
                    continue  # the throttle holds the retry until the pause is over
                if wait is not None:
                    await asyncio.sleep(min(wait, MAX_RETRY_AFTER))
                    continue
            await asyncio.sleep(self.backoff_base * (2**attempt))
        raise AssertionError("unreachable")

    async def _get_once(self, url: str, *, html_only: bool, limit: int) -> Fetched:
        started = time.perf_counter()
        async with self.client.stream("GET", url) as resp:
            headers = {k.lower(): v for k, v in resp.headers.items()}
            ctype = headers.get("content-type", "").split(";", 1)[0].strip().lower()
            status = resp.status_code
            if status >= 300:
                await resp.aclose()
                return Fetched(url, status, headers, b"", ctype, _ms(started))
            if html_only and not ctype.startswith(HTML_TYPES) and ctype not in SNIFF_TYPES:
                raise PageSkipped(f"not HTML ({ctype})")
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise PageSkipped(f"larger than {limit} bytes ({declared} declared)")
            chunks: list[bytes] = []
            size = 0
            async for chunk in resp.aiter_bytes():
                size += len(chunk)
                if size > limit:
                    raise PageSkipped(f"larger than {limit} bytes")
                chunks.append(chunk)
        body = b"".join(chunks)
        if html_only and not is_html(ctype, body):
            raise PageSkipped(f"not HTML ({ctype or 'no content type'})")
        return Fetched(url, status, headers, body, ctype, _ms(started))


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
