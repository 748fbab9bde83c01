"""How the extractive answerer keeps a sentence's context: a heading speaks with what is under it,
and a team member's name heading counts as a person."""

from __future__ import annotations

from acorn.answer.answerers.complements import _PERSON
from acorn.answer.answerers.extractive import ExtractiveAnswerer
from acorn.answer.similarity import Similarity


class _NoEmbedder:
    def embed(self, texts: list[str]) -> list[list[float]]:
        return [[1.0] for _ in texts]


def test_heading_over_a_greeting_takes_the_sentence_after_it() -> None:
    answerer = ExtractiveAnswerer(Similarity(_NoEmbedder()))
    sentences = ["Sam, our manager", "Hi.", "My name is Sam.", "I look after bookings."]
    assert answerer._with_context(sentences, 0) == "Sam, our manager: Hi. My name is Sam."


def test_person_heading_is_a_name_not_a_section() -> None:
    assert _PERSON.match("Jane Doe")
    assert _PERSON.match("Dr Alan Smith")
    assert not _PERSON.match("Opening hours")
    assert not _PERSON.match("Prices 2024")
