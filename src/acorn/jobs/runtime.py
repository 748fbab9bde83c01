"""The job system as the API sees it: one object on ``app.state.jobs`` that submits, cancels
and (embedded) runs jobs, started and stopped with the app (see :func:`lifespan`)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from acorn.config import Settings
from acorn.errors import AcornError
from acorn.jobs import state
from acorn.jobs.events import EventBus, get_event_bus
from acorn.jobs.queue import STALE_SECONDS, JobQueue, get_job_queue
from acorn.jobs.scheduler import run_scheduler
from acorn.jobs.tasks import JobContext
from acorn.store import Database, ScrapeJob

log = logging.getLogger(__name__)


class QueueUnavailable(AcornError):
    """The job queue (Redis) could not take the job."""

    http_status = 503


class JobRuntime:
    def __init__(
        self, ctx: JobContext, queue: JobQueue, *, scheduler_interval: float | None = None
    ) -> None:
        self.ctx = ctx
        self.queue = queue
        self.scheduler_interval = scheduler_interval
        self._scheduler: asyncio.Task[None] | None = None
        self._prewarm: asyncio.Task[None] | None = None

    @classmethod
    def build(
        cls,
        settings: Settings,
        db: Database,
        kb: Any,
        *,
        backend: str | None = None,
        bus: EventBus | None = None,
        queue_name: str | None = None,
        stale_seconds: float = STALE_SECONDS,
        poll_seconds: float = 2.0,
        scheduler_interval: float | None = 60.0,
        extract_workers: int | None = None,
    ) -> JobRuntime:
        """The embedded runner (jobs and the refresh scheduler in this process), or the RQ
        client when ``ACORN_REDIS_URL`` is set (workers run jobs and the scheduler)."""
        ctx = JobContext(
            settings, db, kb, bus or get_event_bus(settings), extract_workers=extract_workers
        )
        backend = backend or ("rq" if settings.redis_url else "inprocess")
        queue = get_job_queue(
            ctx,
            backend,
            queue_name=queue_name,
            stale_seconds=stale_seconds,
            poll_seconds=poll_seconds,
        )
        # The refresh scheduler runs where jobs run: here when embedded, in
        # `acorn worker --scheduler` when scaled out.
        return cls(ctx, queue, scheduler_interval=scheduler_interval if backend != "rq" else None)

    @property
    def bus(self) -> EventBus:
        return self.ctx.bus

    async def start(self) -> None:
        await self.queue.start()
        if self.queue.name == "inprocess":  # this process runs jobs: warm its pool up
            self._prewarm = asyncio.create_task(asyncio.to_thread(self._safe_prewarm))
        if self.scheduler_interval:
            self._scheduler = asyncio.create_task(
                run_scheduler(
                    self.ctx,
                    self.queue,
                    interval=self.scheduler_interval,
                    stale_seconds=getattr(self.queue, "stale_seconds", STALE_SECONDS),
                ),
                name="acorn-scheduler",
            )

    def _safe_prewarm(self) -> None:
        try:
            self.ctx.prewarm()
        except Exception:  # a job will start the pool (and report any problem) itself
            log.warning("could not prewarm the extraction pool", exc_info=True)

    async def stop(self) -> None:
        if self._prewarm is not None:
            with contextlib.suppress(Exception):
                await self._prewarm
        if self._scheduler is not None:
            self._scheduler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._scheduler
        await self.queue.stop()
        self.ctx.bus.close()
        await asyncio.to_thread(self.ctx.reset_executor)

    def submit(self, agent_id: str) -> ScrapeJob:
        """Queue a crawl of the agent (``JobConflict`` if one is already queued/running)."""
        job = state.submit(self.ctx.db, agent_id)
        try:
            self.queue.enqueue(job.id)
        except Exception as exc:  # e.g. Redis unreachable: never leave a job queued nowhere
            message = f"Could not queue the crawl: {type(exc).__name__}: {exc}"
            hint = "Check that Redis is running and ACORN_REDIS_URL is right, then re-crawl."
            state.finish(self.ctx.db, job.id, "failed", error=message, hint=hint)
            raise QueueUnavailable(message, hint=hint) from exc
        return job

    def cancel(self, agent_id: str) -> ScrapeJob:
        job = state.request_cancel(self.ctx.db, agent_id)
        self.queue.cancel(job.id)
        self.ctx.bus.publish(
            agent_id,
            {
                "type": "done",
                "job_id": job.id,
                "status": "cancelled",
                "stage": "cancelled",
                "error": job.error,
                "hint": None,
            },
        )
        return job


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the job system after the app has opened its database and knowledge base.
    Tests may put a prepared runtime (or ``app.state.job_options``) on the state first."""
    runtime: JobRuntime | None = getattr(app.state, "jobs", None)
    if runtime is None:
        options = getattr(app.state, "job_options", None) or {}
        runtime = JobRuntime.build(app.state.settings, app.state.db, app.state.kb, **options)
        app.state.jobs = runtime
    await runtime.start()
    try:
        yield
    finally:
        await runtime.stop()
        app.state.jobs = None
