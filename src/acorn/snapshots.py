"""Answering from the pages read so far while a slow crawl continues.

A site whose robots.txt asks for ``Crawl-delay: 10`` takes minutes to read; its owner should
not wait that long for a receptionist that knows the home page. When the crawl's pace note says
it will take longer than ``SLOW_CRAWL_SECONDS``, the pages extracted so far are handed to a
callback (the job indexes them) as soon as one is readable and then at most every
``SNAPSHOT_SECONDS``, one snapshot at a time. The final index replaces the last snapshot.

Snapshots are whole, ordinary ingests (atomic generation flips), so a crash between two leaves
the previous one serving. A snapshot that fails is logged and skipped: it was only a preview.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Awaitable, Callable
from contextlib import suppress

from acorn.crawl.types import CrawlEvent, EventKind
from acorn.extract.types import ExtractedPage
from acorn.sitedata import SiteData

log = logging.getLogger(__name__)

SLOW_CRAWL_SECONDS = 30.0  # a crawl expected to take longer than this publishes snapshots
SNAPSHOT_SECONDS = 30.0  # at most one snapshot this often (the first as soon as it can)

SnapshotCallback = Callable[[SiteData], Awaitable[None]]


class Snapshots:
    """Decides when a slow crawl's pages so far are worth publishing, and runs the callback
    in the background so the crawl never waits for indexing."""

    def __init__(self, callback: SnapshotCallback | None, *, every: float | None = None) -> None:
        self.callback = callback
        self.every = SNAPSHOT_SECONDS if every is None else every
        self.active = False  # set when the pace note says the crawl will be slow
        self._task: asyncio.Task[None] | None = None
        self._last = -math.inf
        self._published = 0  # readable pages in the last snapshot

    def on_event(self, event: CrawlEvent) -> None:
        if (
            self.callback is not None
            and event.kind is EventKind.NOTE
            and (event.eta_seconds or 0.0) > SLOW_CRAWL_SECONDS
        ):
            self.active = True

    def due(self) -> bool:
        idle = self._task is None or self._task.done()
        return self.active and idle and time.monotonic() - self._last >= self.every

    def publish(
        self, pages: list[ExtractedPage], build: Callable[[list[ExtractedPage]], SiteData]
    ) -> None:
        """Start a snapshot of ``pages`` when it has readable pages the last one lacked."""
        readable = [p for p in pages if p.clean_text.strip()]
        if len(readable) <= self._published or self.callback is None:
            return
        self._last = time.monotonic()
        self._published = len(readable)
        self._task = asyncio.create_task(self._run(self.callback, build(readable)))

    async def _run(self, callback: SnapshotCallback, site: SiteData) -> None:
        try:
            await callback(site)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.warning("a snapshot of %d pages was not published", len(site.pages), exc_info=True)

    async def close(self, *, cancel: bool = False) -> None:
        """Wait for the snapshot in flight (the final index must come after it)."""
        if self._task is None:
            return
        if cancel:
            self._task.cancel()
        with suppress(asyncio.CancelledError):
            await self._task


def finished_pages(jobs: list[asyncio.Future[list[ExtractedPage]]]) -> list[ExtractedPage]:
    """The pages of the extraction jobs already done (a failed one is left to the end)."""
    return [
        page
        for job in jobs
        if job.done() and not job.cancelled() and job.exception() is None
        for page in job.result()
    ]
