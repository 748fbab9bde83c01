"""``scrape_site``: crawl a site and extract every page into one :class:`SiteData`.

The crawl is I/O on one event loop; extraction is CPU-bound, so pages are handed to a process
pool as they arrive and both overlap: on a 2-core machine the crawler and the extractors use
both cores instead of one (this is what makes Acorn faster than a single-process crawler that
extracts inline; see bench/crawl.py).
"""

from __future__ import annotations

import asyncio
import inspect
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager, nullcontext, suppress
from datetime import UTC, datetime
from functools import partial
from typing import Any

from acorn.config import ScrapingConfig, Settings
from acorn.crawl.crawler import Crawler
from acorn.crawl.types import CrawlEvent, EventKind, FetchedPage
from acorn.errors import EmptySite
from acorn.extract.page import extract_page
from acorn.extract.site import assemble_site
from acorn.extract.types import ExtractedPage
from acorn.sitedata import CrawlStats, SiteData
from acorn.snapshots import SnapshotCallback, Snapshots, finished_pages

EventCallback = Callable[[CrawlEvent], Awaitable[None] | None]
# Pages per pool job: one page per job costs the crawl process ~0.2 ms of pickling, futures
# and wake-ups; a few per job amortise it without delaying the end of the crawl.
BATCH = 4


@contextmanager
def extraction_pool(workers: int | None = None) -> Iterator[Executor]:
    """A process pool for ``extract_page``, its workers started at once.

    A single-threaded process (``acorn crawl``, a benchmark) forks them: they inherit the
    extractor already imported here and take pages within milliseconds. A process with other
    threads (the API server, test servers, the browser driver) must not fork, since a lock
    held by another thread at that moment stays locked in the child; it uses a fork server
    that preloads the extractor instead, which costs about half a second of start-up."""
    count = workers or max(1, os.cpu_count() or 1)
    if _safe_to_fork():
        pool = ProcessPoolExecutor(
            max_workers=count, mp_context=multiprocessing.get_context("fork")
        )
        _start_workers(pool, count)  # forks every worker now, before any helper thread exists
    else:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["acorn.extract.page", "acorn.scrape"])
        pool = ProcessPoolExecutor(max_workers=count, mp_context=context)
        # From a thread: the first start waits for the fork server to import the extractor,
        # which would otherwise stall the crawl's event loop.
        warm = threading.Thread(target=_start_workers, args=(pool, count), daemon=True)
        warm.start()
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _safe_to_fork() -> bool:
    """No other Python thread, and no library that runs native thread pools (torch) loaded."""
    return sys.platform == "linux" and threading.active_count() == 1 and "torch" not in sys.modules


async def scrape_site(
    root_url: str,
    settings: Settings,
    config: ScrapingConfig,
    *,
    on_event: EventCallback | None = None,
    override_robots: bool = False,
    workers: int | None = None,
    executor: Executor | None = None,
    owner_verified: bool = False,
    on_snapshot: SnapshotCallback | None = None,
) -> SiteData:
    """Crawl ``root_url`` and return the scraped-data document.

    ``owner_verified``: the site's owner proved it theirs, so robots.txt Crawl-delay is not
    applied (see :mod:`acorn.crawl.ownership`).

    ``on_snapshot``: called with the pages read so far while a slow crawl continues (see
    :mod:`acorn.snapshots`); the returned SiteData is still the whole site.

    ``executor``: an extraction pool to reuse (a long-running worker keeps one warm instead of
    starting processes for every job); by default a pool is made for this call.

    Root problems raise (InvalidURL, BlockedURL, FetchFailed, RobotsDisallowed); so does a
    site without a single readable page (EmptySite). Everything else is in ``SiteData.log``."""
    started = time.monotonic()
    crawler = Crawler(settings, config, override_robots, owner_verified=owner_verified)
    loop = asyncio.get_running_loop()
    stats = CrawlStats()
    log: list[dict[str, Any]] = []
    root = root_url
    jobs: list[asyncio.Future[list[ExtractedPage]]] = []
    batch: list[FetchedPage] = []
    snapshots = Snapshots(on_snapshot)
    with nullcontext(executor) if executor else extraction_pool(workers) as pool:
        try:
            async for event in crawler.run(root_url):
                if on_event is not None:
                    result = on_event(event)
                    if inspect.isawaitable(result):
                        await result
                stats.discovered = max(stats.discovered, event.discovered)
                snapshots.on_event(event)
                if event.kind in (EventKind.STARTED, EventKind.FINISHED):
                    root = event.url  # FINISHED names the site crawled if the root moved
                elif event.page is not None:
                    stats.fetched += 1
                    stats.rendered += event.kind is EventKind.RENDERED
                    if event.page.noindex:
                        log.append(_entry(event, "skipped", "noindex: fetched for links only"))
                    else:
                        batch.append(event.page)
                        # A slow crawl extracts each page at once, for its snapshots.
                        if len(batch) >= (1 if snapshots.active else BATCH):
                            jobs.append(loop.run_in_executor(pool, extract_batch, batch))
                            batch = []
                elif event.kind is EventKind.SKIPPED:
                    stats.skipped += 1
                    stats.duplicates += event.reason.startswith("duplicate")
                    log.append(_entry(event, "skipped", event.reason))
                elif event.kind is EventKind.FAILED:
                    stats.failed += 1
                    log.append(_entry(event, "failed", event.reason))
                elif event.kind is EventKind.NOTE:
                    log.append(_entry(event, "note", event.reason))
                if snapshots.due():
                    snapshots.publish(
                        finished_pages(jobs),
                        partial(assemble_site, root, stats=stats.model_copy(), log=list(log)),
                    )
            if batch:
                jobs.append(loop.run_in_executor(pool, extract_batch, batch))
            pages = [page for done in await asyncio.gather(*jobs) for page in done]
            await snapshots.close()
        except BaseException:
            for job in jobs:
                job.cancel()
            await snapshots.close(cancel=True)
            raise
    stats.seconds = round(time.monotonic() - started, 3)
    readable = [p for p in pages if p.clean_text.strip()]
    if not readable:
        raise EmptySite(
            f"No readable text was found on {root} ({stats.fetched} pages fetched).",
            hint="The site may need JavaScript (try --render always), block crawlers, or be "
            "empty; check it in a browser.",
        )
    for page in pages:
        if not page.clean_text.strip():
            log.append(
                {
                    "url": page.url,
                    "kind": "skipped",
                    "reason": "no readable text",
                    "depth": page.depth,
                }
            )
    site = assemble_site(root, readable, stats=stats, log=log)
    site.crawled_at = datetime.now(UTC)
    return site


def extract_batch(pages: list[FetchedPage]) -> list[ExtractedPage]:
    """``extract_page`` over a few pages, in one pool job."""
    return [extract_page(page) for page in pages]


def _start_workers(pool: Executor, count: int) -> None:
    with suppress(RuntimeError):  # the pool was shut down already
        for _ in range(count):
            pool.submit(_warm)


def _warm() -> None:
    """A no-op job: submitting it makes the pool start a worker process."""


def _entry(event: CrawlEvent, kind: str, reason: str) -> dict[str, Any]:
    return {"url": event.url, "kind": kind, "reason": reason, "depth": event.depth}


def scrape_site_sync(
    root_url: str,
    settings: Settings,
    config: ScrapingConfig,
    *,
    on_event: EventCallback | None = None,
    override_robots: bool = False,
) -> SiteData:
    """:func:`scrape_site` from synchronous code (CLI, worker jobs).

    The main coroutine hands the result over through a holder instead of returning it:
    Python 3.11's ``asyncio.run`` reprs its main task (result included) while restoring the
    SIGINT handler, which for a 500-page SiteData costs half a second."""
    holder: list[SiteData] = []

    async def main() -> None:
        holder.append(
            await scrape_site(
                root_url, settings, config, on_event=on_event, override_robots=override_robots
            )
        )

    asyncio.run(main())
    return holder[0]
