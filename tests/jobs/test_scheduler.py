"""Freshness: agents with ``scraping.refresh_hours`` are re-crawled on schedule, and a
re-crawl of an unchanged site re-embeds nothing."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from acorn.config import AgentConfig, Settings
from acorn.jobs import state
from acorn.jobs.scheduler import due_agents
from acorn.store import Database, ScrapeJob, create_agent
from tests.jobs.harness import make_app, wait_for
from tests.jobs.sites import business_site
from tests.support.auth import sign_in


def backdate(db: Database, job_id: str, hours: float) -> None:
    with db.session() as s:
        s.execute(
            update(ScrapeJob)
            .where(ScrapeJob.id == job_id)
            .values(created_at=state.now() - timedelta(hours=hours))
        )


def test_due_agents(settings: Settings) -> None:
    db = Database(settings).ensure_ready()
    hourly = AgentConfig.model_validate({"scraping": {"refresh_hours": 1}})
    never = create_agent(db, "https://a.example/", config=AgentConfig())
    stale = create_agent(db, "https://b.example/", config=hourly)
    fresh = create_agent(db, "https://c.example/", config=hourly)
    busy = create_agent(db, "https://d.example/", config=hourly)
    brand_new = create_agent(db, "https://e.example/", config=hourly)
    for agent, age in ((never, 5), (stale, 2), (fresh, 0.5)):
        job = state.submit(db, agent.id)
        state.finish(db, job.id, "succeeded")
        backdate(db, job.id, age)
    backdate(db, state.submit(db, busy.id).id, 5)  # still queued: not twice
    assert set(due_agents(db)) == {stale.id, brand_new.id}
    db.dispose()


def test_scheduler_recrawls_and_skips_unchanged_content(settings: Settings) -> None:
    server, knobs = business_site()
    settings.crawl_min_refresh_hours = 0.25  # the operator allows a quarter-hour cadence
    with server:
        app = make_app(settings, scheduler_interval=0.3)
        with TestClient(app) as client:
            sign_in(client)
            config = {"scraping": {"delay_seconds": 0, "render_js": "never", "refresh_hours": 0.25}}
            resp = client.post("/v1/onboard", json={"root_url": server.url + "/", "config": config})
            agent_id = resp.json()["agent_id"]
            db = app.state.db

            def jobs() -> list[ScrapeJob]:
                with db.session() as s:
                    return list(
                        s.scalars(
                            select(ScrapeJob)
                            .where(ScrapeJob.agent_id == agent_id)
                            .order_by(ScrapeJob.created_at)
                        )
                    )

            first = wait_for(lambda: [j for j in jobs() if j.status == "succeeded"])[0]
            assert len(jobs()) == 1  # not due yet: the first crawl just ran
            hits_before = len(knobs.hits)
            backdate(db, first.id, 1)  # a quarter-hour cadence: now it is due
            second = wait_for(
                lambda: [j for j in jobs()[1:] if j.status not in ("queued", "running")]
            )[0]
            assert second.status == "succeeded"
            assert len(knobs.hits) > hits_before  # the site was fetched again
            index = next(e for e in second.log if e.get("kind") == "index")
            assert index["reused"] == index["chunks"] > 0  # nothing changed: nothing re-embedded
            assert index["embedded"] == 0
