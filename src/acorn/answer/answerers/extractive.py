"""The offline default answerer: quote the one to three sentences that best answer the question.

Every sentence of the retrieved chunks is scored by embedding similarity to the question, by how
many of the question's words it contains (stemmed), by whether it holds the kind of fact asked
for (a price, a time, a phone number), and by its chunk's retrieval rank. The best sentence is
kept with the context a listener needs (the item list it introduces, the answer under an FAQ
question) and at most a couple of close runners-up; ``complements`` then adds what the best
sentence needs beside it (a name, a caveat, a second price). Because it only ever repeats
sentences from its sources, it cannot state a fact the site does not.

``ExtractiveAnswerer.answer`` is the control flow: candidates → score → select → complements →
compose, with the guard deciding whether to speak at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from acorn.answer import guard, synonyms
from acorn.answer.answerers.base import AnswerRequest, register
from acorn.answer.answerers.complements import (
    add_complements,
    kinds_answer,
    overlaps,
)
from acorn.answer.compose import spoken_reply
from acorn.answer.evidence import EvidenceModel, load_model
from acorn.answer.passages import embed_text, passages, with_context
from acorn.answer.referents import names_a_person
from acorn.answer.similarity import Similarity
from acorn.answer.text import (
    STOP_WORDS,
    content_terms,
    stem,
    stem_in,
    stem_set,
)
from acorn.answer.types import Answer, Source
from acorn.config import Settings
from acorn.index.memo import decode
from acorn.index.types import SearchHit
from acorn.values.money import MONEY

_TIME = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}[:.]\d{2}\b|\bnoon\b|\bmidnight\b",
    re.I,
)
_DAYNAME = re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)days?\b", re.I)
_PHONE = re.compile(r"(?:\+?\d[\d\s().-]{7,}\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_NAME = re.compile(
    r"^[A-Z][a-z]+,\s+(?:our|the|a|an)\s"  # "Rachid, our team leader"
    r"|\b[A-Z][a-z]+ [A-Z][a-z]+\s+(?:is|has|was|joined|will|leads|runs)\b"
    r"|\b(?i:my name is|i am|i'm|this is|meet)\s+[A-Z]"
    r"|\b(?:Dr|Mr|Mrs|Ms|Miss|Rev|Revd|Pastor|Father|Prof)\.?\s+[A-Z]"
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# "What denomination are you?" is answered by "<Name> is a denomination ...".
_WHAT_NOUN = re.compile(r"^\s*(?:what|which)\s+([a-z][a-z-]+)\b", re.I)
_IS_A = re.compile(r"\b(?:is|are)\s+(?:a|an|the|one of the)\s+((?:[\w-]+\s+){0,2}[\w-]+)", re.I)

INTENT_PATTERNS: dict[str, list[re.Pattern[str]]] = {
    "price": [MONEY],
    "hours": [_TIME, _DAYNAME],
    "schedule": [_TIME, _DAYNAME],
    "phone": [_PHONE],
    "email": [_EMAIL],
    "address": [
        re.compile(
            r"\d+\s+\w+\s+(street|st|road|rd|lane|avenue|ave|drive|way)\b|\baddress\b|"
            r"\blocated\b|\bfind us\b|\b\d{5}\b|\b[A-Z]{1,2}\d{1,2}[A-Z]? ?\d[A-Z]{2}\b",
            re.I,
        )
    ],
    "people": [_NAME],
}


FACT_HEADINGS: dict[str, tuple[str, ...]] = {
    "address": ("address", "location"),
    "phone": ("phone", "telephone"),
    "email": ("email",),
    "hours": ("hours", "opening"),
    "contact": ("phone", "email"),
}


@dataclass(slots=True)
class Candidate:
    hit_rank: int
    index: int  # sentence index within its chunk
    text: str  # the sentence, with any list it introduces folded in
    dense: float = 0.0
    lexical: float = 0.0
    score: float = 0.0
    labelled_fact: bool = False  # the site's own "Address: ..." line for an address question


@dataclass(slots=True)
class ExtractiveConfig:
    max_hits: int = 8
    dense_weight: float = 0.55
    lexical_weight: float = 0.35
    pattern_bonus: float = 0.12
    rank_weight: float = 0.08
    runner_up: float = 0.9  # a second sentence must score this share of the best
    neighbour: float = 0.5  # ... or this share when it directly follows the best one
    max_list_items: int = 8
    fact_bonus: float = 0.3


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(
        self,
        similarity: Similarity,
        config: ExtractiveConfig | None = None,
        evidence: EvidenceModel | None = None,
    ) -> None:
        self.similarity = similarity
        self.config = config or ExtractiveConfig()
        self.evidence = evidence or load_model(similarity.name)
        # Overrides the calibrated threshold for every agent (calibration asks with 0: speak
        # always, so every answer's measures and correctness can be seen).
        self.threshold: float | None = None

    def answer(self, request: AnswerRequest) -> Answer:
        hits = request.hits[: self.config.max_hits]
        for hit in hits:  # the passages' vectors, computed when the chunk was indexed
            memo = decode(hit.metadata.get("memo"))
            if memo is not None:
                self.similarity.remember(*memo)
        candidates = self._candidates(hits)
        if not candidates:
            return Answer(text="", answered=False, intent=request.intent.kind, path="retrieval")
        self._score(request, hits, candidates)
        candidates.sort(key=lambda c: c.score, reverse=True)
        chosen = self._select(request, candidates)
        patterns = INTENT_PATTERNS.get(request.intent.kind, [])
        add_complements(request, hits, candidates, chosen, patterns[0] if patterns else None)
        # Read the chosen sentences in page order when they come from the same chunk.
        top = candidates[0]
        chosen.sort(key=lambda c: (c.hit_rank != top.hit_rank, c.hit_rank, c.index))
        best = max(chosen, key=lambda c: c.score)
        listed = kinds_answer(request.query, hits, best, self.config.max_list_items)
        if listed is not None:
            chosen, best = [listed], listed

        own = guard.own_name_stems(request.ctx.name, request.ctx.structured.name)
        terms = guard.focus_terms(content_terms(request.query), own)
        evidence_text = []
        for c in chosen:
            hit = hits[c.hit_rank]
            evidence_text.append(" ".join([c.text, hit.title, *hit.heading_path]))
        context = [stem_set(" ".join([h.content, h.title, *h.heading_path])) for h in hits]
        cover = guard.soft_coverage(
            guard.focus_words(request.query, own),
            " ".join(evidence_text),
            self.similarity,
            context,
        )
        best_dense = max(c.dense for c in chosen)
        measures = {
            "dense": round(best_dense, 4),
            "coverage": round(cover, 4),
            "score": round(best.score, 4),
            "pattern": float(any(p.search(c.text) for p in patterns for c in chosen)),
            "labelled": float(best.labelled_fact),
            "lexical": round(best.lexical, 4),
            "top_hit": float(best.hit_rank == 0),
        }
        rag = request.ctx.config.rag
        threshold = self.threshold if self.threshold is not None else rag.min_confidence
        ok = self.evidence.speaks(measures, threshold)
        if (
            ok
            and request.intent.personal
            and request.intent.kind in {"phone", "email"}
            and names_a_person(request.intent.possessor, self.similarity)
        ):
            # "the pastor's email": the detail must sit next to that person, not be the
            # business's own.
            pattern = INTENT_PATTERNS[request.intent.kind][0]
            ok = (
                any(pattern.search(c.text) and cover >= 1.0 for c in chosen)
                and all(
                    t in stem_set(next(c.text for c in chosen if pattern.search(c.text)))
                    for t in terms
                )
                if any(pattern.search(c.text) for c in chosen)
                else False
            )

        sources: list[Source] = []
        for c in chosen:
            hit = hits[c.hit_rank]
            if any(s.chunk_id == hit.chunk_id for s in sources):
                continue
            sources.append(
                Source(
                    chunk_id=hit.chunk_id,
                    url=hit.url,
                    title=hit.title,
                    relevance_score=round(c.score, 4),
                    content=hit.content,
                )
            )
        text = spoken_reply([c.text for c in chosen], request.ctx.config.personality)
        return Answer(
            text=text if ok else "",
            answered=ok,
            sources=sources,
            intent=request.intent.kind,
            path="retrieval",
            confidence=round(self.evidence.probability(measures), 4),
            evidence=measures,
        )

    # ------------------------------------------------------------------ scoring

    def _candidates(self, hits: list[SearchHit]) -> list[Candidate]:
        return [
            Candidate(hit_rank=rank, index=p.index, text=p.text)
            for rank, hit in enumerate(hits)
            for p in passages(hit.content, hit.heading_path, self.config.max_list_items)
        ]

    def _with_context(self, sentences: list[str], i: int) -> str:
        return with_context(sentences, i, self.config.max_list_items)

    def _score(self, request: AnswerRequest, hits: list[SearchHit], cands: list[Candidate]) -> None:
        cfg = self.config
        own = guard.own_name_stems(request.ctx.name, request.ctx.structured.name)
        # Only the question's specific words count: "where is the lodge" asks for an address,
        # and a sentence that merely repeats "lodge" is no answer.
        q_terms = guard.focus_terms(content_terms(request.query), own)
        phrases = synonyms.in_phrases(request.query)
        texts = [embed_text(hits[c.hit_rank].heading_path, c.text) for c in cands]
        dense = self.similarity.scores(request.query, texts)
        kind = request.intent.kind
        patterns = INTENT_PATTERNS.get(kind, [])
        top_score = max(h.score for h in hits) or 1.0
        asked = _WHAT_NOUN.match(request.query)
        noun = asked.group(1).lower() if asked else ""
        noun = stem(noun) if noun and noun not in STOP_WORDS else ""
        for c, d in zip(cands, dense, strict=True):
            hit = hits[c.hit_rank]
            stems = stem_set(c.text)
            heading = stem_set(" ".join([hit.title, *hit.heading_path]))
            if q_terms:
                matched = sum(
                    1.0
                    if stem_in(t, stems) or synonyms.matches_in(t, stems, phrases)
                    else 0.5
                    if stem_in(t, heading) or synonyms.matches_in(t, heading, phrases)
                    else 0.0
                    for t in q_terms
                )
                c.lexical = matched / len(q_terms)
            c.dense = float(d)
            bonus = cfg.pattern_bonus if any(p.search(c.text) for p in patterns) else 0.0
            if (
                request.intent.kind == "other"
                and _YEAR.search(c.text)
                and "when" in request.query.lower()
            ):
                bonus = cfg.pattern_bonus
            if noun and kind == "other" and _defines(c.text, noun):
                bonus += cfg.pattern_bonus  # "What denomination?" ~ "The X is a denomination"
            if hit.kind == "fact" and any(
                w in " ".join(hit.heading_path).lower() for w in FACT_HEADINGS.get(kind, ())
            ):
                bonus += cfg.fact_bonus  # the site's own labelled fact ("Address: ...")
                c.labelled_fact = True
            if _is_menu(c.text) and c.lexical < 0.5:
                c.lexical *= 0.5
                bonus -= cfg.pattern_bonus  # a navigation bar that merely contains a word
            prior = cfg.rank_weight * (hit.score / top_score)
            c.score = cfg.dense_weight * c.dense + cfg.lexical_weight * c.lexical + bonus + prior

    def _select(self, request: AnswerRequest, ranked: list[Candidate]) -> list[Candidate]:
        """The best sentence, then runners-up that are nearly as good and say something new
        (the best stays first: the complements may drop a runner-up, never it)."""
        personality = request.ctx.config.personality
        limit = personality.max_sentences  # the word budget keeps "concise" short
        best = ranked[0]
        chosen = [best]
        for c in ranked[1:]:
            if len(chosen) >= limit:
                break
            follows = c.hit_rank == best.hit_rank and abs(c.index - best.index) == 1
            share = self.config.neighbour if follows else self.config.runner_up
            if c.score < best.score * share:
                continue
            if any(overlaps(c.text, o.text) for o in chosen):
                continue
            chosen.append(c)
        return chosen


def _defines(text: str, noun: str) -> bool:
    """``text`` says what something is in terms of the asked noun ("The X is a denomination
    of churches" for "what denomination ...")."""
    return any(noun in {stem(w) for w in m.group(1).split()} for m in _IS_A.finditer(text))


def _is_menu(text: str) -> bool:
    """A navigation bar or link list flattened into a line: mostly capitalised words, no
    sentence in it. Never an answer."""
    tokens = text.split()
    if len(tokens) < 8 or (text.rstrip().endswith((".", "!", "?")) and len(tokens) < 25):
        return False
    caps = sum(1 for t in tokens if t[:1].isupper())
    return caps / len(tokens) > 0.6


@register("extractive")
def _factory(settings: Settings, similarity: Similarity | None) -> ExtractiveAnswerer:
    if similarity is None:
        from acorn.errors import ConfigurationError

        raise ConfigurationError(
            "The extractive answerer needs an embedder",
            hint="Check ACORN_EMBEDDER; the default 'use' works offline",
        )
    return ExtractiveAnswerer(similarity)
