"""Hybrid retrieval for one question: the index's fused dense + BM25 search, re-ranked by how
well each chunk's category and importance fit what the visitor asked about.

The index already fuses the two legs (reciprocal rank fusion); here we only add what the index
cannot know — the question's intent — so an hours question prefers the hours chunk over a blog
post that happens to mention Friday.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal, Protocol

from acorn.answer import synonyms
from acorn.answer.intent import Intent
from acorn.index.types import SearchHit

# Which chunk categories serve which intent.
INTENT_CATEGORIES: dict[str, set[str]] = {
    "hours": {"hours", "contact"},
    "schedule": {"hours"},
    "phone": {"contact"},
    "email": {"contact"},
    "address": {"contact"},
    "contact": {"contact"},
    "price": {"pricing"},
    "people": {"team", "about"},
    "policy": {"policy", "faq"},
}
CATEGORY_BOOST = 0.25
IMPORTANCE_BOOST = 0.15


class SearchIndex(Protocol):
    def search(
        self,
        agent_id: str,
        query: str,
        k: int = 8,
        mode: Literal["hybrid", "dense", "lexical"] = "hybrid",
        lexical_query: str | None = None,
    ) -> list[SearchHit]: ...


def retrieve(
    index: SearchIndex, agent_id: str, query: str, intent: Intent, top_k: int
) -> list[SearchHit]:
    """The ``top_k`` best chunks, best first, with ``score`` replaced by the boosted score
    normalised to the best fused score (so 1.0 is the top hit before boosts)."""
    widened = synonyms.expand(query)
    hits = index.search(
        agent_id,
        query,
        k=max(top_k * 2, top_k),
        mode="hybrid",
        lexical_query=widened if widened != query else None,
    )
    if not hits:
        return []
    top = max(h.score for h in hits) or 1.0
    wanted = INTENT_CATEGORIES.get(intent.kind, set())
    ranked = []
    for hit in hits:
        score = hit.score / top
        if hit.category in wanted:
            score *= 1 + CATEGORY_BOOST
        score *= 1 + IMPORTANCE_BOOST * (hit.importance - 0.5)
        ranked.append(replace(hit, score=round(score, 6)))
    ranked.sort(key=lambda h: h.score, reverse=True)
    return ranked[:top_k]
