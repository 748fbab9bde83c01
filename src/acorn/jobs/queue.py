"""Where jobs wait and who runs them: a small protocol with two backends, chosen by settings.

- ``inprocess`` (the embedded default): ``acorn serve`` runs a bounded pool of jobs on its own
  event loop, claiming queued rows from the database.
- ``rq`` (``ACORN_REDIS_URL`` set): the API only enqueues job ids on Redis; ``acorn worker``
  processes on any machine run them. The API stays stateless.

Either way the job row in ``scrape_jobs`` is the record (see :mod:`acorn.jobs.state`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from acorn.jobs.tasks import JobContext

# A job left "running" without a heartbeat for this long belongs to a dead process.
STALE_SECONDS = 60.0


class JobQueue(Protocol):
    name: str

    async def start(self) -> None:
        """Recover jobs a dead process left behind and begin taking work (if this backend
        runs jobs in this process)."""

    def enqueue(self, job_id: str) -> None:
        """Hand a queued job row to the backend."""

    def cancel(self, job_id: str) -> None:
        """Stop a job promptly if this process runs it (the row is already marked)."""

    async def stop(self) -> None: ...


# factory(ctx, options): each backend takes the options it understands
QueueFactory = Callable[[JobContext, dict[str, Any]], JobQueue]


def _inprocess(ctx: JobContext, options: dict[str, Any]) -> JobQueue:
    from acorn.jobs.inprocess import InProcessQueue

    keys = ("concurrency", "poll_seconds", "stale_seconds")
    return InProcessQueue(ctx, **{k: v for k, v in options.items() if k in keys})


def _rq(ctx: JobContext, options: dict[str, Any]) -> JobQueue:
    from acorn.jobs.rq_backend import RqQueue

    keys = ("queue_name", "stale_seconds")
    return RqQueue(ctx, **{k: v for k, v in options.items() if k in keys and v is not None})


QUEUES: dict[str, QueueFactory] = {"inprocess": _inprocess, "rq": _rq}


def get_job_queue(ctx: JobContext, name: str | None = None, **options: Any) -> JobQueue:
    """``rq`` when ``ACORN_REDIS_URL`` is set, else ``inprocess``."""
    return QUEUES[name or ("rq" if ctx.settings.redis_url else "inprocess")](ctx, options)
