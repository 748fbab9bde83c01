"""Receptionist synonyms: a visitor's word finds the site's different word for the same thing."""

from __future__ import annotations

from acorn.answer import guard
from acorn.answer.synonyms import alternatives, expand, in_phrases, matches, matches_in
from acorn.answer.text import stem, stem_set


def test_expand_adds_the_other_words_for_the_same_thing() -> None:
    widened = expand("Can I pay in instalments?")
    assert widened.startswith("Can I pay in instalments?")
    assert "payment plan" in widened and "finance" in widened


def test_expand_leaves_a_query_without_synonyms_alone() -> None:
    assert expand("Where is the nearest station?") == "Where is the nearest station?"


def test_phrase_synonym_needs_all_its_words() -> None:
    assert ("payment", "plan") in alternatives(stem("instalments"))
    assert matches(stem("instalments"), stem_set("Ask about our payment plan."))
    assert not matches(stem("instalments"), stem_set("Payment is due on the day."))


def test_hyphenated_word_has_synonyms() -> None:
    assert matches(stem("wifi"), stem_set("Free internet in every room."))


def test_guard_counts_a_synonym_as_the_visitors_word() -> None:
    pairs = guard.focus_words("Do you offer payment in instalments?", set())
    covered = guard.soft_coverage(
        pairs, "We offer payment plans through our finance partner.", None
    )
    missing = guard.soft_coverage(pairs, "We accept cards and cash.", None)
    assert covered > missing


def test_no_trade_has_its_own_synonyms() -> None:
    """A trade's words are the embedder's to relate, not a hand-written table's."""
    assert alternatives(stem("dentist")) == []
    assert alternatives(stem("sermon")) == []


def test_in_charge_means_owner_only_inside_the_phrase() -> None:
    owner = stem_set("The studio was set up by its owner, Jane Roe.")
    asked = in_phrases("Who is in charge?")
    assert matches_in(stem("charge"), owner, asked)
    # "charge" alone is a price: no phrase, no "owner".
    assert not matches_in(stem("charge"), owner, in_phrases("Is there a charge for parking?"))
