"""What the answer stage hands back, and the agent facts it answers from.

Dataclasses because these stay inside the pipeline; the API turns them into pydantic at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from acorn.config import AgentConfig
from acorn.sitedata import StructuredData


@dataclass(slots=True)
class Source:
    """One piece of evidence an answer rests on. ``content`` is the text itself, kept so the
    evaluator (and a curious developer) can check the answer is grounded; the API omits it."""

    chunk_id: str
    url: str
    title: str
    relevance_score: float
    content: str = ""


@dataclass(slots=True)
class Answer:
    text: str
    answered: bool
    sources: list[Source] = field(default_factory=list)
    latency_ms: float = 0.0
    intent: str = "other"
    path: str = "retrieval"  # fastpath | faq | retrieval | fallback
    confidence: float = 0.0
    evidence: dict[str, float] = field(default_factory=dict)  # the guard's inputs, for tuning


@dataclass(slots=True)
class ApprovedFAQ:
    """A question with its answer: approved by the owner, or (in ``AgentContext.site_faqs``)
    read from the site itself, cited by the page it is on."""

    question: str
    answer: str
    source_url: str = ""
    faq_id: str = ""


@dataclass(slots=True)
class AgentContext:
    """Everything about one agent the answer stage needs, loaded once per query."""

    agent_id: str
    status: str
    config: AgentConfig
    name: str = ""
    summary: str = ""
    structured: StructuredData = field(default_factory=StructuredData)
    faqs: list[ApprovedFAQ] = field(default_factory=list)
    site_faqs: list[ApprovedFAQ] = field(default_factory=list)  # crawled FAQ pairs
    generation: int = 0  # the live index generation (part of the answer cache key)
