"""Reading an agent for answering, and recording what was asked and answered.

An agent answers once it has a live knowledge base: status ``ready``, or any status while a
re-crawl runs over a previous complete index (``live_generation > 0``), so a refresh never takes
the receptionist offline.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select

from acorn.answer.types import AgentContext, Answer, ApprovedFAQ
from acorn.errors import NotReady
from acorn.sitedata import StructuredData
from acorn.store import FAQ, Analytics, Conversation, Database, agent_config, get_agent
from acorn.store.models import utcnow


def load_context(db: Database, agent_id: str) -> AgentContext:
    """The agent's config, facts and approved FAQs; ``NotFound`` / ``NotReady`` otherwise."""
    agent = get_agent(db, agent_id)
    if agent.status != "ready" and not agent.live_generation:
        hint = {
            "failed": "re-crawl the site (POST /v1/agents/{id}/recrawl) and check its scrape logs",
        }.get(agent.status, "wait until its status is ready (GET /v1/agents/{id}/status)")
        error = NotReady(
            f"agent {agent.id} is not ready to answer (status: {agent.status})",
            hint=hint.replace("{id}", agent.id),
        )
        error.extra = {"status": agent.status}  # type: ignore[attr-defined]  # shown by the API
        raise error
    profile: dict[str, Any] = agent.profile or {}
    with db.session() as session:
        rows = session.scalars(
            select(FAQ).where(FAQ.agent_id == agent.id, FAQ.approved.is_(True))
        ).all()
        faqs = [ApprovedFAQ(r.question, r.answer, r.source_url or "", str(r.id)) for r in rows]
    return AgentContext(
        agent_id=agent.id,
        status=agent.status,
        config=agent_config(agent),
        name=profile.get("name") or agent.name or "",
        summary=profile.get("summary") or "",
        structured=StructuredData.model_validate(profile.get("structured_data") or {}),
        faqs=faqs,
        site_faqs=site_faqs(profile),
        generation=agent.live_generation,
    )


def site_faqs(profile: dict[str, Any]) -> list[ApprovedFAQ]:
    """The question-answer pairs the crawl read from the site (FAQ pages, accordions,
    FAQPage JSON-LD), each with the page it is on."""
    out = []
    for item in profile.get("auto_faqs") or []:
        if item.get("question") and item.get("answer"):
            out.append(ApprovedFAQ(item["question"], item["answer"], item.get("source_url") or ""))
    return out


def record(
    db: Database,
    agent_id: str,
    session_id: str | None,
    query: str,
    answer: Answer,
    channel: str = "text",
    turn_id: str | None = None,
) -> None:
    """Log the turn in ``conversations``; an unanswered one is also a ``missed_question``, the
    list an owner reads to learn what the site should say. ``turn_id`` is the id the visitor
    was given for it (feedback names it)."""
    record_many(db, [(agent_id, session_id, query, answer, channel, turn_id)])


LoggedTurn = tuple[str, str | None, str, Answer, str, str | None]


def record_many(db: Database, turns: list[LoggedTurn]) -> None:
    """Several turns in one transaction (the background recorder batches them). Rows go in as
    two bulk INSERTs, not through the unit of work: under load the recorder shares the CPU (and
    the GIL) with request handling, and per-object ORM bookkeeping showed up in its profile."""
    conversations: list[dict[str, Any]] = []
    missed: list[dict[str, Any]] = []
    now = utcnow()
    for agent_id, session_id, query, answer, channel, turn_id in turns:
        conversations.append(
            {
                "agent_id": agent_id,
                "session_id": session_id,
                "query": query,
                "answer": answer.text,
                "sources": [
                    {
                        "chunk_id": s.chunk_id,
                        "url": s.url,
                        "title": s.title,
                        "relevance_score": s.relevance_score,
                    }
                    for s in answer.sources
                ],
                "answered": answer.answered,
                "latency_ms": round(answer.latency_ms, 2),
                "channel": channel,
                "created_at": now,
                "turn_id": turn_id,
            }
        )
        if not answer.answered:
            missed.append(
                {
                    "agent_id": agent_id,
                    "event_type": "missed_question",
                    "payload": {"query": query, "session_id": session_id, "intent": answer.intent},
                    "created_at": now,
                }
            )
    with db.session() as session:
        if conversations:
            session.execute(insert(Conversation), conversations)
        if missed:
            session.execute(insert(Analytics), missed)
