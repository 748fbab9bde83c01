"""Hybrid retrieval for one question: the index's fused dense + BM25 search, re-ranked by how
well each chunk's category and importance fit what the visitor asked about.

The index already fuses the two legs (reciprocal rank fusion); here we only add what the index
cannot know — the question's intent — so an hours question prefers the hours chunk over a blog
post that happens to mention Friday.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal, Protocol
from urllib.parse import urlsplit

from acorn.answer import synonyms
from acorn.answer.guard import focus_terms
from acorn.answer.intent import Intent
from acorn.answer.text import content_terms, stem_in, stem_set
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
# A page titled for what the visitor asked about ("Nervous patients" for "I'm scared of the
# dentist") is the page to read, even when its body shares few words with the question.
TITLE_BOOST = 0.25


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
    titled = title_matches(query, hits)
    ranked = []
    for hit, title_share in zip(hits, titled, strict=True):
        score = hit.score / top
        if hit.category in wanted:
            score *= 1 + CATEGORY_BOOST
        score *= 1 + TITLE_BOOST * title_share
        score *= 1 + IMPORTANCE_BOOST * (hit.importance - 0.5)
        ranked.append(replace(hit, score=round(score, 6)))
    ranked.sort(key=lambda h: h.score, reverse=True)
    return ranked[:top_k]


def title_matches(query: str, hits: list[SearchHit]) -> list[float]:
    """For each hit, the share of the question's specific words that its page title or section
    heading names, by the visitor's word or a synonym of it. Only a word that names one page
    among the hits counts, and never on the home page: a word in several titles (the
    business's own name, "dental" on a dentist's site) singles out no page."""
    terms = focus_terms(content_terms(query), set())
    if not terms or not hits:
        return [0.0] * len(hits)
    phrases = synonyms.in_phrases(query)
    found = [
        {t for t in terms if stem_in(t, heads) or synonyms.matches_in(t, heads, phrases)}
        for heads in (stem_set(" ".join([h.title, *h.heading_path])) for h in hits)
    ]
    pages = {t: {h.url for h, f in zip(hits, found, strict=True) if t in f} for t in terms}
    return [
        0.0
        if urlsplit(h.url).path in ("", "/")
        else sum(1 for t in f if len(pages[t]) == 1) / len(terms)
        for h, f in zip(hits, found, strict=True)
    ]
