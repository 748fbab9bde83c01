"""The ingestion job: crawl → extract → chunk → index → (summary/FAQ hooks), for one agent.

Both backends run this same coroutine; they differ only in who calls it. Outcomes:

- success: the knowledge base flips to the new generation (``KnowledgeBase.ingest``), the job
  is ``succeeded`` with its counts and per-page log;
- a bad page: logged with its reason, the job carries on (the crawler's contract);
- the whole job fails (root unreachable, empty site, deadline, a bug): ``failed`` with the
  message and hint the owner sees; the previous generation, if any, keeps answering;
- cancelled by the owner: ``cancelled``, same guarantee;
- the process shuts down mid-job: the job goes back to the queue for the next start.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

from acorn.config import Settings
from acorn.errors import AcornError, Cancelled
from acorn.jobs import state
from acorn.jobs.events import EventBus
from acorn.jobs.progress import JobProgress
from acorn.scrape import extraction_pool, scrape_site
from acorn.sitedata import SiteData
from acorn.store import Database

log = logging.getLogger(__name__)

# A step run in the "generating_faqs" stage once the index is live (summaries, FAQ drafts).
StageHook = Callable[["JobContext", str, SiteData], Awaitable[None]]


@dataclass
class JobContext:
    """Everything a job needs, built once per process (the embedder model loads once)."""

    settings: Settings
    db: Database
    kb: Any  # acorn.index.KnowledgeBase
    bus: EventBus
    hooks: list[StageHook] = field(default_factory=list)
    extract_workers: int | None = None  # extraction processes per job (None: one per core)
    heartbeat_seconds: float = 1.0
    # One ingest at a time per process: indexing is CPU-bound on the same cores, and the
    # local vector store is shared by every job in the process.
    index_lock: threading.Lock = field(default_factory=threading.Lock)
    active: dict[str, JobProgress] = field(default_factory=dict)  # jobs running here
    _pool: ExitStack | None = field(default=None, repr=False)
    _executor: Executor | None = field(default=None, repr=False)
    _pool_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def extraction_executor(self) -> Executor:
        """The process pool extraction runs in, started once and kept warm: starting one per
        job costs seconds (each process imports the extractor) on a small machine."""
        with self._pool_lock:
            if self._executor is None:
                self._pool = ExitStack()
                self._executor = self._pool.enter_context(extraction_pool(self.extract_workers))
            return self._executor

    def prewarm(self) -> None:
        """Start the extraction processes now, so the first onboarding does not wait for them."""
        executor = self.extraction_executor()
        workers = self.extract_workers or os.cpu_count() or 1
        for future in [executor.submit(os.getpid) for _ in range(workers)]:
            future.result()

    def reset_executor(self) -> None:
        """Shut the pool down (on stop, or after a worker process died and broke it)."""
        with self._pool_lock:
            pool, self._pool, self._executor = self._pool, None, None
        if pool is not None:
            pool.close()


async def run_job(
    ctx: JobContext, job_id: str, claimed: state.ClaimedJob | None = None
) -> str | None:
    """Run one job to its end; returns the final status (None if the job was not ours)."""
    claimed = claimed or await asyncio.to_thread(state.claim, ctx.db, job_id)
    if claimed is None:
        return None
    progress = JobProgress(ctx.db, ctx.bus, job_id, claimed.agent_id)
    task = asyncio.current_task()
    assert task is not None
    ctx.active[job_id] = progress
    watcher = asyncio.create_task(progress.watch(task, ctx.heartbeat_seconds))
    status, error, hint, extra = "failed", None, None, {}
    try:
        extra = await _ingest(ctx, claimed, progress)
        status = "succeeded"
    except asyncio.CancelledError:
        if not progress.cancelled.is_set():  # shutdown, not the owner: run it again later
            progress.abort.set()
            await asyncio.shield(asyncio.to_thread(state.requeue, ctx.db, job_id))
            progress.publish({"type": "stage", "stage": "queued"})
            raise
        task.uncancel()
        status, error = "cancelled", "Cancelled by the owner."
    except Cancelled:
        status, error = "cancelled", "Cancelled by the owner."
    except TimeoutError:
        limit = claimed.config.scraping.job_deadline_seconds
        error = f"The crawl took longer than its {limit:g} second limit."
        hint = "Lower scraping.max_pages or raise scraping.job_deadline_seconds, then re-crawl."
    except AcornError as exc:
        error, hint = exc.message, exc.hint
    except BrokenProcessPool:
        ctx.reset_executor()
        error = "An extraction process died (out of memory?)."
        hint = "Re-crawl; if it happens again, lower scraping.max_pages or add memory."
    except Exception as exc:
        log.exception("job %s failed", job_id)
        error = f"Unexpected error: {type(exc).__name__}: {exc}"
        hint = "This is a bug in Acorn; the worker's log has the details."
    finally:
        watcher.cancel()
        ctx.active.pop(job_id, None)
    counts = {
        "pages_discovered": progress.discovered,
        "pages_fetched": progress.fetched,
        "log": progress.log(),
        **extra,
    }
    await asyncio.to_thread(state.finish, ctx.db, job_id, status, error=error, hint=hint, **counts)
    progress.stage = "ready" if status == "succeeded" else status
    progress.publish({"type": "done", "status": status, "error": error, "hint": hint})
    return status


async def _ingest(ctx: JobContext, job: state.ClaimedJob, progress: JobProgress) -> dict[str, Any]:
    async with asyncio.timeout(job.config.scraping.job_deadline_seconds):
        await progress.set_stage("crawling")
        site = await scrape_site(
            job.root_url,
            ctx.settings,
            job.config.scraping,
            on_event=progress.on_event,
            executor=ctx.extraction_executor(),
            owner_verified=job.owner_verified,
            # Only a first crawl answers from pages so far: a re-crawl's snapshot would replace
            # a complete index with a smaller one.
            on_snapshot=None if job.serving else _snapshot_indexer(ctx, job.agent_id, progress),
        )
        progress.add_site_log(site.log)
        await progress.set_stage("indexing")
        report = await asyncio.to_thread(_index, ctx, job.agent_id, site, progress)
        progress.note(
            {
                "kind": "index",
                "pages": report.pages,
                "chunks": report.chunks,
                "embedded": report.embedded,  # new or changed text
                "reused": report.reused,  # unchanged: vector carried over, not re-embedded
                "removed_pages": report.removed_pages,
            }
        )
        await progress.set_stage("generating_faqs")
        for hook in ctx.hooks:
            await hook(ctx, job.agent_id, site)
    return {"chunks": report.chunks, "generation": report.generation}


def _snapshot_indexer(
    ctx: JobContext, agent_id: str, progress: JobProgress
) -> Callable[[SiteData], Awaitable[None]]:
    """Index the pages read so far of a slow first crawl, so the agent answers from them
    while the crawl continues (see :mod:`acorn.snapshots`)."""

    async def snapshot(site: SiteData) -> None:
        report = await asyncio.to_thread(_index_snapshot, ctx, agent_id, site, progress)
        entry = {"kind": "partial_index", "pages": report.pages, "chunks": report.chunks}
        progress.note(entry)
        progress.publish({"type": "partial_index", "pages": report.pages, "chunks": report.chunks})

    return snapshot


def _index_snapshot(ctx: JobContext, agent_id: str, site: SiteData, progress: JobProgress) -> Any:
    def check(done: int, total: int) -> None:  # the cancel point, without indexing progress
        if progress.abort.is_set():
            raise Cancelled("The crawl was cancelled.", hint="Re-crawl when you are ready.")

    while not ctx.index_lock.acquire(timeout=0.5):
        check(0, 0)
    try:
        check(0, 0)
        return ctx.kb.ingest(agent_id, site, progress=check)
    finally:
        ctx.index_lock.release()


def _index(ctx: JobContext, agent_id: str, site: SiteData, progress: JobProgress) -> Any:
    while not ctx.index_lock.acquire(timeout=0.5):
        progress.on_indexed(0, 0)  # raises if cancelled while waiting for the lock
    try:
        progress.on_indexed(0, 0)
        return ctx.kb.ingest(agent_id, site, progress=progress.on_indexed)
    finally:
        ctx.index_lock.release()
