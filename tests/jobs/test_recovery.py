"""A worker that dies mid-job (its row left ``running`` with a stale heartbeat) never leaves
the job stuck: the next start re-queues it (and it completes), or fails it cleanly after three
attempts."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from acorn.config import AgentConfig, Settings
from acorn.jobs import state
from acorn.store import Database, ScrapeJob, create_agent
from tests.jobs.conftest import StartApp
from tests.jobs.harness import FAST, wait_for
from tests.jobs.sites import business_site
from tests.support.auth import default_org


def dead_job(db: Database, url: str, attempts: int) -> tuple[str, str]:
    """An agent whose job was claimed by a worker that then died an hour ago."""
    agent = create_agent(
        db, url, "Bramble", AgentConfig.model_validate(FAST), organization_id=default_org(db)
    )
    job = state.submit(db, agent.id)
    assert state.claim(db, job.id) is not None
    with db.session() as s:
        s.execute(
            update(ScrapeJob)
            .where(ScrapeJob.id == job.id)
            .values(heartbeat_at=state.now() - timedelta(hours=1), attempts=attempts)
        )
    return agent.id, job.id


def test_stale_running_jobs_are_recovered_on_start(settings: Settings, start_app: StartApp) -> None:
    server, _ = business_site()
    with server:
        db = Database(settings).ensure_ready()
        retry_agent, retry_job = dead_job(db, server.url + "/", attempts=1)
        spent_agent, spent_job = dead_job(db, server.url + "/", attempts=3)
        db.dispose()

        client = start_app()

        def job(job_id: str) -> dict:
            agent = retry_agent if job_id == retry_job else spent_agent
            status = client.get(f"/v1/agents/{agent}/status").json()
            return status["job"] if status["job"]["status"] not in ("queued", "running") else {}

        recovered = wait_for(lambda: job(retry_job))
        assert recovered["status"] == "succeeded"
        assert recovered["attempts"] == 2
        assert client.get(f"/v1/agents/{retry_agent}/status").json()["status"] == "ready"

        given_up = wait_for(lambda: job(spent_job))
        assert given_up["status"] == "failed"
        spent = client.get(f"/v1/agents/{spent_agent}/status").json()
        assert spent["status"] == "failed"
        assert "stopped 3 times" in spent["error"]
        assert spent["hint"]


def test_a_job_interrupted_by_shutdown_resumes_on_the_next_start(settings: Settings) -> None:
    from fastapi.testclient import TestClient

    from tests.jobs.harness import make_app
    from tests.jobs.sites import Knobs
    from tests.support.auth import sign_in

    server, knobs = business_site(Knobs(pages=12, delay=0.5))
    with server:
        config = {"scraping": {"delay_seconds": 0, "concurrency": 1, "render_js": "never"}}
        with TestClient(make_app(settings)) as client:
            sign_in(client)
            resp = client.post("/v1/onboard", json={"root_url": server.url + "/", "config": config})
            agent_id = resp.json()["agent_id"]
            wait_for(lambda: client.get(f"/v1/agents/{agent_id}/status").json()["pages_scraped"])
        # The server stopped mid-crawl: the job went back to the queue, not to "running".
        db = Database(settings)
        job = state.latest_job(db, agent_id)
        assert job is not None and job.status == "queued"
        db.dispose()
        knobs.delay = 0.0
        with TestClient(make_app(settings)) as client:
            sign_in(client)
            status = wait_for(
                lambda: (
                    (s := client.get(f"/v1/agents/{agent_id}/status").json())["job"]["status"]
                    not in ("queued", "running")
                    and s
                )
            )
        assert status["job"]["status"] == "succeeded" and status["status"] == "ready"
        assert status["job"]["attempts"] == 2
