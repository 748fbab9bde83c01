"""``POST /v1/agents/{agent_id}/query``: ask an agent a question, get a short grounded answer
with the pages it came from."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, field_validator

from acorn.api.deps import AnswerServiceDep
from acorn.api.errors import error_body

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


_ERRORS = {
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
    agent_id: str, body: QueryRequest, answers: AnswerServiceDep
) -> QueryResponse:
    """Answer from the agent's site only; ``answered`` is false when the site does not say
    (the answer is then the agent's fallback message and the question is logged as missed)."""
    # A question answered a moment ago is served straight from memory on the event loop;
    # anything needing the database, the index or the model runs in the thread pool.
    result = answers.answer_cached(agent_id, body.query, body.session_id)
    if result is None:
        result = await run_in_threadpool(answers.answer, agent_id, body.query, body.session_id)
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
        session_id=body.session_id,
    )
