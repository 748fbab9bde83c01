"""What visitors asked an agent and what it answered: members only, newest first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import select

from acorn.api.deps import DbDep
from acorn.api.security import Viewer, owned_agent
from acorn.jobs import state
from acorn.store import Conversation

router = APIRouter(prefix="/v1/agents", tags=["agents"])


class Turn(BaseModel):
    id: int
    session_id: str | None
    query: str
    answer: str
    answered: bool
    sources: list[Any]
    latency_ms: float | None
    channel: str
    created_at: datetime | None


@router.get("/{agent_id}/conversations", response_model=list[Turn])
def conversations(
    agent_id: str,
    who: Viewer,
    db: DbDep,
    limit: int = Query(100, ge=1, le=1000),
    before_id: int | None = Query(None, ge=1),
    session_id: str | None = Query(None, max_length=64),
    missed: bool = Query(False, description="Only the questions the agent could not answer"),
) -> list[Turn]:
    """The agent's logged turns, newest first; page with ``before_id``."""
    agent = owned_agent(db, who, agent_id)
    query = select(Conversation).where(Conversation.agent_id == agent.id)
    if before_id is not None:
        query = query.where(Conversation.id < before_id)
    if session_id is not None:
        query = query.where(Conversation.session_id == session_id)
    if missed:
        query = query.where(Conversation.answered.is_(False))
    with db.session() as session:
        rows = session.scalars(query.order_by(Conversation.id.desc()).limit(limit)).all()
        return [
            Turn(
                id=r.id,
                session_id=r.session_id,
                query=r.query,
                answer=r.answer,
                answered=r.answered,
                sources=r.sources or [],
                latency_ms=r.latency_ms,
                channel=r.channel,
                created_at=state.aware(r.created_at),
            )
            for r in rows
        ]
