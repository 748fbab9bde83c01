"""Owner verification through the API, end to end: a site whose robots.txt asks for a
Crawl-delay is crawled slowly (and the job log says why) until its owner publishes the token
and verifies; the next crawl runs at full speed and its log says the owner verified it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from acorn.config import Settings
from acorn.jobs import state
from tests.jobs.harness import make_app, wait_for
from tests.support.auth import sign_in
from tests.support.siteserver import Response, SiteServer

PAGES = 3
CONFIG = {"scraping": {"delay_seconds": 0, "max_pages": PAGES, "render_js": "never"}}
ROBOTS = "User-agent: *\nCrawl-delay: 1\n"


def page(i: int, head: str = "") -> Response:
    links = "".join(f'<a href="/p{j}">Page {j}</a>' for j in range(1, PAGES) if j != i)
    return Response(
        200,
        f"<html><head><title>Bramble Bakery {i}</title>{head}</head><body><h1>Page {i}</h1>"
        f"<p>Bramble Bakery bakes sourdough and rye every morning, page {i}.</p>{links}"
        "</body></html>",
    )


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(make_app(settings)) as client:
        sign_in(client)
        yield client


def finished_job_log(client: TestClient, agent_id: str, job_id: str) -> list[dict]:
    db = client.app.state.db  # type: ignore[attr-defined]
    job = wait_for(
        lambda: (j := state.get_job(db, job_id)) and j.status not in ("queued", "running") and j
    )
    assert job.status == "succeeded", job.error
    return list(job.log or [])


def notes(log: list[dict]) -> list[dict]:
    return [e for e in log if e.get("kind") == "note"]


def test_verified_owner_crawls_at_full_speed(client: TestClient) -> None:
    head = {"tag": ""}
    site = {f"/p{i}": (lambda hit, i=i: page(i)) for i in range(1, PAGES)}
    site["/"] = lambda hit: page(0, head["tag"])
    site["/robots.txt"] = lambda hit: Response(200, ROBOTS, {"Content-Type": "text/plain"})
    with SiteServer(routes=site) as server:
        resp = client.post("/v1/onboard", json={"root_url": server.url, "config": CONFIG})
        assert resp.status_code == 202, resp.text
        agent_id = resp.json()["agent_id"]
        first = notes(finished_job_log(client, agent_id, resp.json()["job_id"]))
        assert first and "Crawl-delay: 1" in first[0]["reason"]
        assert first[0]["eta_seconds"] >= PAGES - 1

        info = client.get(f"/v1/agents/{agent_id}/verification").json()
        assert info["verified"] is False and info["token"].startswith("acorn-")
        assert info["meta_tag"] == (
            f'<meta name="acorn-site-verification" content="{info["token"]}">'
        )
        assert info["file_url"] == f"{server.url}/.well-known/acorn-verification.txt"
        assert client.get(f"/v1/agents/{agent_id}/verification").json()["token"] == info["token"]

        refused = client.post(f"/v1/agents/{agent_id}/verification")
        assert refused.status_code == 422
        assert "does not show this agent's verification token" in refused.json()["error"]
        assert info["meta_tag"] in refused.json()["hint"]

        head["tag"] = info["meta_tag"]
        verified = client.post(f"/v1/agents/{agent_id}/verification")
        assert verified.status_code == 200, verified.text
        body = verified.json()
        assert body["verified"] and body["verified_at"] and body["method"] == "meta"

        server.requests.clear()
        job = client.post(f"/v1/agents/{agent_id}/recrawl").json()
        second = notes(finished_job_log(client, agent_id, job["job_id"]))
        assert second and "the site's owner verified it" in second[0]["reason"]
        assert second[0]["eta_seconds"] is None
        starts = sorted(t for path, _, t in server.requests if path.startswith("/p"))
        assert len(starts) == PAGES - 1 and starts[-1] - starts[0] < 1


def test_unknown_agent_is_404(client: TestClient) -> None:
    assert client.get("/v1/agents/nope/verification").status_code == 404
    assert client.post("/v1/agents/nope/verification").status_code == 404
