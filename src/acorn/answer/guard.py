"""When to say "I don't have that information", and keeping scraped text in its place.

Two jobs:

* **Decline on weak evidence.** An answer must rest on a sentence that is about the question
  (embedding similarity) *and* mentions what the question is specifically about (the rare words
  of the question, e.g. "parking", "whitening"). A page that is merely on-topic — a price list
  when asked about a service it does not list — is not evidence.
* **Scraped text is data, never instructions.** Sentences that try to instruct the assistant
  ("ignore previous instructions", "you are now…", "system prompt") are dropped from the
  evidence, and the LLM answerer fences sources off as quoted material.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from acorn.answer.similarity import Similarity
from acorn.answer.text import GENERIC_WORDS, STOP_WORDS, stem, stem_set, words

_INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|prompts?|rules|guidelines|"
    r"directions|above|previous|prior)\b"
    r"|\b(system prompt|developer mode|jailbreak|you are now|act as (?:a|an)|pretend to be|"
    r"new instructions|as an ai(?: language model)?|assistant must|the assistant should|"
    r"respond (?:only )?with|reply (?:only )?with|always (?:answer|respond|reply|say))\b"
    r"|<\s*/?\s*(system|assistant|user)\s*>|\[/?INST\]",
    re.IGNORECASE,
)

# Words that say *what kind* of fact is asked for, not *which* thing: every hours answer need
# not repeat "hours", every price answer need not say "cost".
INTENT_WORDS = {
    stem(w)
    for w in [
        "open",
        "opening",
        "close",
        "closing",
        "closed",
        "hours",
        "hour",
        "time",
        "times",
        "when",
        "much",
        "price",
        "prices",
        "cost",
        "costs",
        "fee",
        "fees",
        "charge",
        "rate",
        "rates",
        "phone",
        "number",
        "call",
        "telephone",
        "email",
        "mail",
        "address",
        "located",
        "location",
        "where",
        "contact",
        "name",
        "names",
        "who",
        "whom",
        "offer",
        "offers",
        "provide",
        "serve",
        "served",
        "available",
        "have",
        "get",
        "do",
        "does",
        "include",
        "included",
        "includes",
        "allow",
        "allowed",
        "accept",
        "take",
        "there",
        "anything",
        "any",
        "our",
        "your",
        "can",
        "could",
    ]
}


def is_instruction(sentence: str) -> bool:
    """True for text that addresses the assistant rather than the visitor."""
    return bool(_INSTRUCTION.search(sentence))


@dataclass(slots=True)
class GuardConfig:
    min_dense: float = 0.35  # below this the best sentence is not about the question at all
    strong_dense: float = 0.62  # above this similarity alone is enough
    min_coverage: float = 0.6  # share of the question's specific words the evidence must hold
    min_score: float = 0.3
    # With most specific words present, a short sentence ("I help keep the place clean") may be
    # less similar as a whole; accept it down to this.
    floor_dense: float = 0.2


def focus_terms(query_terms: list[str], own_name: set[str]) -> list[str]:
    """The question's specific words: content stems minus intent words and the business name."""
    return [t for t in query_terms if t not in INTENT_WORDS and t not in own_name]


def coverage(terms: list[str], evidence_stems: set[str]) -> float:
    if not terms:
        return 1.0
    return sum(1 for t in terms if t in evidence_stems) / len(terms)


def focus_words(query: str, own_name: set[str]) -> list[tuple[str, str]]:
    """(word, stem) pairs of the question's specific words, for matching by meaning."""
    out: dict[str, str] = {}
    for w in words(query):
        w = w.removesuffix("'s").removesuffix("'")
        if w in STOP_WORDS or w in GENERIC_WORDS or len(w) < 2:
            continue
        st = stem(w)
        if st in INTENT_WORDS or st in own_name:
            continue
        out.setdefault(st, w)
    return [(w, st) for st, w in out.items()]


def soft_coverage(
    pairs: list[tuple[str, str]],
    evidence_text: str,
    similarity: Similarity | None,
    threshold: float = 0.6,
) -> float:
    """Share of the question's specific words found in the evidence, by stem or, failing
    that, by a word of close meaning ("founded" ~ "established", "scared" ~ "nervous")."""
    if not pairs:
        return 1.0
    ev_words = {
        w for w in words(evidence_text) if w not in STOP_WORDS and len(w) > 2 and w.isalpha()
    }
    ev_stems = {stem(w) for w in ev_words} | stem_set(evidence_text)
    missing = [w for w, st in pairs if st not in ev_stems]
    found = len(pairs) - len(missing)
    if missing and ev_words and similarity is not None:
        pool = sorted(ev_words)
        matrix = similarity.vectors(pool)
        for word in missing:
            if float((matrix @ similarity.vectors([word])[0]).max()) >= threshold:
                found += 1
    return found / len(pairs)


def enough_evidence(best_dense: float, cover: float, score: float, config: GuardConfig) -> bool:
    if score < config.min_score:
        return False
    if best_dense >= config.strong_dense:
        return cover > 0 or best_dense >= config.strong_dense + 0.1
    # Otherwise most specific words of the question must be in the evidence.
    return cover >= config.min_coverage and best_dense >= config.floor_dense
