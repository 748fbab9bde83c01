"""Receptionist vocabulary: the different words visitors and websites use for the same thing.

A visitor asks about "instalments" and the page says "payment plans"; they ask for "the boss"
and the page says "owner". Neither BM25 nor a stem match can bridge that. This is a short table
of the words of *any* front desk (booking, paying, getting there, who is in charge), never of a
trade: a trade's own vocabulary ("MOT" ~ "annual vehicle test") is left to the embedder's word
similarity (``guard.soft_coverage``), which knows every trade and language. It widens the
lexical query and lets the answer guard count a synonym as the word the visitor used. A synonym only ever *finds* a sentence: the answer still
quotes the site, so it cannot add a fact.
"""

from __future__ import annotations

from functools import cache

from acorn.answer.text import STOP_WORDS, stem, words

# Each group: words or short phrases that a visitor and a website use interchangeably.
GROUPS: tuple[tuple[str, ...], ...] = (
    (
        "instalment",
        "instalments",
        "installment",
        "installments",
        "payment plan",
        "finance",
        "financing",
        "spread the cost",
        "monthly payments",
        "pay monthly",
    ),
    ("appointment", "booking", "reservation", "consultation"),
    ("book", "reserve", "schedule"),
    ("cancel", "cancellation", "reschedule"),
    ("refund", "money back"),
    ("emergency", "urgent", "same-day", "same day"),
    ("today", "same day", "same-day"),
    ("evening", "pm", "p.m."),
    ("morning", "am", "a.m."),
    ("wifi", "wi-fi", "internet", "wireless"),
    ("parking", "car park"),
    ("directions", "how to get", "find us", "getting here"),
    ("wheelchair", "accessible", "accessibility", "disabled", "step-free"),
    ("toilet", "toilets", "restroom", "bathroom", "washroom"),
    ("kids", "children", "child"),
    ("pet", "pets", "dog", "dogs"),
    ("food", "meals", "cuisine", "dishes", "menu", "cooking"),
    ("trip", "tour", "excursion", "day trip"),
    ("class", "classes", "lesson", "lessons", "course", "workshop"),
    ("room", "rooms", "accommodation", "bedroom", "suite"),
    ("staff", "team", "employees"),
    ("owner", "owns", "manager", "manages", "director", "founder", "in charge"),
    ("delivery", "shipping"),
)


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in words(text) if w not in STOP_WORDS or len(words(text)) == 1)


@cache
def _table() -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for group in GROUPS:
        phrases = [p for p in (_phrase(m) for m in group) if p]
        for member in group:
            key = stem(member.replace("-", "")) if len(words(member)) == 1 else ""
            if not key:
                continue
            own = _phrase(member)
            alts = out.setdefault(key, [])
            for p in phrases:
                if p != own and p not in alts:
                    alts.append(p)
    return out


def alternatives(word_stem: str) -> list[tuple[str, ...]]:
    """Phrases (as stem tuples) that mean what the word with this stem means."""
    return _table().get(word_stem, [])


def matches(word_stem: str, stems: set[str]) -> bool:
    """Some synonym of the word is present in ``stems`` (every word of a phrase synonym)."""
    return any(all(s in stems for s in phrase) for phrase in alternatives(word_stem))


def in_phrases(query: str) -> dict[str, list[tuple[str, ...]]]:
    """For each multi-word synonym the visitor used ("in charge"), its content stems mapped to
    the group's other phrases. "charge" alone is a price; only inside "in charge" does it mean
    "principal" or "manager", so these alternatives hold for this one question."""
    lowered = f" {' '.join(words(query))} "
    out: dict[str, list[tuple[str, ...]]] = {}
    for group in GROUPS:
        for member in group:
            if " " not in member or f" {member} " not in lowered:
                continue
            own = _phrase(member)
            alts = [p for p in (_phrase(m) for m in group) if p and p != own]
            for s in own:
                out.setdefault(s, []).extend(a for a in alts if a not in out.get(s, []))
    return out


def matches_in(word_stem: str, stems: set[str], phrases: dict[str, list[tuple[str, ...]]]) -> bool:
    """``matches``, also counting the alternatives of a phrase the visitor used (``in_phrases``)."""
    return matches(word_stem, stems) or any(
        all(s in stems for s in phrase) for phrase in phrases.get(word_stem, [])
    )


def expand(query: str) -> str:
    """``query`` followed by the synonyms of its words, for a keyword search; unchanged when
    none of its words has any."""
    extra: list[str] = []
    seen = {stem(w) for w in words(query)}
    lowered = f" {' '.join(words(query))} "
    for w in words(query):
        for member_group in GROUPS:
            if not any(w == m or w.replace("-", "") == m.replace("-", "") for m in member_group):
                continue
            for m in member_group:
                if stem(m.replace("-", "")) not in seen and m not in extra:
                    extra.append(m)
    for member_group in GROUPS:  # phrases the visitor used ("in charge", "payment plan")
        if any(" " in m and f" {m} " in lowered for m in member_group):
            for m in member_group:
                if stem(m.replace("-", "")) not in seen and m not in extra:
                    extra.append(m)
    return f"{query} {' '.join(extra)}" if extra else query
