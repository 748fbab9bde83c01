"""The per-agent pocketsphinx language model: what visitors are likely to say to *this* site.

A generic English model spreads its probability over 70,000 words; a visitor to a bakery says
"sourdough", its staff's names and its street. So at the end of indexing we train a small
trigram model on two corpora, both in spoken form (:mod:`acorn.voice.words`):

* the site's own text (its chunks) and the entities of its profile: services and products,
  staff names, street and town;
* receptionist questions (:data:`TEMPLATES`, site-independent) with their slots filled from
  those entities ("how much does {service} cost").

Its unigrams are then interpolated with the generic model's (the ``GENERIC_WORDS`` most likely
words, weight ``1 - SITE_WEIGHT``) and the back-off weights recomputed, so a word the site never
wrote still decodes, only less readily. Words the pronouncing dictionary lacks are left out: the
pocketsphinx wheel ships no grapheme-to-phoneme converter, so a word without a pronunciation
cannot be recognised at all; a sentence is split at such a word rather than bridged, so no
false bigram is learned across the gap.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice
from typing import Any

from pocketsphinx import Config, LogMath, NGramModel, get_model_path
from pocketsphinx.lm import ArpaBoLM

from acorn.voice.words import spoken_words

SITE_WEIGHT = 0.7  # the site model's share of unigram mass; the generic model has the rest
GENERIC_WORDS = 20_000  # the generic model's most likely words kept as the fallback vocabulary
MAX_ENTITIES = 300  # per slot kind, so a huge catalogue does not drown the question patterns
MAX_SENTENCES = 20_000

# What visitors ask a receptionist, for any business. {thing}: a service or product;
# {person}: a staff member; {place}: the street or town.
TEMPLATES = (
    "what are your opening hours",
    "what time do you open",
    "what time do you close today",
    "are you open on saturday",
    "are you open on sunday",
    "are you open today",
    "when are you open",
    "where are you",
    "where are you located",
    "what is your address",
    "how do i get to you",
    "do you have parking",
    "is there parking nearby",
    "what is your phone number",
    "what is your email address",
    "how can i contact you",
    "can i book an appointment",
    "how do i book",
    "can i make a booking",
    "do i need to book",
    "what are your prices",
    "how much does it cost",
    "do you take card payments",
    "what payment methods do you accept",
    "is there wheelchair access",
    "do you deliver",
    "what services do you offer",
    "what do you sell",
    "can i cancel my appointment",
    "what is your cancellation policy",
    "who are you",
    "tell me about your team",
    "how much does {thing} cost",
    "how much does a {thing} cost",
    "how much does the {thing} cost",
    "how much is {thing}",
    "how much is a {thing}",
    "what is the price of {thing}",
    "do you have {thing}",
    "do you have a {thing}",
    "do you offer {thing}",
    "do you do {thing}",
    "can i book {thing}",
    "tell me about {thing}",
    "what is {thing}",
    "who is {person}",
    "is {person} available",
    "can i book with {person}",
    "what does {person} do",
    "are you on {place}",
    "where on {place} are you",
    "is there parking on {place}",
)


def _names(profile: dict[str, Any]) -> dict[str, list[str]]:
    data = profile.get("structured_data") or {}
    things = [s.get("name") or "" for s in data.get("services") or []]
    people = [p.get("name") or "" for p in data.get("people") or []]
    places: list[str] = []
    for addr in [data.get("address") or {}, *(data.get("addresses") or [])]:
        places += [addr.get("street") or "", addr.get("locality") or ""]
    places = [re.sub(r"^\d+\w?\s+", "", p) for p in places]  # "34 High Street" -> the street
    return {"thing": things, "person": people, "place": places}


def corpus(profile: dict[str, Any], texts: Iterable[str], headings: Iterable[str]) -> list[str]:
    """The training sentences, in spoken form: the site's text, its headings, and the question
    patterns with every slot filled from the site's entities."""
    slots = _names(profile)
    slots["thing"] += list(headings)
    filled: dict[str, list[str]] = {}
    for kind, values in slots.items():
        uniq = dict.fromkeys(" ".join(spoken_words(v)) for v in values)
        filled[kind] = [v for v in uniq if v][:MAX_ENTITIES]
    sentences: list[str] = []
    for template in TEMPLATES:
        slot = next((k for k in filled if "{" + k + "}" in template), None)
        if slot is None:
            sentences.append(template)
        else:
            sentences += [template.replace("{" + slot + "}", v) for v in filled[slot]]
    if profile.get("name"):
        sentences.append(" ".join(spoken_words(profile["name"])))
    for text in texts:
        for line in re.split(r"[.!?;:\n]+", text):
            words = spoken_words(line)
            if words:
                sentences.append(" ".join(words))
    return sentences[:MAX_SENTENCES]


@lru_cache(maxsize=1)
def pronunciations() -> dict[str, list[str]]:
    """cmudict as shipped with pocketsphinx: word -> its dictionary lines (variants included)."""
    lines: dict[str, list[str]] = {}
    with open(os.path.join(get_model_path(), "en-us", "cmudict-en-us.dict"), encoding="utf-8") as f:
        for line in f:
            word = line.split(maxsplit=1)[0]
            lines.setdefault(re.sub(r"\(\d+\)$", "", word), []).append(line.rstrip("\n"))
    return lines


@lru_cache(maxsize=1)
def generic_unigrams() -> dict[str, float]:
    """The generic model's ``GENERIC_WORDS`` most likely words with their probabilities
    (normalised to sum to one), asked of the shipped binary model word by word (dictionary
    words it does not know come back at the floor score and are left out). Writing the model
    out as ARPA would be simpler, but ``NGramModel.write`` crashes on this model in 5.1.1."""
    path = os.path.join(get_model_path(), "en-us", "en-us.lm.bin")
    config, logmath = Config(), LogMath()  # the model points into both: keep them referenced
    lm = NGramModel(config, logmath, path)
    scores = {w: lm.prob([w]) for w in pronunciations()}
    floor = min(scores.values())
    top = sorted(((s, w) for w, s in scores.items() if s > floor), reverse=True)[:GENERIC_WORDS]
    probs = {w: logmath.exp(s) for s, w in top}
    total = sum(probs.values())
    return {w: p / total for w, p in probs.items()}


def _fragments(sentence: str, known: dict[str, list[str]]) -> Iterable[str]:
    """The runs of in-dictionary words of ``sentence`` (split at unknown words)."""
    run: list[str] = []
    for word in sentence.split():
        if word in known:
            run.append(word)
        elif run:
            yield " ".join(run)
            run = []
    if run:
        yield " ".join(run)


def build_arpa(sentences: Iterable[str]) -> str:
    """A trigram ARPA model of ``sentences`` interpolated with the generic unigrams."""
    known = pronunciations()
    text = "\n".join(f for s in sentences for f in _fragments(s, known))
    lm = ArpaBoLM(text=text, add_start=True)
    if not lm.grams_1:
        lm = ArpaBoLM(text="hello", add_start=True)  # a site without usable words: generic only
    lm.compute()
    generic = generic_unigrams()
    mass = lm.deflator  # ArpaBoLM's unigrams sum to this; keep the total
    site = {w: p / mass for w, p in lm.prob_1.items()}
    for word in set(site) | set(generic):
        p = SITE_WEIGHT * site.get(word, 0.0) + (1 - SITE_WEIGHT) * generic.get(word, 0.0)
        lm.prob_1[word] = p * mass
    for w1 in lm.prob_1:  # back-off weights for the new unigram distribution (as compute() does)
        seen = sum(lm.prob_1[w2] for w2 in lm.grams_2[w1]) if w1 in lm.grams_2 else 0.0
        lm.alpha_1[w1] = lm.discount_mass / (1.0 - seen)
    lm.count_1 = len(lm.prob_1)
    out = io.StringIO()
    lm.write(out)
    return out.getvalue()


def vocabulary(arpa: str) -> list[str]:
    """The words of an ARPA model's unigram section (what its dictionary must cover)."""
    lines = iter(arpa.splitlines())
    for line in lines:
        if line.startswith("\\1-grams:"):
            break
    words = []
    for line in islice(lines, None):
        if line.startswith("\\"):
            break
        parts = line.split()
        if len(parts) >= 2:
            words.append(parts[1])
    return words


def dictionary(words: Iterable[str]) -> str:
    """The pronouncing-dictionary lines for ``words`` (a small dictionary loads in
    milliseconds; the full one takes a second per decoder)."""
    known = pronunciations()
    return "\n".join(line for w in words for line in known.get(w, ())) + "\n"
