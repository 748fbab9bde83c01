"""The one answer pipeline, shared by the API, ``acorn eval`` and voice:

follow-up resolution → intent → fast path (facts, approved FAQs) → hybrid retrieval with intent
boosts → answerer (extractive or LLM) → guard (decline on weak evidence) → log the turn.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from acorn.answer import agents
from acorn.answer.answerers import Answerer, AnswerRequest, create
from acorn.answer.fastpath import FastPath
from acorn.answer.intent import detect
from acorn.answer.retrieve import SearchIndex, retrieve
from acorn.answer.session import SessionMemory, Turn, resolve
from acorn.answer.similarity import Similarity, TextEmbedder
from acorn.answer.types import AgentContext, Answer
from acorn.config import Settings
from acorn.store import Database


class AnswerService:
    def __init__(
        self,
        settings: Settings,
        db: Database,
        kb: SearchIndex,
        *,
        embedder: TextEmbedder | None = None,
        memory: SessionMemory | None = None,
    ) -> None:
        self.settings = settings
        self.db = db
        self.kb = kb
        embedder = embedder or _embedder_of(kb)
        self.similarity = Similarity(embedder) if embedder is not None else None
        self.fastpath = FastPath(self.similarity)
        self.memory = memory or SessionMemory()
        self._answerers: dict[str, Answerer] = {}

    def answerer(self, name: str) -> Answerer:
        if name not in self._answerers:
            self._answerers[name] = create(name, self.settings, self.similarity)
        return self._answerers[name]

    def answer(
        self,
        agent_id: str,
        query: str,
        session_id: str | None = None,
        *,
        channel: str = "text",
        record: bool = True,
    ) -> Answer:
        """Answer one visitor question. Raises ``NotFound`` / ``NotReady`` for the agent."""
        started = time.perf_counter()
        ctx = agents.load_context(self.db, agent_id)
        result = self.answer_with(ctx, query, session_id)
        result.latency_ms = (time.perf_counter() - started) * 1000
        if record:
            agents.record(self.db, ctx.agent_id, session_id, query, result, channel)
        return result

    def answer_with(self, ctx: AgentContext, query: str, session_id: str | None = None) -> Answer:
        """The pipeline for an already loaded agent (no logging)."""
        query = " ".join(query.split())
        history = self.memory.history(ctx.agent_id, session_id)
        understood, intent = resolve(query, detect(query), history[-1] if history else None)
        rag = ctx.config.rag
        result: Answer | None = None
        if rag.use_fast_path:
            result = self.fastpath.answer(ctx, understood, intent)
        if result is None:
            hits = retrieve(self.kb, ctx.agent_id, understood, intent, rag.top_k)
            request = AnswerRequest(
                ctx=ctx,
                query=understood,
                intent=intent,
                hits=hits,
                history=[(t.query, t.answer) for t in history],
            )
            result = self.answerer(rag.answerer or self.settings.answerer).answer(request)
        if not result.answered:
            result = replace(
                result,
                text=ctx.config.personality.fallback_message,
                sources=[],
                path="fallback",
            )
        self.memory.remember(ctx.agent_id, session_id, Turn(understood, intent, result.text))
        return result


def _embedder_of(kb: Any) -> TextEmbedder | None:
    """The knowledge base's own embedder, so sentences and chunks share one model in memory."""
    return getattr(kb, "embedder", None)
