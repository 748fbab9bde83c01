"""Answers read from the crawl's records: who someone is (``PersonOut``), what a labelled
policy says (``PolicyOut``) and what the site notes beside its hours (``HoursNoteOut``).

Each answer quotes the site's own words (the role as printed, the policy text as written) and
cites the page they are on. When the question does not clearly point at one record ("Who do I
talk to?", a role no one has) these return None and retrieval answers instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from acorn.answer.referents import PLACE
from acorn.answer.rolewords import ASKS_LEADER, leader_rank
from acorn.answer.similarity import Similarity
from acorn.answer.synonyms import matches
from acorn.answer.text import content_terms, stem_set
from acorn.extract.labelwords import LABEL_WORDS
from acorn.extract.pagewords import fold
from acorn.sitedata import PersonOut, PolicyOut, StructuredData
from acorn.values.person import name_words

MAX_PEOPLE = 3
# words a "who" question uses about staff in general, not a role
_PEOPLE_WORDS = {"name", "staff", "team", "member", "work", "person", "peopl", "employe", "here"}
# question words (stems) for each policy kind, beside the label words of ``labelwords``
_ASKS_POLICY: dict[str, frozenset[str]] = {
    "cancellation": frozenset({"cancel", "refund", "reschedul", "notic"}),
    "payment": frozenset({"pay", "card", "cash", "contactless", "chequ", "check", "visa",
                          "mastercard", "amex", "instal", "install"}),
    "booking": frozenset({"book", "appoint", "reserv"}),
    "parking": frozenset({"park", "car"}),
    "accessibility": frozenset({"wheelchair", "access", "disabl", "step", "stair", "lift",
                                "ramp"}),
}  # fmt: skip
OTHER = "a service, class, product or activity the business offers"


@dataclass(slots=True)
class Found:
    text: str
    url: str
    evidence: str


def _role_phrase(role: str) -> str:
    """ "Owner and lead physiotherapist" → "owner and lead physiotherapist"; a role in title
    case ("Head Gardener") or starting with an acronym is left as printed."""
    words = role.split()
    if len(words) > 1 and any(w[:1].isupper() for w in words[1:]):
        return role
    if len(words[0]) > 1 and words[0][1:2].isupper():
        return role
    return role[:1].lower() + role[1:]


def _say(people: list[PersonOut]) -> Found:
    text = "; ".join(f"{p.name} is our {_role_phrase(p.role.rstrip('.'))}" for p in people) + "."
    evidence = "; ".join(
        f"{p.name}{f' ({p.qualifications})' if p.qualifications else ''}: {p.role}" for p in people
    )
    return Found(text, people[0].source_url, evidence)


def _named(people: list[PersonOut], query: str) -> list[PersonOut]:
    """People the question names ("Who is Anna?", "What does Dr Smith do?")."""
    asked = {fold(w).lower() for w in re.findall(r"\w+", query)}
    scored = []
    for person in people:
        hits = sum(1 for w in name_words(person.name) if len(w) >= 3 and fold(w).lower() in asked)
        if hits:
            scored.append((hits, person))
    best = max((h for h, _ in scored), default=0)
    return [p for h, p in scored if h == best]


def _the_business(word: str, similarity: Similarity | None) -> bool:
    """ "clinic" in "who runs the clinic" is the business itself, not one thing it offers."""
    if similarity is None:
        return False
    place, other = similarity.scores(word, [PLACE, OTHER])
    return float(place) > float(other)


def people_answer(
    sd: StructuredData, query: str, own: set[str], similarity: Similarity | None
) -> Found | None:
    people = [p for p in sd.people if p.role]
    if not people:
        return None
    named = _named(people, query)
    if named:
        return _say(named[:MAX_PEOPLE]) if len(named) <= MAX_PEOPLE else None
    asked = [t for t in content_terms(query) if t not in own and t not in _PEOPLE_WORDS]
    if not asked:
        return None
    # a role the visitor names: every word of the question is in the printed role
    exact = [p for p in people if set(asked) <= stem_set(p.role)]
    if exact:
        return _say(exact[:MAX_PEOPLE])
    leaders = _leaders(people, asked, similarity)
    if leaders:
        return _say(leaders)
    near = [p for p in people if all(_in_role(t, stem_set(p.role)) for t in asked)]
    return _say(near) if 0 < len(near) <= MAX_PEOPLE else None


def _in_role(term: str, roles: set[str]) -> bool:
    return term in roles or matches(term, roles)


def _leaders(
    people: list[PersonOut], asked: list[str], similarity: Similarity | None
) -> list[PersonOut]:
    """ "Who runs / owns the place": the people whose role says so, best rank first."""
    if not set(asked) & ASKS_LEADER:
        return []
    rest = [t for t in asked if t not in ASKS_LEADER]
    if any(not _the_business(t, similarity) for t in rest):
        return []  # "who runs the yoga classes" asks about one activity, not the place
    ranked = [(r, p) for p in people if (r := leader_rank(p.role)) is not None]
    if not ranked:
        return []
    top = min(r for r, _ in ranked)
    return [p for r, p in ranked if r == top][:MAX_PEOPLE]


def policy_kind(query: str) -> str | None:
    """The kind of labelled policy a question asks about, in ``LABEL_WORDS`` order."""
    stems = set(content_terms(query))
    folded = fold(query).lower()
    for kind, words in LABEL_WORDS.items():
        if stems & _ASKS_POLICY.get(kind, frozenset()):
            return kind
        if any(re.search(rf"(?<!\w){re.escape(w)}", folded) for w in words):
            return kind
    return None


def policy_answer(sd: StructuredData, query: str) -> Found | None:
    kind = policy_kind(query)
    found: list[PolicyOut] = [p for p in sd.policies if p.kind == kind]
    if kind is None or not found:
        return None
    policy = found[0]
    text = policy.text if policy.text[:1].isupper() else f"{policy.label}: {policy.text}"
    return Found(text, policy.source_url, f"{policy.label}: {policy.text}")


def hours_note_answer(sd: StructuredData, residual: list[str]) -> Found | None:
    """A note beside the hours holding every word the hours table could not answer ("bank
    holiday" → "Closed on bank holidays.")."""
    if not residual:
        return None
    for note in sd.hours_notes:
        stems = stem_set(note.text)
        if all(t in stems or matches(t, stems) for t in residual):
            return Found(note.text, note.source_url, note.text)
    return None
