"""``POST /v1/onboard`` refuses, before anything is stored or queued, a config whose patterns
RE2 cannot compile (the validation 422) and one over the server's crawl policy (a 422 listing
every field)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from acorn.config import Settings
from acorn.store import Agent
from tests.jobs.harness import make_app

ROOT = "http://127.0.0.1:9/"  # never fetched: every request here is refused first


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(make_app(settings)) as client:
        yield client


def agents(client: TestClient) -> int:
    with client.app.state.db.session() as s:  # type: ignore[attr-defined]
        return s.scalar(select(func.count()).select_from(Agent)) or 0


def onboard(client: TestClient, **scraping: object):  # type: ignore[no-untyped-def]
    return client.post("/v1/onboard", json={"root_url": ROOT, "config": {"scraping": scraping}})


def test_a_pattern_re2_cannot_compile_is_a_422_naming_it(client: TestClient) -> None:
    resp = onboard(client, include_patterns=["/menu/", "/(a)\\1"])
    assert resp.status_code == 422, resp.text
    body = resp.json()
    assert "include_patterns" in body["error"] and "'/(a)\\\\1'" in body["error"]
    assert "backreferences" in body["error"]
    resp = onboard(client, exclude_patterns=["^(?!.*menu)"])
    assert resp.status_code == 422 and "negative lookahead is not supported" in resp.text
    assert agents(client) == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("respect_robots_txt", False),
        ("max_pages", 10_000),
        ("concurrency", 64),
        ("refresh_hours", 0.25),
    ],
)
def test_a_config_over_the_crawl_policy_is_a_422(
    client: TestClient, field: str, value: object
) -> None:
    resp = onboard(client, **{field: value})
    assert resp.status_code == 422, resp.text
    body = resp.json()
    assert body["fields"] == [f"scraping.{field}"]
    assert f"scraping.{field}" in body["error"] and body["hint"]
    assert agents(client) == 0


def test_every_refused_field_is_listed_at_once(client: TestClient) -> None:
    resp = onboard(
        client, respect_robots_txt=False, max_pages=10_000, concurrency=64, refresh_hours=0.25
    )
    assert resp.status_code == 422
    body = resp.json()
    assert body["fields"] == [
        "scraping.max_pages",
        "scraping.respect_robots_txt",
        "scraping.concurrency",
        "scraping.refresh_hours",
    ]
    assert "ACORN_CRAWL_MAX_PAGES" in body["hint"] and "verification" in body["hint"]


def test_the_operator_raises_a_cap_with_a_setting(settings: Settings) -> None:
    settings.crawl_max_pages = 10_000
    with TestClient(make_app(settings)) as client:
        resp = onboard(client, max_pages=10_000, concurrency=64)
        assert resp.status_code == 422 and resp.json()["fields"] == ["scraping.concurrency"]
