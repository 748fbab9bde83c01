"""A slow first crawl answers from the pages read so far: the job indexes snapshots while it
crawls (each an atomic generation flip), then the whole site. A re-crawl never does, so a
complete index is never replaced by a smaller one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from acorn import snapshots
from acorn.config import Settings
from acorn.jobs import state
from tests.crawl.test_pace import routes
from tests.jobs.harness import make_app, wait_for
from tests.support.auth import sign_in
from tests.support.siteserver import SiteServer

PAGES = 6
CONFIG = {"scraping": {"delay_seconds": 0, "max_pages": 40, "render_js": "never"}}
ROBOTS = "User-agent: *\nCrawl-delay: 1\n"  # ETA up to 40 s: slow enough for snapshots


@pytest.fixture
def client(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setattr(snapshots, "SNAPSHOT_SECONDS", 1.5)
    with TestClient(make_app(settings)) as client:
        sign_in(client)
        yield client


def job_log(client: TestClient, job_id: str) -> list[dict]:
    db = client.app.state.db  # type: ignore[attr-defined]
    job = wait_for(
        lambda: (j := state.get_job(db, job_id)) and j.status not in ("queued", "running") and j
    )
    assert job.status == "succeeded", job.error
    return list(job.log or [])


def test_slow_first_crawl_indexes_pages_so_far(client: TestClient) -> None:
    with SiteServer(routes=routes(PAGES, ROBOTS)) as server:
        resp = client.post("/v1/onboard", json={"root_url": server.url, "config": CONFIG})
        assert resp.status_code == 202, resp.text
        agent_id = resp.json()["agent_id"]
        log = job_log(client, resp.json()["job_id"])
        partial = [e for e in log if e.get("kind") == "partial_index"]
        indexing = next(e for e in log if e.get("kind") == "stage" and e["stage"] == "indexing")
        final = next(e for e in log if e.get("kind") == "index")
        # logged in order (the last snapshot may end the same millisecond indexing starts)
        assert partial and all(e["seconds"] <= indexing["seconds"] for e in partial)
        assert log.index(partial[-1]) < log.index(indexing)
        assert 1 <= partial[0]["pages"] < PAGES and final["pages"] == PAGES
        status = client.get(f"/v1/agents/{agent_id}/status").json()
        assert status["status"] == "ready" and status["serving"]

        again = client.post(f"/v1/agents/{agent_id}/recrawl").json()
        log = job_log(client, again["job_id"])
        assert not [e for e in log if e.get("kind") == "partial_index"]
