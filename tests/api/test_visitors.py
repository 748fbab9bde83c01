"""The widget's path: a visitor token from the public key on an allowed origin, CORS for that
origin only, the visitor rate limit (429 then recovery), and sign-in throttling."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from acorn.auth.accounts import add_member, create_organization
from acorn.auth.keys import create_key
from acorn.config import Settings
from acorn.store import create_agent
from tests.jobs.harness import make_app

SITE = "https://bakery.example.org"
PASSWORD = "a long enough secret"


@dataclass
class Widget:
    client: TestClient
    agent: str
    public_key: str
    owner: dict[str, str]


@pytest.fixture
def widget(settings: Settings) -> Iterator[Widget]:
    settings.rate_limit_visitor = "4/2 seconds"
    settings.rate_limit_login_account = "3/minute"
    with TestClient(make_app(settings)) as client:
        db = client.app.state.db  # type: ignore[attr-defined]
        org = create_organization(db, "Bakery").id
        add_member(db, org, "owner@bakery.example.org", "owner", PASSWORD)
        agent = create_agent(db, SITE + "/menu", "Bakery", organization_id=org)
        owner = {"Authorization": f"Bearer {create_key(db, org, 'o', 'owner').key}"}
        yield Widget(client, agent.id, agent.public_key, owner)


def mint(w: Widget, origin: str | None, key: str | None = None, agent: str | None = None):  # type: ignore[no-untyped-def]
    headers = {"Origin": origin} if origin else {}
    return w.client.post(
        f"/v1/agents/{agent or w.agent}/token",
        json={"public_key": key or w.public_key},
        headers=headers,
    )


def test_visitor_token_needs_the_key_and_an_allowed_origin(widget: Widget) -> None:
    ok = mint(widget, SITE)
    assert ok.status_code == 200, ok.text
    body = ok.json()
    assert body["expires_in"] <= 600 and body["agent_id"] == widget.agent and body["session_id"]
    assert ok.headers["access-control-allow-origin"] == SITE
    assert mint(widget, "https://www.bakery.example.org").status_code == 200  # the www twin
    assert mint(widget, "http://127.0.0.1:8000").status_code == 200  # Acorn's own page

    stranger = mint(widget, "https://evil.example.net")
    assert stranger.status_code == 403 and "access-control-allow-origin" not in stranger.headers
    assert mint(widget, None).status_code == 403
    wrong_key = mint(widget, SITE, key="pk_wrong")
    unknown_agent = mint(widget, SITE, agent="0" * 16)
    assert wrong_key.status_code == unknown_agent.status_code == 401
    assert wrong_key.json() == unknown_agent.json()  # no hint that the agent exists


def test_cors_preflight_answers_allowed_origins_of_visitor_routes_only(widget: Widget) -> None:
    pre = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    for path in ("token", "query"):
        ok = widget.client.options(
            f"/v1/agents/{widget.agent}/{path}", headers={"Origin": SITE, **pre}
        )
        assert ok.status_code == 204
        assert ok.headers["access-control-allow-origin"] == SITE
        assert "authorization" in ok.headers["access-control-allow-headers"].lower()
        bad = widget.client.options(
            f"/v1/agents/{widget.agent}/{path}",
            headers={"Origin": "https://evil.example.net", **pre},
        )
        assert bad.status_code == 403 and "access-control-allow-origin" not in bad.headers
    owner_route = widget.client.options(
        f"/v1/agents/{widget.agent}/status", headers={"Origin": SITE, **pre}
    )
    assert "access-control-allow-origin" not in owner_route.headers
    status = widget.client.get(
        f"/v1/agents/{widget.agent}/status", headers={"Origin": SITE, **widget.owner}
    )
    assert "access-control-allow-origin" not in status.headers


def test_visitor_token_is_bound_to_its_agent_origin_and_rate_limit(widget: Widget) -> None:
    token = mint(widget, SITE).json()["token"]
    ask = {"Authorization": f"Bearer {token}", "Origin": SITE}
    url = f"/v1/agents/{widget.agent}/query"
    # The agent is still pending: 409 proves the visitor got through to the answer stage.
    assert widget.client.post(url, json={"query": "hours?"}, headers=ask).status_code == 409
    other_origin = {**ask, "Origin": "https://www.bakery.example.org"}
    assert (
        widget.client.post(url, json={"query": "hours?"}, headers=other_origin).status_code == 403
    )
    for _ in range(3):
        widget.client.post(url, json={"query": "hours?"}, headers=ask)
    limited = widget.client.post(url, json={"query": "hours?"}, headers=ask)
    assert limited.status_code == 429
    retry = int(limited.headers["retry-after"])
    assert 1 <= retry <= 2 and limited.json()["hint"]
    time.sleep(retry + 0.2)
    assert widget.client.post(url, json={"query": "hours?"}, headers=ask).status_code == 409


def test_rotating_the_public_key_and_changing_origins(widget: Widget) -> None:
    old = widget.public_key
    rotated = widget.client.post(
        f"/v1/agents/{widget.agent}/widget/rotate-key", headers=widget.owner
    ).json()
    assert rotated["public_key"] != old and rotated["public_key"] in rotated["embed_code"]
    assert mint(widget, SITE, key=old).status_code == 401
    assert mint(widget, SITE, key=rotated["public_key"]).status_code == 200

    changed = widget.client.put(
        f"/v1/agents/{widget.agent}/widget/origins",
        headers=widget.owner,
        json={"allowed_origins": ["https://Shop.Example.org:443/"]},
    )
    assert changed.json()["allowed_origins"] == ["https://shop.example.org"]
    assert not changed.json()["origins_are_default"]
    key = rotated["public_key"]
    assert mint(widget, "https://shop.example.org", key=key).status_code == 200
    assert mint(widget, SITE, key=key).status_code == 403
    bad = widget.client.put(
        f"/v1/agents/{widget.agent}/widget/origins",
        headers=widget.owner,
        json={"allowed_origins": ["https://shop.example.org/path"]},
    )
    assert bad.status_code == 422 and bad.json()["hint"]


def test_sign_in_is_throttled_per_account(widget: Widget) -> None:
    login = {"email": "owner@bakery.example.org", "password": "not the password!"}
    for _ in range(3):
        wrong = widget.client.post("/v1/auth/login", json=login)
        assert (
            wrong.status_code == 401 and wrong.json()["error"] == "wrong e-mail address or password"
        )
    right = {**login, "password": PASSWORD}
    limited = widget.client.post("/v1/auth/login", json=right)  # even the right one, for now
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    unknown = widget.client.post("/v1/auth/login", json={**login, "email": "nobody@example.org"})
    assert (
        unknown.status_code == 401 and unknown.json() == wrong.json()
    )  # nobody is told who exists
