"""Background jobs: the ingestion job, its queue (in-process or RQ), live progress events and
the refresh scheduler. The API uses :class:`JobRuntime` (``app.state.jobs``)."""

from acorn.jobs.events import EventBus, MemoryBus, RedisBus, get_event_bus
from acorn.jobs.queue import JobQueue, get_job_queue
from acorn.jobs.runtime import JobRuntime
from acorn.jobs.state import JobConflict
from acorn.jobs.tasks import JobContext, run_job

__all__ = [
    "EventBus",
    "JobConflict",
    "JobContext",
    "JobQueue",
    "JobRuntime",
    "MemoryBus",
    "RedisBus",
    "get_event_bus",
    "get_job_queue",
    "run_job",
]
