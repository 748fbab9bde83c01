"""Job lifecycle on the embedded (in-process) backend, through the public API, against the
real fixture site on loopback."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.jobs.harness import FAST, wait_for
from tests.support.siteserver import SiteServer


def onboard(client: TestClient, url: str, config: dict[str, Any] | None = None) -> dict:
    resp = client.post("/v1/onboard", json={"root_url": url, "config": config or FAST})
    assert resp.status_code == 202, resp.text
    return resp.json()


def finished(client: TestClient, agent_id: str) -> dict | None:
    status = client.get(f"/v1/agents/{agent_id}/status").json()
    job = status["job"]
    return status if job and job["status"] not in ("queued", "running") else None


def test_onboard_crawls_indexes_and_answers(client: TestClient, fixture_site: SiteServer) -> None:
    body = onboard(client, fixture_site.url + "/")
    assert body["status"] == "pending"
    agent_id = body["agent_id"]
    status = wait_for(lambda: finished(client, agent_id))
    assert status["status"] == "ready", status
    assert status["job"]["status"] == "succeeded"
    assert status["stage"] == "ready"
    assert status["pages_scraped"] >= 10
    assert status["total_pages"] >= status["pages_scraped"]
    assert status["total_chunks"] > 0
    assert status["last_scraped"] is not None
    assert status["error"] is None
    stages = status["job"]["stage_seconds"]
    assert {"crawling", "extracting", "indexing", "generating_faqs"} <= set(stages)

    logs = client.get(f"/v1/agents/{agent_id}/scrape-logs").json()
    by_url = {e["url"].removeprefix(fixture_site.url): e for e in logs["entries"]}
    assert by_url["/about/"]["outcome"] == "fetched"
    assert by_url["/gift-cards/"]["outcome"] == "failed"  # a page failure inside a good job
    assert "404" in by_url["/gift-cards/"]["reason"]
    assert any(e["outcome"] == "skipped" and e["reason"] for e in logs["entries"])

    answer = client.post(
        f"/v1/agents/{agent_id}/query", json={"query": "What is your phone number?"}
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["sources"]
