"""The widget's visitor routes: public settings (key and Origin checked like the token), leads
(validated, stored, listed for owners only), feedback on a logged turn (only the visitor's own),
each bound to its agent; and how /widget.js and the demo page are served."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from acorn.answer.agents import record
from acorn.answer.types import Answer
from acorn.auth.accounts import create_organization
from acorn.auth.keys import create_key
from acorn.config import AgentConfig, Settings
from acorn.store import Conversation, Lead, create_agent
from tests.jobs.harness import make_app

SITE = "https://bakery.example.org"
MAX_GZIP_BYTES = 12 * 1024  # the ceiling (the target is 10 kB)


@dataclass
class Shop:
    client: TestClient
    agent: str
    key: str
    other: str  # a second agent of the same organisation
    owner: dict[str, str]


@pytest.fixture
def shop(settings: Settings) -> Iterator[Shop]:
    with TestClient(make_app(settings)) as client:
        db = client.app.state.db  # type: ignore[attr-defined]
        org = create_organization(db, "Bakery").id
        config = AgentConfig.model_validate(
            {"widget": {"color": "#aa3300", "language": "de"}, "personality": {"name": "Hazel"}}
        )
        agent = create_agent(db, SITE + "/", "Bakery", config=config, organization_id=org)
        other = create_agent(db, "https://florist.example.org/", "Florist", organization_id=org)
        owner = {"Authorization": f"Bearer {create_key(db, org, 'o', 'owner').key}"}
        yield Shop(client, agent.id, agent.public_key, other.id, owner)


def visitor(shop: Shop, origin: str = SITE) -> dict[str, str]:
    minted = shop.client.post(
        f"/v1/agents/{shop.agent}/token", json={"public_key": shop.key}, headers={"Origin": origin}
    ).json()
    return {
        "Authorization": f"Bearer {minted['token']}",
        "Origin": origin,
        "sid": minted["session_id"],
    }


def test_widget_config_gives_public_values_for_the_key_on_an_allowed_origin(shop: Shop) -> None:
    url = f"/v1/agents/{shop.agent}/widget-config"
    ok = shop.client.post(url, json={"public_key": shop.key}, headers={"Origin": SITE})
    assert ok.status_code == 200, ok.text
    body = ok.json()
    assert body["color"] == "#aa3300" and body["language"] == "de"
    # voice: on by default, and this server has the voice routes
    assert body["position"] == "bottom-right" and body["voice"] is True
    assert body["greeting"] is None  # the default: the widget says it in German
    assert body["lead_capture"] is False
    assert not {"public_key", "allowed_origins", "webhooks", "contact_email"} & set(body)
    assert ok.headers["access-control-allow-origin"] == SITE

    wrong_key = shop.client.post(url, json={"public_key": "pk_nope"}, headers={"Origin": SITE})
    assert wrong_key.status_code == 401
    stranger = shop.client.post(
        url, json={"public_key": shop.key}, headers={"Origin": "https://evil.example.net"}
    )
    assert stranger.status_code == 403 and "access-control-allow-origin" not in stranger.headers
    pre = shop.client.options(
        url, headers={"Origin": SITE, "Access-Control-Request-Method": "POST"}
    )
    assert pre.status_code == 204


def test_leads_are_validated_stored_and_listed_for_owners_only(shop: Shop) -> None:
    v = visitor(shop)
    sid = v.pop("sid")
    url = f"/v1/agents/{shop.agent}/leads"
    made = shop.client.post(
        url,
        json={
            "name": " Ada  Lovelace ",
            "phone": "020 7946 0018",
            "region": "GB",
            "message": "Cake",
        },
        headers=v,
    )
    assert made.status_code == 201, made.text
    assert made.json()["phone"] == "+442079460018" and made.json()["name"] == "Ada Lovelace"
    for bad, field in (
        ({"name": "Ada", "email": "not-an-address"}, "email"),
        ({"name": "Ada", "phone": "12"}, "phone"),
        ({"name": "Ada"}, None),  # neither e-mail nor phone
        ({"name": " ", "email": "ada@example.org"}, None),
    ):
        refused = shop.client.post(url, json=bad, headers=v)
        assert refused.status_code == 422, bad
        if field:
            assert field in str(refused.json())

    listed = shop.client.get(url, headers=shop.owner)
    assert listed.status_code == 200
    assert [(x["name"], x["session_id"]) for x in listed.json()] == [("Ada Lovelace", sid)]
    assert shop.client.get(url, headers=v).status_code == 403  # a visitor cannot read leads
    # A visitor token works only for its own agent.
    elsewhere = shop.client.post(
        f"/v1/agents/{shop.other}/leads", json={"name": "A", "email": "a@example.org"}, headers=v
    )
    assert elsewhere.status_code == 404
    db = shop.client.app.state.db  # type: ignore[attr-defined]
    with db.session() as s:
        assert s.query(Lead).count() == 1


def test_feedback_scores_the_visitors_own_turn(shop: Shop) -> None:
    db = shop.client.app.state.db  # type: ignore[attr-defined]
    v = visitor(shop)
    sid = v.pop("sid")
    record(db, shop.agent, sid, "When do you open?", Answer("At 8.", True, []), "text", "turn1")
    record(db, shop.agent, "someone-else", "Hi?", Answer("Hello.", True, []), "text", "turn2")
    url = f"/v1/agents/{shop.agent}/feedback"
    assert (
        shop.client.post(url, json={"turn_id": "turn1", "score": -1}, headers=v).status_code == 200
    )
    assert (
        shop.client.post(url, json={"turn_id": "turn1", "score": 1}, headers=v).status_code == 200
    )
    assert (
        shop.client.post(url, json={"turn_id": "turn2", "score": 1}, headers=v).status_code == 404
    )
    assert (
        shop.client.post(url, json={"turn_id": "turn1", "score": 5}, headers=v).status_code == 422
    )
    other = shop.client.post(
        f"/v1/agents/{shop.other}/feedback", json={"turn_id": "turn1", "score": 1}, headers=v
    )
    assert other.status_code == 404
    with db.session() as s:
        scores = {c.turn_id: c.satisfaction_score for c in s.query(Conversation)}
    assert scores == {"turn1": 1, "turn2": None}


def test_widget_script_is_cacheable_cross_origin_and_small(shop: Shop) -> None:
    plain = shop.client.get("/widget.js", headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200
    assert plain.headers["content-type"].startswith("text/javascript")
    assert plain.headers["cross-origin-resource-policy"] == "cross-origin"
    assert "x-frame-options" not in plain.headers
    assert "frame-ancestors" not in plain.headers["content-security-policy"]
    assert plain.headers["cache-control"] == "public, max-age=300"
    assert len(gzip.compress(plain.content, 9)) <= MAX_GZIP_BYTES
    etag = plain.headers["etag"]
    assert shop.client.get("/widget.js", headers={"If-None-Match": etag}).status_code == 304
    zipped = shop.client.get("/widget.js", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip" and zipped.content == plain.content

    pinned = shop.client.get(plain.headers["x-widget-path"])
    assert pinned.status_code == 200 and "immutable" in pinned.headers["cache-control"]
    old = shop.client.get("/widget.000000000000.js", follow_redirects=False)
    assert old.status_code == 302 and old.headers["location"] == "/widget.js"


def test_demo_page_embeds_the_agents_widget(shop: Shop) -> None:
    page = shop.client.get(f"/demo/{shop.agent}")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f'data-agent="{shop.agent}"' in page.text and f'data-key="{shop.key}"' in page.text
    assert 'src="/widget.js"' in page.text
    assert shop.client.get("/demo/0000000000000000").status_code == 404


def test_embed_code_names_the_host_the_request_came_to_unless_configured(
    shop: Shop, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"/v1/agents/{shop.agent}/widget"
    derived = shop.client.get(url, headers=shop.owner).json()["embed_code"]
    assert derived.startswith('<script src="http://testserver/widget.js"')
    assert "ACORN_PUBLIC_BASE_URL" in caplog.text  # it disagrees with the guessed default
    proxied = shop.client.get(
        url,
        headers={
            **shop.owner,
            "X-Forwarded-Host": "acorn.example.org",
            "X-Forwarded-Proto": "https",
        },
    ).json()["embed_code"]
    # TestClient's peer is not loopback, so a proxy's headers are not trusted from it.
    assert proxied.startswith('<script src="http://testserver/')
    settings = shop.client.app.state.settings  # type: ignore[attr-defined]
    settings.public_base_url = "https://acorn.example.org"
    given = shop.client.get(url, headers=shop.owner).json()["embed_code"]
    assert given.startswith('<script src="https://acorn.example.org/widget.js"')
