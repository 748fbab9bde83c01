"""Live progress over server-sent events, on a real uvicorn server, for both backends (the rq
backend's events travel through Redis pub/sub from the worker to the API)."""

from __future__ import annotations

import json

import httpx

from tests.jobs.conftest import StartServer
from tests.jobs.sites import Knobs, business_site


def read_events(base: str, agent_id: str, headers: dict[str, str]) -> list[tuple[str, dict]]:
    """Read the stream to its end (the server closes it when the job is done)."""
    events: list[tuple[str, dict]] = []
    name = "message"
    with httpx.stream(
        "GET", f"{base}/v1/agents/{agent_id}/events", headers=headers, timeout=120
    ) as resp:
        assert resp.status_code == 200
        assert resp.headers["content-type"].startswith("text/event-stream")
        for line in resp.iter_lines():
            if line.startswith("event:"):
                name = line.split(":", 1)[1].strip()
            elif line.startswith("data:"):
                events.append((name, json.loads(line.split(":", 1)[1])))
    return events


def test_events_stream_progress_stages_and_done(start_server: StartServer) -> None:
    site, _ = business_site(Knobs(pages=6, delay=0.2))
    with site:
        server = start_server()
        config = {"scraping": {"delay_seconds": 0, "concurrency": 2, "render_js": "never"}}
        resp = httpx.post(
            f"{server.url}/v1/onboard",
            json={"root_url": site.url + "/", "config": config},
            headers=server.headers,
        )
        assert resp.status_code == 202, resp.text
        agent_id = resp.json()["agent_id"]
        events = read_events(server.url, agent_id, server.headers)

    names = [name for name, _ in events]
    assert names[0] == "status"  # a snapshot first, so a late or reconnecting page catches up
    assert names[-1] == "done"
    assert events[-1][1]["status"] == "succeeded"
    fetched = [e for n, e in events if n == "progress" and e.get("kind") == "fetched"]
    assert fetched and all(e["url"].startswith(site.url) for e in fetched)
    assert max(e["fetched"] for e in fetched) == 6
    stages = [e["stage"] for n, e in events if n == "stage"]
    assert stages == ["crawling", "extracting", "indexing", "generating_faqs"][-len(stages) :]
    assert "indexing" in stages

    # After the job, a new stream is one snapshot and the final state, then it closes.
    again = read_events(server.url, agent_id, server.headers)
    assert [n for n, _ in again] == ["status", "done"]
    assert again[0][1]["status"] == "ready"


def test_events_for_an_unknown_agent_is_404(start_server: StartServer) -> None:
    server = start_server()
    url = f"{server.url}/v1/agents/nope/events"
    assert httpx.get(url, headers=server.headers).status_code == 404
