"""Scale-out backend: job ids go through Redis + RQ, ``acorn worker`` processes run them.

The API process only writes the job row and enqueues its id, so any number of API processes
stay stateless; progress still lands in the database (status endpoint) and on Redis pub/sub
(live events). A worker runs one job at a time, so the pool is bounded by how many workers you
start. Workers use :class:`rq.SimpleWorker` (no fork per job) so the embedding model loads once
per worker instead of once per job.

Workers need the same ``ACORN_DATABASE_URL`` (PostgreSQL) and a Qdrant server
(``ACORN_QDRANT_URL``) as the API: the embedded SQLite/Qdrant files live on one machine.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from redis import Redis
from rq import Queue, SimpleWorker
from rq.timeouts import TimerDeathPenalty

from acorn.errors import ConfigurationError
from acorn.jobs import state
from acorn.jobs.queue import STALE_SECONDS
from acorn.jobs.tasks import JobContext, run_job

log = logging.getLogger(__name__)

DEFAULT_QUEUE = "acorn"

# RQ calls a plain module-level function with the job id; the worker process installs its
# context (settings, database, knowledge base with the loaded model) here once at start.
_worker_context: list[JobContext] = []


def install_context(ctx: JobContext) -> None:
    _worker_context[:] = [ctx]


def _context() -> JobContext:
    if not _worker_context:
        install_context(build_worker_context())
    return _worker_context[0]


def build_worker_context() -> JobContext:
    """The context of a worker started without one (e.g. a plain ``rq worker``)."""
    from acorn.config import get_settings
    from acorn.index import KnowledgeBase
    from acorn.jobs.events import get_event_bus
    from acorn.store import Database

    settings = get_settings()
    db = Database(settings).ensure_ready()
    return JobContext(settings, db, KnowledgeBase(settings, db), get_event_bus(settings))


def perform(job_id: str) -> str | None:
    """The RQ job: run one ingestion job (its row says what to crawl)."""
    return asyncio.run(run_job(_context(), job_id))


def redis_connection(url: str | None) -> Redis:
    if not url:
        raise ConfigurationError(
            "the RQ job backend needs Redis, but ACORN_REDIS_URL is not set",
            hint="set ACORN_REDIS_URL=redis://host:6379/0, or leave it unset to run jobs "
            "inside `acorn serve`",
        )
    return Redis.from_url(url)


class RqQueue:
    name = "rq"

    def __init__(
        self,
        ctx: JobContext,
        *,
        queue_name: str = DEFAULT_QUEUE,
        stale_seconds: float = STALE_SECONDS,
    ) -> None:
        self.ctx = ctx
        self.connection = redis_connection(ctx.settings.redis_url)
        self.queue = Queue(queue_name, connection=self.connection)
        self.stale_seconds = stale_seconds

    async def start(self) -> None:
        await asyncio.to_thread(self.recover)

    def recover(self) -> list[str]:
        """Re-enqueue jobs whose worker died (their rows say ``running`` with no heartbeat)."""
        requeued = state.recover_stale(self.ctx.db, self.stale_seconds)
        for job_id in requeued:
            self.enqueue(job_id)
        return requeued

    def enqueue(self, job_id: str) -> None:
        self.queue.enqueue_call(
            perform,
            args=(job_id,),
            timeout=3600 * 6,  # the job enforces its own deadline; this is a backstop
            result_ttl=3600,
            failure_ttl=86400,
            description=f"acorn ingest job {job_id}",
        )

    def cancel(self, job_id: str) -> None:
        """Nothing to do here: the worker reads the cancelled row within a heartbeat."""

    async def stop(self) -> None:
        self.connection.close()


class AcornWorker(SimpleWorker):
    """A SimpleWorker that can also run in a non-main thread (tests, an embedded runner):
    signal handlers can only be installed on the main thread, so the job-timeout backstop is
    a timer rather than SIGALRM."""

    death_penalty_class = TimerDeathPenalty

    def _install_signal_handlers(self, *args: Any, **kwargs: Any) -> None:
        import threading

        if threading.current_thread() is threading.main_thread():
            super()._install_signal_handlers(*args, **kwargs)


def run_worker(
    ctx: JobContext,
    *,
    queue_name: str = DEFAULT_QUEUE,
    burst: bool = False,
    name: str | None = None,
) -> bool:
    """Run an RQ worker on ``queue_name`` with ``ctx`` until stopped (or the queue is empty,
    with ``burst``)."""
    install_context(ctx)
    connection = redis_connection(ctx.settings.redis_url)
    worker = AcornWorker(
        [Queue(queue_name, connection=connection)], connection=connection, name=name
    )
    return worker.work(burst=burst, logging_level="WARNING")
