"""The answerer protocol and its registry (keyed by config name, like every provider).

An answerer turns a question plus retrieved chunks into a grounded reply. It must cite the
chunks it used and must decline (``answered=False``) rather than say something the chunks do
not support; the service then speaks the agent's fallback message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from acorn.answer.intent import Intent
from acorn.answer.similarity import Similarity
from acorn.answer.types import AgentContext, Answer
from acorn.config import Settings
from acorn.errors import ConfigurationError
from acorn.index.types import SearchHit


@dataclass(slots=True)
class AnswerRequest:
    ctx: AgentContext
    query: str  # the question as understood (follow-ups already expanded)
    intent: Intent
    hits: list[SearchHit]
    history: list[tuple[str, str]] = field(default_factory=list)  # (question, answer) turns


class Answerer(Protocol):
    name: str

    def answer(self, request: AnswerRequest) -> Answer: ...


AnswererFactory = Callable[[Settings, Similarity | None], Answerer]
_REGISTRY: dict[str, AnswererFactory] = {}


def register(name: str) -> Callable[[AnswererFactory], AnswererFactory]:
    def deco(factory: AnswererFactory) -> AnswererFactory:
        _REGISTRY[name] = factory
        return factory

    return deco


def available() -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY)


def create(name: str, settings: Settings, similarity: Similarity | None) -> Answerer:
    _load_builtins()
    try:
        factory = _REGISTRY[name]
    except KeyError:
        raise ConfigurationError(
            f"Unknown answerer {name!r}",
            hint=f"Set ACORN_ANSWERER (or rag.answerer) to one of: {', '.join(available())}",
        ) from None
    return factory(settings, similarity)


def _load_builtins() -> None:
    # Built-ins register themselves the same way a third-party answerer would.
    from acorn.answer.answerers import extractive as _extractive  # noqa: F401
    from acorn.answer.answerers import llm as _llm  # noqa: F401
