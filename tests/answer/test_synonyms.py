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
    assert ("lord", "supper") in alternatives(stem("communion"))
    assert matches(stem("communion"), stem_set("We celebrate the Lord's Supper monthly."))
    assert not matches(stem("communion"), stem_set("Supper is served at seven."))


def test_hyphenated_word_has_synonyms() -> None:
    assert matches(stem("checkup"), stem_set("Routine examination: £30"))


def test_guard_counts_a_synonym_as_the_visitors_word() -> None:
    pairs = guard.focus_words("Do you offer payment in instalments?", set())
    covered = guard.soft_coverage(
        pairs, "We offer payment plans through our finance partner.", None
    )
    missing = guard.soft_coverage(pairs, "We accept cards and cash.", None)
    assert covered > missing


def test_a_trade_matches_its_adjective() -> None:
    assert matches(stem("dentist"), stem_set("Founded as Riverside Dental Care in 1990."))
    assert matches(stem("vet"), stem_set("Our veterinary surgeons see pets daily."))


def test_in_charge_means_principal_only_inside_the_phrase() -> None:
    principal = stem_set("The practice was set up by its Principal, Dr Jane Roe.")
    asked = in_phrases("Who is the dentist in charge?")
    assert matches_in(stem("charge"), principal, asked)
    # "charge" alone is a price: no phrase, no "principal".
    assert not matches_in(stem("charge"), principal, in_phrases("Is there a charge for parking?"))
