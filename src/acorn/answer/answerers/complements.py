"""What the best sentence needs beside it before it is spoken.

A best sentence alone can mislead or leave the listener asking: "I help keep the place clean"
needs who "I" is, "we can provide emergency treatment" points at the page that says how, a
price-list row may disagree with a sentence on the same item, "the OPC" needs what it stands for,
and a "coming soon" notice is the real answer to "can I ...?". Each rule adds one retrieved
sentence, so the answer still only repeats the site; "what kinds of X" gets the kinds listed.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from acorn.answer import guard
from acorn.answer.answerers.base import AnswerRequest
from acorn.answer.passages import is_heading
from acorn.answer.text import (
    STOP_WORDS,
    clean_sentence,
    split_sentences,
    stem,
    stem_in,
    stem_set,
    words,
)
from acorn.index.types import SearchHit
from acorn.values.money import find_money

if TYPE_CHECKING:
    from acorn.answer.answerers.extractive import Candidate

# A heading that is a person's name: two or three capitalised words, no digits.
_PERSON = re.compile(
    r"^(?:Dr\.? |Mr\.? |Mrs\.? |Ms\.? |Rev\.? )?[A-Z][a-z]+(?: [A-Z][a-z'-]+){1,2}$"
)
# "What kinds of rooms do you have?": the answer is the list of them, not one sentence.
_KINDS = re.compile(
    r"\b(?:what|which)\s+(?:kinds?|types?|sorts?|varieties|range|choice)\s+of\s+([a-z][a-z'-]+)",
    re.I,
)
# A page saying something is not available yet: a visitor asking "can I ..." must hear it.
_NOT_YET = re.compile(
    r"\b(?:coming soon|not yet|being (?:set up|built|updated|prepared)|under construction"
    r"|currently unavailable|temporarily (?:closed|unavailable|suspended)"
    r"|no longer (?:available|offered|running|taking))\b",
    re.I,
)
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_DIGIT = re.compile(r"\d")


def add_complements(
    request: AnswerRequest,
    hits: list[SearchHit],
    ranked: list[Candidate],
    chosen: list[Candidate],
    asked: re.Pattern[str] | None,
) -> None:
    """Add to ``chosen`` (best sentence first, then runners-up) what the best sentence needs
    to be understood and not mislead. ``asked`` is the pattern of the fact the visitor asked
    for (a name for "who", a price for "how much"), when the question asks for one."""
    limit = request.ctx.config.personality.max_sentences
    kind = request.intent.kind
    best = chosen[0]
    if kind == "people" and asked is not None:
        _add_person(hits, ranked, chosen, asked)
    pointed = _pointed_to(request, hits, ranked, best)
    if (
        pointed is not None
        and pointed.lexical > 0
        and len(chosen) < limit
        and not any(overlaps(pointed.text, o.text) for o in chosen)
    ):
        # "If you're in pain we can provide emergency treatment" on an overview page: the
        # page titled "Emergency treatment" says how, so say its best sentence too — when
        # that sentence is about the question too ("contact us" points to an address).
        chosen.append(pointed)
    if kind == "price" and asked is not None:
        other = _other_price(best, ranked, asked)
        if other is not None and other not in chosen:
            _add(chosen, other, limit)  # two prices for one thing: say both
    if not any(_NOT_YET.search(c.text) for c in chosen):
        # "Can I listen to past sermons?" on a page that says the archive is not set up
        # yet: that caveat is the answer, whatever else the page says about sermons.
        caveat = next(
            (
                c
                for c in ranked
                if c.hit_rank == best.hit_rank and c.lexical > 0 and _NOT_YET.search(c.text)
            ),
            None,
        )
        if caveat is not None:
            _add(chosen, caveat, limit)
    defined = _acronym_defined(best, ranked)
    if defined is not None and defined not in chosen:
        chosen.append(defined)


def kinds_answer(
    query: str, hits: list[SearchHit], best: Candidate, max_items: int
) -> Candidate | None:
    """For "what kinds of rooms do you have?": the best sentence followed by the names the
    site gives the kinds — its short heading or list lines naming a room ("Garden room",
    "Family room") — or None when the question is no such question or the site names
    fewer than two."""
    asked = _KINDS.search(query)
    if asked is None:
        return None
    noun = stem(asked.group(1).lower())
    for rank, hit in enumerate(hits[:3]):
        names: dict[str, str] = {}
        for line in split_sentences(hit.content):
            name = clean_sentence(line).strip(" .;:,")
            if (
                is_heading(name)
                and len(name.split()) >= 2
                and stem_in(noun, stem_set(name))
                and not guard.is_instruction(name)
            ):
                names.setdefault(name.lower(), name)
        if len(names) < 2:
            continue
        items = ", ".join(list(names.values())[:max_items])
        if rank == best.hit_rank and stem_in(noun, stem_set(best.text)):
            text = f"{best.text.rstrip(' .:')}: {items}."
        else:
            text = f"{items}."
        return dataclasses.replace(best, hit_rank=rank, text=text, labelled_fact=False)
    return None


def overlaps(a: str, b: str) -> bool:
    """Two sentences share most of their words, so saying both repeats one."""
    sa, sb = stem_set(a), stem_set(b)
    if not sa or not sb:
        return False
    return len(sa & sb) / min(len(sa), len(sb)) > 0.5


def _add_person(
    hits: list[SearchHit], ranked: list[Candidate], chosen: list[Candidate], name: re.Pattern[str]
) -> None:
    """A sentence about a person needs that person's name."""
    best = chosen[0]
    if not name.search(best.text):
        # "I help keep the place clean": who is "I"? The name is usually just before.
        for c in ranked:
            if (
                c.hit_rank == best.hit_rank
                and 0 < best.index - c.index <= 2
                and name.search(c.text)
                and c not in chosen
            ):
                chosen.append(c)
                break
    # A team page puts the name in a heading ("Kathryn Birnie") over the role and bio:
    # the sentence about the role needs the name it sits under.
    hit = hits[best.hit_rank]
    person = hit.heading_path[-1] if hit.heading_path else ""
    if (
        _PERSON.match(person)
        and person.split()[0].lower() not in STOP_WORDS
        and not any(person in c.text for c in chosen)
    ):
        best.text = f"{person}: {best.text}"


def _pointed_to(
    request: AnswerRequest, hits: list[SearchHit], ranked: list[Candidate], best: Candidate
) -> Candidate | None:
    """The best sentence of the retrieved page whose title the best sentence names, when
    that is another page (not the home page, not the business's own name)."""
    said = f" {' '.join(words(best.text))} "
    own = {" ".join(words(n)) for n in (request.ctx.name, request.ctx.structured.name) if n}
    for rank, hit in enumerate(hits):
        title = " ".join(words(hit.title))
        if (
            rank == best.hit_rank
            or hit.url == hits[best.hit_rank].url
            or urlsplit(hit.url).path in ("", "/")
            or len(title.split()) < 2
            or any(title in n or n in title for n in own)
            or f" {title} " not in said
        ):
            continue
        return next((c for c in ranked if c.hit_rank == rank), None)
    return None


def _other_price(
    best: Candidate, ranked: list[Candidate], money: re.Pattern[str]
) -> Candidate | None:
    """A different price the site gives for the item the best price-list row names
    ("Emergency examination: £120 per hour" and "A fifteen minute emergency examination costs
    £30"): one of them alone would mislead."""
    label = re.split(r"[:|]", best.text, maxsplit=1)
    if len(label) < 2 or not money.search(label[1]):
        return None
    head = " ".join(words(label[0])[:2])
    if len(head.split()) < 2:
        return None
    prices = _amounts(best.text)

    def row_of_another_item(c: Candidate) -> bool:  # "Celebration cake delivery: £10"
        other = re.split(r"[:|]", c.text, maxsplit=1)
        return (
            len(other) == 2
            and bool(money.search(other[1]))
            and other[0].strip().lower() != label[0].strip().lower()
        )

    return next(
        (
            c
            for c in ranked
            if c is not best
            and not row_of_another_item(c)
            and f" {head} " in f" {' '.join(words(c.text))} "
            and _amounts(c.text) - prices
            and not _amounts(c.text) & prices
        ),
        None,
    )


def _amounts(text: str) -> set[str]:
    """The sums of money a sentence states, spacing removed, to tell two prices apart."""
    return {m.key for m in find_money(text)}


def _acronym_defined(best: Candidate, ranked: list[Candidate]) -> Candidate | None:
    """What the best sentence's first acronym stands for ("The OPC is a denomination"): the
    sentence just before it usually spells it out ("... Presbyterian Church (OPC)")."""
    acronym = next(iter(_ACRONYM.findall(best.text)), None)
    if acronym is None:
        return None
    return next(
        (
            c
            for c in ranked
            if c.hit_rank == best.hit_rank
            and c.index == best.index - 1
            and f"({acronym})" in c.text
        ),
        None,
    )


def _add(chosen: list[Candidate], extra: Candidate, limit: int) -> None:
    """Add ``extra`` to the answer, making room by dropping the weakest runner-up (never the
    best sentence, which is first)."""
    if len(chosen) >= limit and len(chosen) > 1:
        chosen.remove(min(chosen[1:], key=lambda c: c.score))
    chosen.append(extra)
