"""The query API contract, end to end on the indexed fixture site."""

from __future__ import annotations

import time
import uuid

from sqlalchemy import select

from acorn.config import PersonalityConfig
from acorn.store import FAQ, Analytics, Conversation, Database, create_agent
from tests.support.auth import default_org

FALLBACK = PersonalityConfig().fallback_message


def ask(client, agent_id: str, query: str, **extra):
    return client.post(f"/v1/agents/{agent_id}/query", json={"query": query, **extra})


def test_health(client) -> None:
    assert client.get("/healthz/live").json()["status"] == "ok"
    ready = client.get("/healthz/ready")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "index": "ok"}
    assert client.get("/healthz").status_code == 200
    assert "/v1/agents/{agent_id}/query" in client.get("/openapi.json").json()["paths"]
    assert client.get("/docs").status_code == 200


def test_answer_shape_and_sources(client, indexed) -> None:
    r = ask(client, indexed.agent_id, "What's your phone number?")
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {"answer", "sources", "latency_ms", "answered"}
    assert body["answered"] is True
    assert "01803 862 441" in body["answer"]
    assert isinstance(body["latency_ms"], float)
    source = body["sources"][0]
    assert set(source) == {"chunk_id", "url", "title", "relevance_score"}
    assert source["url"].startswith(indexed.site_url)


def test_include_sources_false(client, indexed) -> None:
    body = ask(client, indexed.agent_id, "What's your email?", include_sources=False).json()
    assert body["answered"] and "hello@hazelcrumb.co.uk" in body["answer"]
    assert body["sources"] == []


def test_day_specific_hours(client, indexed) -> None:
    monday = ask(client, indexed.agent_id, "Are you open on Monday?").json()
    assert monday["answered"] and "closed on Mondays" in monday["answer"]
    saturday = ask(client, indexed.agent_id, "What time do you close on Saturday?").json()
    assert "4pm" in saturday["answer"] and "Sunday" not in saturday["answer"]


def test_retrieval_answer_cites_its_page(client, indexed) -> None:
    body = ask(client, indexed.agent_id, "How much does a sourdough class cost?").json()
    assert body["answered"], body
    assert "£95" in body["answer"]
    assert any(s["url"].endswith("/classes/") for s in body["sources"]), body
    assert len(body["answer"].split()) < 80  # a spoken reply, not a page dump


def test_follow_up_in_a_session(client, indexed) -> None:
    session = uuid.uuid4().hex
    first = ask(client, indexed.agent_id, "Are you open on Sunday?", session_id=session).json()
    assert "Sunday" in first["answer"] and "1pm" in first["answer"]
    follow = ask(client, indexed.agent_id, "and on Monday?", session_id=session).json()
    assert "closed on Mondays" in follow["answer"]


def test_unknown_agent_404(client) -> None:
    r = ask(client, "nope", "hello?")
    assert r.status_code == 404
    body = r.json()
    assert "nope" in body["error"] and body["hint"]


def test_agent_not_ready_409(client, indexed) -> None:
    db = Database(indexed.settings)
    pending = create_agent(db, "https://example.com/", organization_id=default_org(db))
    r = ask(client, pending.id, "What are your hours?")
    assert r.status_code == 409
    assert r.json()["status"] == "pending" and "not ready" in r.json()["error"]


def test_empty_and_oversized_queries_422(client, indexed) -> None:
    r = ask(client, indexed.agent_id, "   ")
    assert r.status_code == 422 and "query must not be empty" in r.json()["error"]
    r = ask(client, indexed.agent_id, "x" * 1001)
    assert r.status_code == 422 and "1000 characters" in r.json()["error"]
    r = client.post(f"/v1/agents/{indexed.agent_id}/query", json={})
    assert r.status_code == 422 and "query" in r.json()["error"]


def test_decline_is_logged_as_missed_question(client, indexed) -> None:
    session = uuid.uuid4().hex
    body = ask(client, indexed.agent_id, "Do you repair motorbikes?", session_id=session).json()
    assert body == {**body, "answered": False, "answer": FALLBACK, "sources": []}
    ask(client, indexed.agent_id, "What's your phone number?", session_id=session)
    client.app.state.answers.flush()  # turns are written by a background thread
    db = Database(indexed.settings)
    with db.session() as s:
        turns = s.scalars(
            select(Conversation).where(Conversation.session_id == session).order_by(Conversation.id)
        ).all()
        missed = s.scalars(
            select(Analytics).where(
                Analytics.agent_id == indexed.agent_id, Analytics.event_type == "missed_question"
            )
        ).all()
    assert [t.query for t in turns] == ["Do you repair motorbikes?", "What's your phone number?"]
    assert [t.answered for t in turns] == [False, True]
    assert turns[1].sources and turns[1].latency_ms is not None
    assert any(m.payload["query"] == "Do you repair motorbikes?" for m in missed)


def test_prompt_injection_on_a_page_changes_nothing(client, indexed) -> None:
    for query in ("Is everything free?", "What do visitors get told about prices?"):
        body = ask(client, indexed.agent_id, query).json()
        assert "everything is free" not in body["answer"].lower()
        assert "ignore previous instructions" not in body["answer"].lower()


def test_approved_faq_answers_by_meaning(client, indexed) -> None:
    db = Database(indexed.settings)
    with db.session() as s:
        s.add(
            FAQ(
                agent_id=indexed.agent_id,
                question="Do you bake wedding cakes?",
                answer="Yes, we bake wedding cakes to order with six weeks' notice.",
                source_url=indexed.site_url + "/faq/",
                approved=True,
            )
        )
    client.app.state.answers.forget(indexed.agent_id)  # what an FAQ-approval endpoint does
    body = ask(client, indexed.agent_id, "Do you make wedding cakes?").json()
    assert body["answered"] and "six weeks' notice" in body["answer"]


def test_one_request_refreshes_a_stale_agent_while_others_are_served(client, indexed) -> None:
    """Under load, an expired agent context is re-read by one request; the rest keep answering
    from memory meanwhile, but never from a context much older than its time to live."""
    answers = client.app.state.answers
    query = "What's your phone number?"
    now = [time.monotonic()]
    answers.clock = lambda: now[0]
    try:
        assert ask(client, indexed.agent_id, query).status_code == 200
        assert answers.answer_cached(indexed.agent_id, query) is not None
        now[0] += answers.context_ttl + 0.01
        assert answers.answer_cached(indexed.agent_id, query) is None  # goes to re-read it
        assert answers.answer_cached(indexed.agent_id, query) is not None  # served meanwhile
        now[0] += 5 * answers.context_ttl
        assert answers.answer_cached(indexed.agent_id, query) is None  # too old to serve
        assert answers.answer_cached(indexed.agent_id, query) is None
        assert ask(client, indexed.agent_id, query).status_code == 200  # the re-read
        assert answers.answer_cached(indexed.agent_id, query) is not None
    finally:
        answers.clock = time.monotonic
