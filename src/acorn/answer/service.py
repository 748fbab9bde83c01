"""The one answer pipeline, shared by the API, ``acorn eval`` and voice:

follow-up resolution → intent → fast path (facts, approved FAQs) → hybrid retrieval with intent
boosts → answerer (extractive or LLM) → guard (decline on weak evidence) → log the turn.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from acorn.answer import agents, guard
from acorn.answer.answerers import Answerer, AnswerRequest, create
from acorn.answer.cache import AnswerCache
from acorn.answer.fastpath import FastPath
from acorn.answer.flights import Flights
from acorn.answer.intent import Intent, detect, drop_exclusions, split_questions
from acorn.answer.recorder import Recorder
from acorn.answer.retrieve import SearchIndex, retrieve
from acorn.answer.session import SessionMemory, Turn, resolve
from acorn.answer.similarity import Similarity, TextEmbedder
from acorn.answer.text import content_terms
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
        cache: AnswerCache | None = None,
        background_logging: bool = False,
    ) -> None:
        self.settings = settings
        self.db = db
        self.kb = kb
        embedder = embedder or _embedder_of(kb)
        if embedder is not None and not isinstance(embedder, Similarity):
            embedder = Similarity(embedder)
        self.similarity = embedder
        self.fastpath = FastPath(self.similarity)
        self.memory = memory or SessionMemory()
        self.cache = cache if cache is not None else AnswerCache()
        self._answerers: dict[str, Answerer] = {}
        self.recorder = Recorder(db) if background_logging else None
        self._contexts: dict[str, tuple[float, AgentContext]] = {}
        self.context_ttl = 2.0  # seconds an agent's config and facts are reused between queries
        # Agents whose context one request is re-reading, and since when (a refresh whose
        # request was cancelled before it ran is retried after a few seconds).
        self._refreshing: dict[str, float] = {}
        self.clock: Callable[[], float] = time.monotonic  # tests step it by hand
        self.flights = Flights(slots=os.cpu_count() or 1)

    def load(self, agent_id: str) -> AgentContext:
        """The agent's context, re-read at most every ``context_ttl`` seconds (a status or
        config change is seen within that; a hot agent does not cost two queries per turn)."""
        now = self.clock()
        hit = self._contexts.get(agent_id)
        if hit is not None and now - hit[0] < self.context_ttl:
            return hit[1]
        try:
            ctx = agents.load_context(self.db, agent_id)
        except Exception:
            self._contexts.pop(agent_id, None)  # deleted or no longer ready: stop serving it
            raise
        finally:
            self._refreshing.pop(agent_id, None)
        if len(self._contexts) > 10_000:
            self._contexts.clear()
        self._contexts[agent_id] = (now, ctx)
        return ctx

    def answer_cached(
        self,
        agent_id: str,
        query: str,
        session_id: str | None = None,
        *,
        channel: str = "text",
        turn_id: str | None = None,
    ) -> Answer | None:
        """The answer if it can be given from memory alone (agent context and answer both
        cached), else None. Never touches the database or the model, so the API calls it on
        the event loop and only sends real work to the thread pool."""
        started = time.perf_counter()
        hit = self._contexts.get(agent_id)
        if hit is None:
            return None
        now = self.clock()
        age = now - hit[0]
        if age >= 5 * self.context_ttl:
            return None  # too old to serve even while it is being re-read
        if age >= self.context_ttl and now - self._refreshing.get(agent_id, -1e9) > age:
            # Stale: this one request goes the slow way and re-reads the agent; the others
            # keep answering from the just-expired context meanwhile, instead of all queueing
            # on the database at once every ``context_ttl`` seconds (a latency spike under load).
            self._refreshing[agent_id] = now
            return None
        ctx = hit[1]
        query = " ".join(query.split())
        history = self.memory.history(ctx.agent_id, session_id)
        understood, intent = resolve(query, detect(query), history[-1] if history else None)
        understood = drop_exclusions(understood)
        result = self.cache.get(_key(ctx, understood, intent))
        if result is None:
            return None
        self.memory.remember(ctx.agent_id, session_id, Turn(understood, intent, result.text))
        result.latency_ms = (time.perf_counter() - started) * 1000
        if self.recorder is not None:
            self.recorder.record(ctx.agent_id, session_id, query, result, channel, turn_id)
        else:
            agents.record(self.db, ctx.agent_id, session_id, query, result, channel, turn_id)
        return result

    def forget(self, agent_id: str) -> None:
        """Drop what is cached about an agent (call after changing its config or FAQs)."""
        self._contexts.pop(agent_id, None)
        self.cache.clear()

    def flush(self) -> None:
        """Wait until every answered turn is written (background logging)."""
        if self.recorder is not None:
            self.recorder.flush()

    def close(self) -> None:
        if self.recorder is not None:
            self.recorder.close()

    def use_answerer(self, name: str, answerer: Answerer) -> None:
        """Answer with this instance for ``name`` (calibration and tests set their own)."""
        self._answerers[name] = answerer

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
        turn_id: str | None = None,
    ) -> Answer:
        """Answer one visitor question. Raises ``NotFound`` / ``NotReady`` for the agent."""
        started = time.perf_counter()
        ctx = self.load(agent_id)
        result = self.answer_with(ctx, query, session_id)
        result.latency_ms = (time.perf_counter() - started) * 1000
        if record and self.recorder is not None:
            self.recorder.record(ctx.agent_id, session_id, query, result, channel, turn_id)
        elif record:
            agents.record(self.db, ctx.agent_id, session_id, query, result, channel, turn_id)
        return result

    def _answer_one(
        self, ctx: AgentContext, query: str, intent: Intent, history: list[Turn]
    ) -> Answer:
        rag = ctx.config.rag
        if rag.use_fast_path:
            found = self.fastpath.answer(ctx, query, intent)
            if found is not None:
                return found
        hits = retrieve(self.kb, ctx.agent_id, query, intent, rag.top_k)
        request = AnswerRequest(
            ctx=ctx,
            query=query,
            intent=intent,
            hits=hits,
            history=[(t.query, t.answer) for t in history],
        )
        return self.answerer(rag.answerer or self.settings.answerer).answer(request)

    def answer_with(self, ctx: AgentContext, query: str, session_id: str | None = None) -> Answer:
        """The pipeline for an already loaded agent (no logging)."""
        query = " ".join(query.split())
        history = self.memory.history(ctx.agent_id, session_id)
        understood, intent = resolve(query, detect(query), history[-1] if history else None)
        understood = drop_exclusions(understood)
        key = _key(ctx, understood, intent)
        result: Answer | None = self.cache.get(key)
        if result is None:
            result = self.flights.run(
                key,
                lambda: self._compute(ctx, understood, intent, history, key),
                lambda: self.cache.get(key),
            )
        self.memory.remember(ctx.agent_id, session_id, Turn(understood, intent, result.text))
        return result

    def _compute(
        self,
        ctx: AgentContext,
        understood: str,
        intent: Intent,
        history: list[Turn],
        key: tuple[object, ...],
    ) -> Answer:
        parts = split_questions(understood)
        if len(parts) > 1:
            # "Can I pay in instalments? Who do I talk to?": answer each, say what we know.
            answers = [
                self._answer_one(ctx, part, detect(part), history)
                for part in (parts[0], *(_with_context(p, parts[0]) for p in parts[1:]))
            ]
            result = _combine(answers)
        else:
            result = self._answer_one(ctx, understood, intent, history)
        if not result.answered:
            result = replace(
                result,
                text=ctx.config.personality.fallback_message,
                sources=[],
                path="fallback",
            )
        self.cache.put(key, result)
        return result


def _key(ctx: AgentContext, understood: str, intent: Intent) -> tuple[object, ...]:
    return (ctx.agent_id, ctx.generation, understood.lower(), intent.kind, tuple(intent.days))


def _with_context(part: str, first: str) -> str:
    """A later part that names its own subject ("what does an emergency visit cost?") is asked
    alone; one that leans on the first ("Who do I talk to?") carries it along."""
    if len(guard.focus_terms(content_terms(part), set())) >= 2:
        return part
    return f"{part} ({first})"


def _combine(answers: list[Answer]) -> Answer:
    found = [a for a in answers if a.answered]
    if not found:
        return answers[0]
    texts = list(dict.fromkeys(a.text for a in found))
    sources = list({s.chunk_id: s for a in found for s in a.sources}.values())
    return replace(found[0], text=" ".join(texts), sources=sources)


def _embedder_of(kb: Any) -> TextEmbedder | None:
    """The knowledge base's own embedder, so sentences and chunks share one model in memory."""
    return getattr(kb, "embedder", None)
