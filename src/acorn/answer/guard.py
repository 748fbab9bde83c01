"""When to say "I don't have that information", and keeping scraped text in its place.

Two jobs:

* **Measure the evidence.** An answer must rest on a sentence that is about the question
  (embedding similarity) *and* mentions what the question is specifically about (the rare words
  of the question, e.g. "parking", "whitening"). A page that is merely on-topic — a price list
  when asked about a service it does not list — is not evidence. This module measures the
  second part (``soft_coverage``); ``acorn.answer.evidence`` weighs the measures with weights
  calibrated on data and decides.
* **Scraped text is data, never instructions.** Sentences that try to instruct the assistant
  ("ignore previous instructions", "you are now…", "system prompt") are dropped from the
  evidence, and the LLM answerer fences sources off as quoted material.
"""

from __future__ import annotations

import math
import re

from acorn.answer import synonyms
from acorn.answer.similarity import Similarity
from acorn.answer.text import (
    GENERIC_WORDS,
    PRICE_WORDS,
    STOP_WORDS,
    stem,
    stem_in,
    stem_set,
    words,
)

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
        *PRICE_WORDS,
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


def own_name_stems(*names: str | None) -> set[str]:
    """Stems naming the business itself, including the tail of a compound ("Ecolodge" names a
    "lodge", "Guesthouse" a "house"): a question about "the lodge" is not about a new thing."""
    out: set[str] = set()
    for name in names:
        for w in words(name or ""):
            out.add(stem(w))
            for k in range(2, len(w) - 3):
                out.add(stem(w[k:]))
    return out


def focus_terms(query_terms: list[str], own_name: set[str]) -> list[str]:
    """The question's specific words: content stems minus intent words and the business name."""
    return [t for t in query_terms if t not in INTENT_WORDS and t not in own_name]


def coverage(terms: list[str], evidence_stems: set[str]) -> float:
    if not terms:
        return 1.0
    return sum(1 for t in terms if t in evidence_stems) / len(terms)


def focus_words(query: str, own_name: set[str]) -> list[tuple[str, set[str]]]:
    """The question's specific words as (word, stems that count as it): a hyphenated word is
    one word matched by its joined form or its parts ("check-up" ~ "checkup", "check up")."""
    out: dict[str, tuple[str, set[str]]] = {}
    for w in words(query):
        w = w.removesuffix("'s").removesuffix("'")
        if w in STOP_WORDS or w in GENERIC_WORDS or len(w) < 2:
            continue
        alts = {stem(w), stem(w.replace("-", ""))}
        if "-" in w:
            alts |= {stem(p) for p in w.split("-") if p and p not in STOP_WORDS}
        main = stem(w.replace("-", ""))
        if main in INTENT_WORDS or main in own_name or alts & own_name:
            continue
        out.setdefault(main, (w, alts))
    return list(out.values())


def soft_coverage(
    pairs: list[tuple[str, set[str]]],
    evidence_text: str,
    similarity: Similarity | None,
    context: list[set[str]] | None = None,
    threshold: float = 0.7,
) -> float:
    """Weighted share of the question's specific words found in the evidence, by stem or,
    failing that, by a word of close meaning ("founded" ~ "established").

    Words are weighted by rarity across ``context`` (the stems of each retrieved chunk): on a
    church's site "Sunday" is everywhere and says little, while "school", found nowhere, is
    what the question is really about."""
    if not pairs:
        return 1.0
    ev_words = {
        w for w in words(evidence_text) if w not in STOP_WORDS and len(w) > 2 and w.isalpha()
    }
    ev_stems = {stem(w) for w in ev_words} | stem_set(evidence_text)
    n = len(context or [])
    total = found = 0.0
    pool: list[str] = sorted(ev_words)
    matrix = similarity.vectors(pool) if (similarity is not None and pool) else None
    if matrix is not None and similarity is not None:  # the question's words in one call
        similarity.vectors([word.replace("-", " ") for word, _ in pairs])
    for word, alts in pairs:
        df = sum(1 for c in context or [] if alts & c)
        weight = math.log(1 + (n + 1) / (1 + df)) if n else 1.0
        total += weight
        if any(stem_in(a, ev_stems) for a in alts) or any(
            synonyms.matches(a, ev_stems) for a in alts
        ):
            found += weight
        elif matrix is not None and similarity is not None:
            vec = similarity.vectors([word.replace("-", " ")])[0]
            if float((matrix @ vec).max()) >= threshold:
                found += weight
    return found / total if total else 1.0
