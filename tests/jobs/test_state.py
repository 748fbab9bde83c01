"""Job rows on SQLite and a real PostgreSQL: atomic claims, one job per agent, recovery of
dead workers' jobs, cancellation."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import update

from acorn.config import Settings
from acorn.jobs import state
from acorn.store import Agent, Database, ScrapeJob, create_agent
from tests.store.conftest import pg_url  # noqa: F401  (fixture)
from tests.support.databases import migrated_database


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Database]:
    if request.param == "postgres":
        settings = settings.model_copy(update={"database_url": request.getfixturevalue("pg_url")})
    yield from migrated_database(settings)


def agent_status(db: Database, agent_id: str) -> str:
    with db.session() as s:
        agent = s.get(Agent, agent_id)
        assert agent is not None
        return agent.status


def test_a_job_is_claimed_by_exactly_one_worker(db: Database) -> None:
    agent = create_agent(db, "https://a.example/")
    job = state.submit(db, agent.id)
    results: list[state.ClaimedJob | None] = []
    barrier = threading.Barrier(6)

    def race() -> None:
        barrier.wait()
        results.append(state.claim(db, job.id))

    threads = [threading.Thread(target=race) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [r for r in results if r is not None]
    assert len(winners) == 1
    assert winners[0].agent_id == agent.id and winners[0].attempts == 1
    assert state.get_job(db, job.id).status == "running"
    assert agent_status(db, agent.id) == "scraping"


def test_one_active_job_per_agent(db: Database) -> None:
    a = create_agent(db, "https://a.example/")
    b = create_agent(db, "https://b.example/")
    first = state.submit(db, a.id)
    with pytest.raises(state.JobConflict) as err:
        state.submit(db, a.id)
    assert err.value.http_status == 409
    assert err.value.extra["job_id"] == first.id  # type: ignore[attr-defined]
    # A running job blocks its agent's queued job (left from a race) but not other agents'.
    state.claim(db, first.id)
    stray = ScrapeJob(agent_id=a.id, status="queued", stage="queued", log=[])
    with db.session() as s:
        s.add(stray)
    other = state.submit(db, b.id)
    claimed = state.claim_next(db)
    assert claimed is not None and claimed.job_id == other.id
    assert state.claim_next(db) is None


def test_stale_running_jobs_are_requeued_or_failed(db: Database) -> None:
    agents = [create_agent(db, f"https://{n}.example/") for n in "abc"]
    jobs = [state.submit(db, a.id) for a in agents]
    for job in jobs:
        state.claim(db, job.id)
    old = state.now() - timedelta(minutes=10)
    with db.session() as s:
        s.execute(update(ScrapeJob).where(ScrapeJob.id == jobs[0].id).values(heartbeat_at=old))
        s.execute(
            update(ScrapeJob)
            .where(ScrapeJob.id == jobs[1].id)
            .values(heartbeat_at=old, attempts=state.MAX_ATTEMPTS)
        )
    assert state.recover_stale(db, stale_seconds=60) == [jobs[0].id]
    assert state.get_job(db, jobs[0].id).status == "queued"
    failed = state.get_job(db, jobs[1].id)
    assert failed.status == "failed" and failed.error and failed.finished_at
    assert agent_status(db, agents[1].id) == "failed"
    assert state.get_job(db, jobs[2].id).status == "running"  # alive: left alone


def test_cancel_marks_the_job_and_frees_the_agent(db: Database) -> None:
    agent = create_agent(db, "https://a.example/")
    job = state.submit(db, agent.id)
    state.claim(db, job.id)
    cancelled = state.request_cancel(db, agent.id)
    assert cancelled.id == job.id and cancelled.status == "cancelled"
    assert agent_status(db, agent.id) == "failed"  # nothing live to serve
    assert state.heartbeat(db, job.id, pages_fetched=3) == "cancelled"  # the worker sees it
    state.finish(db, job.id, "cancelled", error="Cancelled by the owner.")
    assert state.get_job(db, job.id).status == "cancelled"
    with pytest.raises(state.JobConflict):
        state.request_cancel(db, agent.id)
    state.submit(db, agent.id)  # and a new crawl may start


def test_an_unreachable_redis_fails_the_job_instead_of_losing_it(settings: Settings) -> None:
    from acorn.jobs.events import MemoryBus
    from acorn.jobs.runtime import JobRuntime, QueueUnavailable

    settings = settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"})
    db = Database(settings).ensure_ready()
    runtime = JobRuntime.build(settings, db, None, bus=MemoryBus())
    agent = create_agent(db, "https://a.example/")
    with pytest.raises(QueueUnavailable) as err:
        runtime.submit(agent.id)
    assert err.value.http_status == 503 and err.value.hint
    job = state.latest_job(db, agent.id)
    assert job is not None and job.status == "failed"
    assert agent_status(db, agent.id) == "failed"
    db.dispose()
