"""Freshness: re-crawl agents whose config asks for it (``scraping.refresh_hours``).

One loop, run inside ``acorn serve`` (embedded) or by ``acorn worker --scheduler`` (scale-out;
run one). Each tick also recovers jobs a dead worker left ``running``. A re-crawl is cheap where
the site did not change: the knowledge base carries unchanged chunks over with their stored
vectors instead of embedding them again.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from acorn.jobs import state
from acorn.jobs.queue import JobQueue
from acorn.jobs.tasks import JobContext
from acorn.store import Agent, Database, ScrapeJob, agent_config

log = logging.getLogger(__name__)


def due_agents(db: Database, now: datetime | None = None) -> list[str]:
    """Agents with ``refresh_hours`` whose last crawl started that long ago and that have no
    crawl queued or running."""
    now = now or datetime.now(UTC)
    with db.session() as s:
        last = dict(
            s.execute(
                select(ScrapeJob.agent_id, func.max(ScrapeJob.created_at)).group_by(
                    ScrapeJob.agent_id
                )
            ).all()
        )
        busy = set(s.scalars(select(ScrapeJob.agent_id).where(ScrapeJob.status.in_(state.ACTIVE))))
        agents = s.scalars(select(Agent)).all()
    due = []
    for agent in agents:
        hours = agent_config(agent).scraping.refresh_hours
        if not hours or agent.id in busy:
            continue
        previous = state.aware(last.get(agent.id))
        if previous is None or now - previous >= timedelta(hours=hours):
            due.append(agent.id)
    return due


def tick(ctx: JobContext, queue: JobQueue, stale_seconds: float) -> list[str]:
    """One pass: recover dead workers' jobs, submit due re-crawls. Returns submitted job ids."""
    for job_id in state.recover_stale(ctx.db, stale_seconds):
        queue.enqueue(job_id)
    submitted = []
    for agent_id in due_agents(ctx.db):
        try:
            submitted.append(state.submit(ctx.db, agent_id).id)
        except state.JobConflict:
            continue
        queue.enqueue(submitted[-1])
        log.info("scheduled re-crawl of agent %s", agent_id)
    return submitted


async def run_scheduler(
    ctx: JobContext, queue: JobQueue, *, interval: float = 60.0, stale_seconds: float = 60.0
) -> None:
    while True:
        try:
            await asyncio.to_thread(tick, ctx, queue, stale_seconds)
        except Exception:
            log.exception("scheduler tick failed")
        await asyncio.sleep(interval)
