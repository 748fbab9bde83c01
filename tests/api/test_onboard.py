"""The onboarding API's contract: shapes, the embed code, URL validation before anything is
queued, 404/409 on the agent routes, and the page at ``/``."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from acorn.config import Settings
from acorn.store import Agent, ScrapeJob
from tests.jobs.harness import FAST, make_app, wait_for
from tests.support.auth import sign_in
from tests.support.siteserver import SiteServer


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    settings.public_base_url = "https://acorn.example.org"
    with TestClient(make_app(settings)) as client:
        sign_in(client)
        yield client


def counts(client: TestClient) -> tuple[int, int]:
    db = client.app.state.db  # type: ignore[attr-defined]
    with db.session() as s:
        agents = s.scalar(select(func.count()).select_from(Agent)) or 0
        jobs = s.scalar(select(func.count()).select_from(ScrapeJob)) or 0
    return agents, jobs


def test_onboard_returns_agent_embed_code_and_public_key(
    client: TestClient, fixture_site: SiteServer
) -> None:
    resp = client.post(
        "/v1/onboard",
        json={"root_url": fixture_site.url, "name": "Hazel & Crumb", "config": FAST},
    )
    assert resp.status_code == 202, resp.text
    body = resp.json()
    assert body["status"] == "pending"
    assert body["public_key"].startswith("pk_")
    assert body["embed_code"] == (
        '<script src="https://acorn.example.org/widget.js" '
        f'data-agent="{body["agent_id"]}" data-key="{body["public_key"]}" async></script>'
    )
    assert "\n" not in body["embed_code"]
    status = client.get(f"/v1/agents/{body['agent_id']}/status").json()
    assert status["name"] == "Hazel & Crumb"
    assert status["root_url"] == fixture_site.url + "/"
    assert status["status"] in ("pending", "scraping", "ready")
    # The agent's config (here: no politeness delay) is the one the crawl runs with.
    db = client.app.state.db  # type: ignore[attr-defined]
    with db.session() as s:
        agent = s.get(Agent, body["agent_id"])
        assert agent is not None and agent.config["scraping"]["delay_seconds"] == 0
    wait_for(
        lambda: (
            client.get(f"/v1/agents/{body['agent_id']}/status").json()["job"]["status"]
            not in ("queued", "running")
        )
    )


def test_onboard_an_address_typed_without_scheme(
    client: TestClient, fixture_site: SiteServer
) -> None:
    """ "127.0.0.1:8080" is stored as https (validation adds it) and the crawl falls back to
    http when nothing answers over https, saying so in the job log."""
    typed = fixture_site.url.removeprefix("http://")
    resp = client.post("/v1/onboard", json={"root_url": typed, "config": FAST})
    assert resp.status_code == 202, resp.text
    agent_id = resp.json()["agent_id"]
    status = wait_for(
        lambda: (
            s
            if (s := client.get(f"/v1/agents/{agent_id}/status").json())["job"]["status"]
            not in ("queued", "running")
            else None
        )
    )
    assert status["job"]["status"] == "succeeded", status
    assert status["pages_scraped"] >= 5
    assert "ssl" not in str(status).lower()


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("", "No URL"),
        ("ftp://example.com/", "unsupported scheme"),
        ("http://user:pw@example.com/", "user name or password"),
        ("http://10.0.0.8/", "private address"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://does-not-exist.invalid/", "resolve"),
    ],
)
def test_bad_urls_are_422_with_the_reason_and_nothing_is_queued(
    client: TestClient, url: str, reason: str
) -> None:
    resp = client.post("/v1/onboard", json={"root_url": url})
    assert resp.status_code == 422, resp.text
    body = resp.json()
    assert reason.lower() in body["error"].lower()
    assert body["hint"]
    assert counts(client) == (0, 0)


def test_bad_config_is_422(client: TestClient) -> None:
    resp = client.post(
        "/v1/onboard",
        json={"root_url": "http://127.0.0.1:9/", "config": {"scraping": {"max_pages": 0}}},
    )
    assert resp.status_code == 422
    assert "max_pages" in resp.json()["error"]
    assert counts(client) == (0, 0)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/agents/nope/status"),
        ("GET", "/v1/agents/nope/scrape-logs"),
        ("POST", "/v1/agents/nope/recrawl"),
        ("POST", "/v1/agents/nope/cancel"),
    ],
)
def test_unknown_agent_is_404(client: TestClient, method: str, path: str) -> None:
    resp = client.request(method, path)
    assert resp.status_code == 404
    assert resp.json()["error"]


def test_onboarding_page_and_assets_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset in re.findall(r'(?:href|src)="(/onboarding/[^"]+)"', page.text):
        resp = client.get(asset)
        assert resp.status_code == 200, asset
    script = client.get("/onboarding/onboarding.js").text
    assert "innerHTML" not in script  # scraped text is only ever written as text
    assert client.get("/onboarding/../../config.py").status_code == 404
