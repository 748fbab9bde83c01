"""CRUD on every table, cascades and agent helpers, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from acorn.config import AgentConfig
from acorn.errors import NotFound
from acorn.store import (
    FAQ,
    Agent,
    Analytics,
    Chunk,
    Conversation,
    Database,
    Page,
    ScrapeJob,
    User,
    agent_config,
    create_agent,
    get_agent,
    mark_verified,
    verification_token,
)


def test_create_and_get_agent(db: Database) -> None:
    config = AgentConfig()
    config.personality.name = "Ivy"
    agent = create_agent(db, "https://example.com/", "Example", config)
    assert agent.status == "pending"
    assert agent.public_key.startswith("pk_")
    loaded = get_agent(db, agent.id)
    assert loaded.root_url == "https://example.com/"
    assert agent_config(loaded).personality.name == "Ivy"
    assert get_agent(db, agent.public_key).id == agent.id
    with pytest.raises(NotFound):
        get_agent(db, "nope")


def test_verification_token_is_random_kept_and_made_for_older_agents(db: Database) -> None:
    one = create_agent(db, "https://example.com/")
    two = create_agent(db, "https://example.org/")
    token = verification_token(db, one.id)
    assert token.startswith("acorn-") and token != verification_token(db, two.id)
    assert verification_token(db, one.id) == token
    with db.session() as s:  # an agent from before revision 0002 has no token yet
        row = s.get(Agent, two.id)
        assert row is not None
        row.verification_token = None
    made = verification_token(db, two.id)
    assert made and verification_token(db, two.id) == made
    assert get_agent(db, one.id).verified_at is None
    mark_verified(db, one.id, datetime(2026, 12, 1, tzinfo=UTC))
    assert get_agent(db, one.id).verified_at is not None
    with pytest.raises(NotFound):
        verification_token(db, "nope")


def test_every_table_round_trips_and_cascades(db: Database) -> None:
    with db.session() as s:
        user = User(email="owner@example.com", name="Owner")
        s.add(user)
        s.flush()
        agent = Agent(root_url="https://example.com/", name="Ex", owner_id=user.id)
        s.add(agent)
        s.flush()
        now = datetime.now(UTC)
        s.add_all(
            [
                ScrapeJob(agent_id=agent.id, status="running", log=[{"msg": "hi"}], started_at=now),
                Page(agent_id=agent.id, url="https://example.com/", title="Home", fetched_at=now),
                Chunk(
                    chunk_id="00000000-0000-0000-0000-000000000001",
                    agent_id=agent.id,
                    page_url="https://example.com/",
                    content="We open at nine.",
                    metadata_={"heading_path": ["Hours"]},
                    category="hours",
                ),
                Conversation(agent_id=agent.id, query="When?", answer="Nine", sources=["/"]),
                FAQ(agent_id=agent.id, question="Q?", answer="A.", origin="owner"),
                Analytics(agent_id=agent.id, event_type="query", payload={"q": "When?"}),
            ]
        )
        agent_id = agent.id
    with db.session() as s:
        job = s.scalars(select(ScrapeJob).where(ScrapeJob.agent_id == agent_id)).one()
        assert job.log == [{"msg": "hi"}] and job.started_at is not None
        chunk = s.scalars(select(Chunk)).one()
        assert chunk.metadata_ == {"heading_path": ["Hours"]} and chunk.generation == 1
        agent = s.get(Agent, agent_id)
        assert agent is not None
        s.delete(agent)
    with db.session() as s:
        for model in (ScrapeJob, Page, Chunk, Conversation, FAQ, Analytics):
            assert s.scalar(select(func.count()).select_from(model)) == 0, model
        assert s.scalar(select(func.count()).select_from(User)) == 1


def test_session_rolls_back_on_error(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as s:
        s.add(Agent(root_url="https://x.example/"))
        s.flush()
        raise RuntimeError("boom")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Agent)) == 0


def test_turns_are_recorded_in_bulk_with_missed_questions(db: Database) -> None:
    from acorn.answer.agents import record_many
    from acorn.answer.types import Answer, Source

    agent = create_agent(db, "https://example.com/")
    found = Answer("We open at 9.", True, [Source("c1", "https://example.com/hours", "Hours", 0.8)])
    missed = Answer("I don't have that information.", False, [], intent="other")
    record_many(
        db,
        [
            (agent.id, "s1", "When do you open?", found, "text", "t1"),
            (agent.id, "s1", "Do you sell boats?", missed, "voice", None),
        ],
    )
    with db.session() as s:
        turns = s.scalars(select(Conversation).order_by(Conversation.id)).all()
        events = s.scalars(select(Analytics)).all()
    assert [(t.query, t.answered, t.channel, t.turn_id) for t in turns] == [
        ("When do you open?", True, "text", "t1"),
        ("Do you sell boats?", False, "voice", None),
    ]
    assert turns[0].sources == [
        {
            "chunk_id": "c1",
            "url": "https://example.com/hours",
            "title": "Hours",
            "relevance_score": 0.8,
        }
    ]
    assert turns[0].created_at is not None
    assert [(e.event_type, e.payload["query"]) for e in events] == [
        ("missed_question", "Do you sell boats?")
    ]
