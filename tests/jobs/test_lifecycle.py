"""Job lifecycle on the embedded (in-process) backend, through the public API, against the
real fixture site on loopback."""

from __future__ import annotations

import contextlib
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from acorn.store import ScrapeJob
from tests.jobs.harness import FAST, wait_for
from tests.jobs.sites import Knobs, business_site
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


def test_unreachable_root_fails_the_job_with_a_reason(client: TestClient) -> None:
    body = onboard(client, "http://127.0.0.1:1/")
    status = wait_for(lambda: finished(client, body["agent_id"]))
    assert status["status"] == "failed"
    assert status["job"]["status"] == "failed"
    assert status["stage"] == "failed"
    assert status["error"]  # what went wrong ...
    assert status["hint"]  # ... and what to do
    assert status["serving"] is False
    query = client.post(f"/v1/agents/{body['agent_id']}/query", json={"query": "hours?"})
    assert query.status_code == 409


def test_cancel_stops_the_crawl_promptly(client: TestClient) -> None:
    server, knobs = business_site(Knobs(pages=40, delay=0.5))
    with server:
        config = {"scraping": {"delay_seconds": 0, "concurrency": 2, "render_js": "never"}}
        body = onboard(client, server.url + "/", config)
        agent_id = body["agent_id"]
        wait_for(lambda: client.get(f"/v1/agents/{agent_id}/status").json()["pages_scraped"] >= 1)
        resp = client.post(f"/v1/agents/{agent_id}/cancel")
        assert resp.status_code == 200, resp.text
        assert resp.json()["status"] == "cancelled"
        status = wait_for(lambda: finished(client, agent_id))
        assert status["job"]["status"] == "cancelled"
        assert status["status"] == "failed"  # a first crawl that never finished: nothing to serve
        assert status["serving"] is False
        # The crawl really stopped: the site stops being hit well before its 40 pages.
        wait_for(lambda: client.get(f"/v1/agents/{agent_id}/status").json()["job"]["finished_at"])
        hits = len(knobs.hits)
        assert hits < 40
        assert client.post(f"/v1/agents/{agent_id}/cancel").status_code == 409


def ask_phone(client: TestClient, agent_id: str) -> str:
    resp = client.post(f"/v1/agents/{agent_id}/query", json={"query": "What is your phone number?"})
    assert resp.status_code == 200, resp.text
    return "".join(ch for ch in resp.json()["answer"] if ch.isdigit())


def test_recrawl_swaps_only_when_complete(client: TestClient) -> None:
    """Queries keep answering from the old index during a re-crawl, and after a failed or
    cancelled one; a successful one swaps to the new content."""
    server, knobs = business_site()
    with server:
        config = {"scraping": {"delay_seconds": 0, "concurrency": 2, "render_js": "never"}}
        agent_id = onboard(client, server.url + "/", config)["agent_id"]
        assert wait_for(lambda: finished(client, agent_id))["status"] == "ready"
        assert "5550100" in ask_phone(client, agent_id)

        # A slow re-crawl of changed content: the old answer holds until it completes.
        knobs.phone, knobs.delay = "+1 415-555-0199", 0.4
        recrawl = client.post(f"/v1/agents/{agent_id}/recrawl")
        assert recrawl.status_code == 202, recrawl.text
        assert client.post(f"/v1/agents/{agent_id}/recrawl").status_code == 409  # one at a time
        wait_for(lambda: client.get(f"/v1/agents/{agent_id}/status").json()["pages_scraped"] >= 1)
        during = client.get(f"/v1/agents/{agent_id}/status").json()
        assert during["status"] == "scraping" and during["serving"] is True
        assert "5550100" in ask_phone(client, agent_id)
        status = wait_for(lambda: finished(client, agent_id))
        assert status["job"]["status"] == "succeeded"
        # The API reuses an agent's facts for up to AnswerService.context_ttl (2 s), so the new
        # phone shows within that window, and never before the job succeeded.
        wait_for(lambda: "5550199" in ask_phone(client, agent_id), timeout=10)

        # A failed re-crawl leaves the last good index serving.
        knobs.broken, knobs.delay, knobs.phone = True, 0.0, "+1 415-555-0111"
        assert client.post(f"/v1/agents/{agent_id}/recrawl").status_code == 202
        status = wait_for(lambda: finished(client, agent_id))
        assert status["job"]["status"] == "failed"
        assert status["status"] == "ready" and status["serving"] is True
        assert "5550199" in ask_phone(client, agent_id)

        # So does a cancelled one.
        knobs.broken, knobs.delay = False, 0.5
        assert client.post(f"/v1/agents/{agent_id}/recrawl").status_code == 202
        wait_for(lambda: client.get(f"/v1/agents/{agent_id}/status").json()["pages_scraped"] >= 1)
        assert client.post(f"/v1/agents/{agent_id}/cancel").status_code == 200
        status = wait_for(lambda: finished(client, agent_id))
        assert status["job"]["status"] == "cancelled"
        assert status["status"] == "ready"
        assert "5550199" in ask_phone(client, agent_id)


def test_concurrent_onboarding_shares_a_bounded_pool(client: TestClient) -> None:
    sites = [business_site(Knobs(name=f"Shop {n}", delay=0.1)) for n in range(4)]
    running_seen: list[int] = []
    with contextlib.ExitStack() as stack:
        for server, _ in sites:
            stack.enter_context(server)
        config = {"scraping": {"delay_seconds": 0, "render_js": "never"}}
        ids = [onboard(client, server.url + "/", config)["agent_id"] for server, _ in sites]
        db = client.app.state.db  # type: ignore[attr-defined]

        def all_done() -> bool:
            with db.session() as s:
                running_seen.append(
                    s.scalar(
                        select(func.count())
                        .select_from(ScrapeJob)
                        .where(ScrapeJob.status == "running")
                    )
                )
            return all(finished(client, agent_id) for agent_id in ids)

        wait_for(all_done, timeout=300, interval=0.05)
    for agent_id in ids:
        status = finished(client, agent_id)
        assert status is not None and status["status"] == "ready", status
    assert max(running_seen) <= 2  # settings.worker_concurrency / two RQ workers
