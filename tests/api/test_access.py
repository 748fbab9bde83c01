"""Who may call what. The walk covers every route of the app (new routes included, with no
list to keep up to date): each answers 401 with no, a forged, an expired or a revoked
credential; 403 to a role below the one the route declares and to a visitor token; 404 to
another organisation's owner for anything that is not theirs; and none of those changes a
row of the database."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, inspect, select, text

from acorn.api.access import PUBLIC, markdown, route_table, update_doc
from acorn.auth.accounts import add_member, create_organization
from acorn.auth.keys import create_key, revoke_key
from acorn.auth.secret import signing_key
from acorn.auth.tokens import ALGORITHM, ISSUER, access_token, visitor_token
from acorn.config import Settings
from acorn.store import Agent, Database, create_agent
from tests.jobs.harness import make_app

PASSWORD = "a long enough secret"
# A valid body where the route needs one, so a refusal is about who asks, not what.
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("POST", "/v1/agents/{agent_id}/query"): {"query": "When are you open?"},
    ("POST", "/v1/agents/{agent_id}/leads"): {"name": "Ada", "email": "ada@example.org"},
    ("POST", "/v1/agents/{agent_id}/feedback"): {"turn_id": "t1", "score": 1},
    ("POST", "/v1/agents/{agent_id}/widget-config"): {"public_key": "pk_x"},
    ("PUT", "/v1/agents/{agent_id}/widget/origins"): {"allowed_origins": []},
    ("PATCH", "/v1/members/{user_id}"): {"role": "viewer"},
    ("POST", "/v1/onboard"): {"root_url": "https://bakery.example.org/"},
    ("POST", "/v1/keys"): {"name": "x", "role": "viewer"},
    ("POST", "/v1/members"): {"email": "x@bakery.example.org", "password": PASSWORD},
}


@dataclass
class World:
    client: TestClient
    settings: Settings
    db: Database
    org: str
    agent: str  # org's agent
    other_agent: str  # another organisation's agent
    keys: dict[str, str]  # role → key, in org
    other_owner: str  # key of the other organisation's owner
    revoked: str
    user_id: str
    key_id: str
    owner_token: str


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path_factory.mktemp("access") / "data",
        allow_private_networks=["127.0.0.0/8"],
    )
    with TestClient(make_app(settings)) as client:
        db: Database = client.app.state.db  # type: ignore[attr-defined]
        org = create_organization(db, "Bakery").id
        other = create_organization(db, "Florist").id
        owner = add_member(db, org, "owner@bakery.example.org", "owner", PASSWORD)
        keys = {role: create_key(db, org, role, role).key for role in ("viewer", "admin", "owner")}
        revoked = create_key(db, org, "old", "owner")
        revoke_key(db, org, revoked.info.id)
        agent = create_agent(db, "https://bakery.example.org/", "Bakery", organization_id=org)
        theirs = create_agent(db, "https://florist.example.org/", "Florist", organization_id=other)
        yield World(
            client=client,
            settings=settings,
            db=db,
            org=org,
            agent=agent.id,
            other_agent=theirs.id,
            keys=keys,
            other_owner=create_key(db, other, "theirs", "owner").key,
            revoked=revoked.key,
            user_id=owner.user_id,
            key_id=revoked.info.id,
            owner_token=access_token(settings, owner.user_id, org).token,
        )


def api_routes(client: TestClient) -> list[tuple[str, str, str | None]]:
    """Every operation of the OpenAPI schema with the access its route declares."""
    app = client.app  # type: ignore[attr-defined]
    return [(r.method, r.path, r.access) for r in route_table(app)]


def fill(path: str, w: World, agent: str | None = None) -> str:
    values = {"agent_id": agent or w.agent, "key_id": w.key_id, "user_id": w.user_id}
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)


def snapshot(db: Database) -> dict[str, Any]:
    """Every table's row count, and the agents' and keys' mutable columns."""
    with db.engine.connect() as conn:
        counts = {
            t: conn.execute(select(func.count()).select_from(text(t))).scalar()
            for t in inspect(conn).get_table_names()
        }
        agents = conn.execute(text("SELECT id, config, public_key, status FROM agents")).all()
        keys = conn.execute(text("SELECT id, revoked_at FROM api_keys")).all()
    return {
        "counts": counts,
        "agents": sorted(map(tuple, agents)),
        "keys": sorted(map(tuple, keys)),
    }


def call(w: World, method: str, template: str, token: str | None, agent: str | None = None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    body = BODIES.get((method, template), {})
    return w.client.request(method, fill(template, w, agent), headers=headers, json=body)


def expired(w: World) -> str:
    now = int(time.time())
    claims = {"iss": ISSUER, "typ": "access", "sub": w.user_id, "org": w.org}
    claims |= {"iat": now - 3600, "exp": now - 60}
    return jwt.encode(claims, signing_key(w.settings), algorithm=ALGORITHM)


def forged(w: World) -> str:
    claims = {"iss": ISSUER, "typ": "access", "sub": w.user_id, "org": w.org}
    claims |= {"iat": int(time.time()), "exp": int(time.time()) + 600}
    return jwt.encode(claims, "not the server's key" * 3, algorithm=ALGORITHM)


def test_every_route_is_public_by_name_or_declares_a_role(world: World) -> None:
    routes = api_routes(world.client)
    assert len(routes) > 20
    undeclared = [(m, p) for m, p, role in routes if role is None]
    assert not undeclared, f"routes with no role and not listed as public: {undeclared}"
    assert {(m, p) for m, p, role in routes if role == "public"} == PUBLIC


def test_no_bad_or_missing_credential_gets_in(world: World) -> None:
    bad = {
        "none": None,
        "garbage": "hello",
        "forged": forged(world),
        "expired": expired(world),
        "revoked key": world.revoked,
        "unknown key": "ak_" + "x" * 43,
    }
    before = snapshot(world.db)
    for method, path, role in api_routes(world.client):
        if role == "public":
            continue
        for name, token in bad.items():
            resp = call(world, method, path, token)
            assert resp.status_code == 401, (method, path, name, resp.text)
            assert resp.json()["error"] and resp.json()["hint"] is not None
            assert resp.headers.get("www-authenticate") == "Bearer"
    assert snapshot(world.db) == before


def test_roles_below_the_route_and_visitor_tokens_are_forbidden(world: World) -> None:
    visitor = visitor_token(world.settings, world.agent, "s1", "https://bakery.example.org").token
    below = {"viewer": [], "admin": ["viewer"], "owner": ["viewer", "admin"]}
    before = snapshot(world.db)
    checked = 0
    for method, path, role in api_routes(world.client):
        if role in ("public", "visitor"):
            continue
        for weaker in below[role]:
            resp = call(world, method, path, world.keys[weaker])
            assert resp.status_code == 403, (method, path, weaker, resp.text)
            assert role in resp.json()["error"]
            checked += 1
        resp = call(world, method, path, visitor)
        assert resp.status_code == 403, (method, path, "visitor", resp.text)
    assert checked > 10
    assert snapshot(world.db) == before


def test_another_organisation_never_sees_this_ones_things(world: World) -> None:
    before = snapshot(world.db)
    for method, path, role in api_routes(world.client):
        if role == "public" or not re.search(r"\{(agent_id|key_id|user_id)\}", path):
            continue
        resp = call(world, method, path, world.other_owner)
        assert resp.status_code == 404, (method, path, resp.text)
        # Exactly what an id that exists nowhere gets: nothing about the agent leaks.
        assert "bakery" not in resp.text.lower()
        if "{agent_id}" in path:
            unknown = call(world, method, path, world.other_owner, agent="0" * 16)
            assert unknown.status_code == 404
            assert resp.json()["error"].replace(world.agent, "0" * 16) == unknown.json()["error"]
    assert snapshot(world.db) == before
    # Their lists are their own.
    theirs = {"Authorization": f"Bearer {world.other_owner}"}
    agents = world.client.get("/v1/agents", headers=theirs).json()
    assert [a["agent_id"] for a in agents] == [world.other_agent]
    assert "owner@bakery" not in world.client.get("/v1/members", headers=theirs).text
    assert world.key_id not in world.client.get("/v1/keys", headers=theirs).text
    assert world.agent not in world.client.get("/v1/audit", headers=theirs).text
    # And this organisation's visitor tokens do not reach their agent.
    visitor = visitor_token(world.settings, world.agent, "s1", None).token
    resp = call(world, "POST", "/v1/agents/{agent_id}/query", visitor, world.other_agent)
    assert resp.status_code == 404


def test_the_right_role_gets_in(world: World) -> None:
    owner = {"Authorization": f"Bearer {world.owner_token}"}
    viewer = {"Authorization": f"Bearer {world.keys['viewer']}"}
    admin = {"Authorization": f"Bearer {world.keys['admin']}"}
    assert world.client.get(f"/v1/agents/{world.agent}/status", headers=viewer).status_code == 200
    assert world.client.get(f"/v1/agents/{world.agent}/config", headers=viewer).status_code == 200
    resp = world.client.patch(
        f"/v1/agents/{world.agent}/config", headers=admin, json={"personality": {"name": "Hazel"}}
    )
    assert resp.status_code == 200 and resp.json()["personality"]["name"] == "Hazel"
    me = world.client.get("/v1/auth/me", headers=owner).json()
    assert me["role"] == "owner" and me["user"]["email"] == "owner@bakery.example.org"
    made = world.client.post("/v1/keys", headers=owner, json={"name": "ci", "role": "viewer"})
    assert made.status_code == 201 and made.json()["key"].startswith("ak_")
    listed = world.client.get("/v1/keys", headers=owner).json()
    assert made.json()["key"] not in str(listed) and any(k["name"] == "ci" for k in listed)
    audit = world.client.get("/v1/audit", headers=admin).json()
    actions = [e["action"] for e in audit]
    assert "key.create" in actions and "agent.config" in actions
    assert all(e["actor"] for e in audit)
    with world.db.session() as s:
        assert s.get(Agent, world.agent) is not None


def test_the_docs_route_table_is_the_apps(world: World) -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()
    table = markdown(route_table(world.client.app))  # type: ignore[attr-defined]
    assert update_doc(doc, table) == doc, "run: python -m acorn.api.access docs/api.md"
