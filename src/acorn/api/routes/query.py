"""``POST /v1/agents/{agent_id}/query``: ask an agent a question, get a short grounded answer
with the pages it came from."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, field_validator
from starlette.requests import HTTPConnection

from acorn.api.deps import AnswerServiceDep, DbDep, SettingsDep
from acorn.api.errors import error_body
from acorn.api.security import VisitorOrMember, client_ip, limiter_of, owned_agent
from acorn.auth.origins import is_allowed
from acorn.auth.principal import Principal
from acorn.config import Settings
from acorn.errors import Forbidden, NotFound

router = APIRouter(prefix="/v1/agents", tags=["query"])

MAX_QUERY_CHARS = 1000


class QueryRequest(BaseModel):
    query: str = Field(..., description="The visitor's question", max_length=MAX_QUERY_CHARS)
    session_id: str | None = Field(
        None, max_length=64, description="Keeps the last turns so follow-ups are understood"
    )
    include_sources: bool = True

    @field_validator("query")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("query must not be empty")
        return value


class SourceOut(BaseModel):
    chunk_id: str
    url: str
    title: str
    relevance_score: float


class QueryResponse(BaseModel):
    answer: str
    sources: list[SourceOut]
    latency_ms: float
    answered: bool
    session_id: str | None = None
    turn_id: str = Field(..., description="This turn's id, for POST .../feedback")


def admit_visitor(
    request: HTTPConnection, settings: Settings, db: object, who: Principal, agent_id: str
) -> str | None:
    """Check a visitor-endpoint caller for ``agent_id``; returns the session to log under.

    A visitor token works only for its own agent, from the origin it was minted for, within
    the per-session and per-address rate limits. A member's credential (the owner trying the
    agent) works for its organisation's agents; any other agent is a 404.
    """
    if who.kind != "visitor":
        owned_agent(db, who, agent_id)  # type: ignore[arg-type]
        return None
    if who.agent_id != agent_id:
        raise NotFound(
            f"no agent with id {agent_id!r} for this token",
            hint="mint a token for this agent with POST /v1/agents/{agent_id}/token",
        )
    origin = request.headers.get("origin")
    if origin is not None and not is_allowed(origin, [who.origin or ""]):
        raise Forbidden(f"this visitor token was not issued to {origin}")
    limiter = limiter_of(request)
    rule = settings.rate_limit_visitor
    limiter.hit(rule, "visitor-session", who.session_id or "", "questions")
    limiter.hit(rule, "visitor-ip", client_ip(request), "questions")
    return who.session_id


_ERRORS = {
    401: {"description": "No credential, or an expired or revoked one"},
    403: {"description": "The visitor token was issued to another origin"},
    429: {"description": "Too many questions from this visitor or address (see Retry-After)"},
    404: {
        "description": "No such agent",
        "content": {
            "application/json": {
                "example": error_body("no agent with id 'x'", "create one with acorn crawl URL")
            }
        },
    },
    409: {"description": "The agent is not ready (its status is given)"},
    422: {"description": "Empty or oversized query"},
}


@router.post("/{agent_id}/query", response_model=QueryResponse, responses=_ERRORS)  # type: ignore[arg-type]
async def query_agent(
    agent_id: str,
    body: QueryRequest,
    who: VisitorOrMember,
    request: Request,
    settings: SettingsDep,
    db: DbDep,
    answers: AnswerServiceDep,
) -> QueryResponse:
    """Answer from the agent's site only; ``answered`` is false when the site does not say
    (the answer is then the agent's fallback message and the question is logged as missed).
    Send a visitor token (the widget) or a member's access token or API key."""
    if who.kind == "visitor":  # no database: the token says everything
        session_id = admit_visitor(request, settings, db, who, agent_id) or body.session_id
    else:
        await run_in_threadpool(admit_visitor, request, settings, db, who, agent_id)
        session_id = body.session_id
    # A question answered a moment ago is served straight from memory on the event loop;
    # anything needing the database, the index or the model runs in the thread pool.
    turn_id = secrets.token_urlsafe(12)
    result = answers.answer_cached(agent_id, body.query, session_id, turn_id=turn_id)
    if result is None:
        result = await run_in_threadpool(
            answers.answer, agent_id, body.query, session_id, turn_id=turn_id
        )
    sources = (
        [
            SourceOut(
                chunk_id=s.chunk_id, url=s.url, title=s.title, relevance_score=s.relevance_score
            )
            for s in result.sources
        ]
        if body.include_sources
        else []
    )
    return QueryResponse(
        answer=result.text,
        sources=sources,
        latency_ms=round(result.latency_ms, 2),
        answered=result.answered,
        session_id=session_id,
        turn_id=turn_id,
    )
