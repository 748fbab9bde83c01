"""The job rows in ``scrape_jobs``: the one place a job's life is written down.

Both backends keep their jobs here (RQ only carries the job id), so a job can always be seen,
cancelled and recovered whatever ran it. Every transition is a compare-and-set ``UPDATE ...
WHERE status = ...``, which makes claiming atomic on SQLite and PostgreSQL alike without row
locks: two workers racing for one job see one ``rowcount == 1``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from acorn.config import AgentConfig
from acorn.errors import AcornError, NotFound
from acorn.store import Agent, Chunk, Database, ScrapeJob, agent_config

ACTIVE = ("queued", "running")
MAX_ATTEMPTS = 3


class JobConflict(AcornError):
    """The agent already has a crawl queued or running (one job per agent at a time)."""

    http_status = 409


@dataclass(slots=True)
class ClaimedJob:
    """What a worker needs to run a job it has claimed."""

    job_id: str
    agent_id: str
    root_url: str
    config: AgentConfig
    attempts: int
    owner_verified: bool = False  # the owner proved the site theirs: no Crawl-delay
    serving: bool = False  # a live index answers already (a re-crawl, not a first crawl)


def now() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back naive; they were written in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def active_job(db: Database, agent_id: str) -> ScrapeJob | None:
    with db.session() as s:
        return s.scalar(
            select(ScrapeJob)
            .where(ScrapeJob.agent_id == agent_id, ScrapeJob.status.in_(ACTIVE))
            .order_by(ScrapeJob.created_at.desc())
            .limit(1)
        )


def latest_job(db: Database, agent_id: str) -> ScrapeJob | None:
    with db.session() as s:
        return s.scalar(
            select(ScrapeJob)
            .where(ScrapeJob.agent_id == agent_id)
            .order_by(ScrapeJob.created_at.desc(), ScrapeJob.id.desc())
            .limit(1)
        )


def get_job(db: Database, job_id: str) -> ScrapeJob:
    with db.session() as s:
        job = s.get(ScrapeJob, job_id)
        if job is None:
            raise NotFound(f"no job with id {job_id!r}", hint="check the job id")
        return job


def submit(db: Database, agent_id: str) -> ScrapeJob:
    """Insert a queued job for the agent, or raise :class:`JobConflict` if one is active."""
    current = active_job(db, agent_id)
    if current is not None:
        error = JobConflict(
            f"agent {agent_id} already has a crawl {current.status} (job {current.id})",
            hint="wait for it to finish (GET /v1/agents/{id}/status) or cancel it first".replace(
                "{id}", agent_id
            ),
        )
        error.extra = {"job_id": current.id, "status": current.status}  # type: ignore[attr-defined]
        raise error
    job = ScrapeJob(agent_id=agent_id, status="queued", stage="queued", log=[])
    with db.session() as s:
        s.add(job)
    return job


def _cas(db: Database, job_id: str, expect: tuple[str, ...], **values: Any) -> bool:
    with db.session() as s:
        result = s.execute(
            update(ScrapeJob)
            .where(ScrapeJob.id == job_id, ScrapeJob.status.in_(expect))
            .values(**values)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


def claim(db: Database, job_id: str) -> ClaimedJob | None:
    """Move a queued job to running (None if someone else took it, or it was cancelled)."""
    stamp = now()
    if not _cas(
        db,
        job_id,
        ("queued",),
        status="running",
        stage="starting",
        started_at=stamp,
        heartbeat_at=stamp,
        attempts=ScrapeJob.attempts + 1,
        error=None,
    ):
        return None
    with db.session() as s:
        job = s.get(ScrapeJob, job_id)
        agent = s.get(Agent, job.agent_id) if job else None
        if job is None or agent is None:
            return None
        agent.status = "scraping"
        return ClaimedJob(
            job.id,
            agent.id,
            agent.root_url,
            agent_config(agent),
            job.attempts,
            owner_verified=agent.verified_at is not None,
            serving=bool(agent.live_generation),
        )


def claim_next(db: Database, skip_agents: set[str] | None = None) -> ClaimedJob | None:
    """Claim the oldest queued job whose agent has nothing running (one job per agent)."""
    with db.session() as s:
        busy = select(ScrapeJob.agent_id).where(ScrapeJob.status == "running")
        candidates = s.scalars(
            select(ScrapeJob.id)
            .where(ScrapeJob.status == "queued", ScrapeJob.agent_id.not_in(busy))
            .order_by(ScrapeJob.created_at)
            .limit(10)
        ).all()
        owners = dict(
            s.execute(
                select(ScrapeJob.id, ScrapeJob.agent_id).where(ScrapeJob.id.in_(candidates))
            ).all()
        )
    for job_id in candidates:
        if skip_agents and owners.get(job_id) in skip_agents:
            continue
        claimed = claim(db, job_id)
        if claimed is not None:
            return claimed
    return None


def heartbeat(db: Database, job_id: str, **progress: Any) -> str | None:
    """Stamp the job alive (and save progress); returns its status, so the worker sees a
    cancellation written by another process."""
    with db.session() as s:
        job = s.get(ScrapeJob, job_id)
        if job is None:
            return None
        if job.status == "running":
            job.heartbeat_at = now()
            for key, value in progress.items():
                setattr(job, key, value)
        return job.status


def finish(
    db: Database,
    job_id: str,
    status: str,
    *,
    error: str | None = None,
    hint: str | None = None,
    **values: Any,
) -> None:
    """End a job and put its agent in the matching state. An agent with a live index stays
    ``ready`` after a failed or cancelled re-crawl: the old knowledge keeps serving.

    A job already marked cancelled stays cancelled, unless its index went live anyway (the
    cancel came too late): then the truth is that it succeeded."""
    with db.session() as s:
        job = s.get(ScrapeJob, job_id)
        if job is None:
            return
        if status == "succeeded" or job.status in ACTIVE:
            job.status = status
            job.stage = "ready" if status == "succeeded" else status
            job.finished_at = now()
        if error is not None and not job.error:
            job.error = error
        for key, value in values.items():
            setattr(job, key, value)
        if error is not None:
            job.log = [*(job.log or []), {"kind": "error", "reason": error, "hint": hint}]
        agent = s.get(Agent, job.agent_id)
        if agent is not None and job.status != "succeeded":
            agent.status = "ready" if agent.live_generation else "failed"


def request_cancel(db: Database, agent_id: str) -> ScrapeJob:
    """Mark the agent's active job cancelled; a running worker notices within a heartbeat."""
    job = active_job(db, agent_id)
    if job is None or not _cas(
        db,
        job.id,
        ACTIVE,
        status="cancelled",
        stage="cancelled",
        finished_at=now(),
        error="Cancelled by the owner.",
    ):
        raise JobConflict(
            f"agent {agent_id} has no crawl queued or running",
            hint="start one with POST /v1/agents/{id}/recrawl".replace("{id}", agent_id),
        )
    with db.session() as s:
        agent = s.get(Agent, agent_id)
        if agent is not None:
            agent.status = "ready" if agent.live_generation else "failed"
    return get_job(db, job.id)


def requeue(db: Database, job_id: str) -> bool:
    """Put a running job back in the queue (the process running it is shutting down)."""
    return _cas(db, job_id, ("running",), status="queued", stage="queued", heartbeat_at=None)


def recover_stale(db: Database, stale_seconds: float) -> list[str]:
    """Jobs left ``running`` by a dead process (no heartbeat for ``stale_seconds``) go back to
    the queue, or fail cleanly after :data:`MAX_ATTEMPTS`; none stays stuck. Returns the ids
    re-queued (an RQ backend enqueues them again)."""
    cutoff = now() - timedelta(seconds=stale_seconds)
    with db.session() as s:
        rows = s.execute(
            select(
                ScrapeJob.id, ScrapeJob.attempts, ScrapeJob.heartbeat_at, ScrapeJob.started_at
            ).where(ScrapeJob.status == "running")
        ).all()
    requeued = []
    for job_id, attempts, beat, started in rows:
        last = aware(beat) or aware(started)
        if last is not None and last > cutoff:
            continue
        if attempts < MAX_ATTEMPTS:
            if requeue(db, job_id):
                requeued.append(job_id)
        else:
            finish(
                db,
                job_id,
                "failed",
                error=f"The worker running this crawl stopped {attempts} times.",
                hint="Check the worker's logs (memory, crashes), then re-crawl.",
            )
    return requeued


def live_chunk_count(db: Database, agent: Agent) -> int:
    with db.session() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(Chunk)
                .where(Chunk.agent_id == agent.id, Chunk.generation == agent.live_generation)
            )
            or 0
        )
