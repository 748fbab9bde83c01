"""Whose detail is asked for: a person's, or the business's named by the kind of place it is."""

import pytest

from acorn.answer.referents import names_a_person


@pytest.mark.parametrize("word", ["clinic", "salon", "restaurant", "shop", "office", "cafe"])
def test_places_are_the_business(word, similarity) -> None:
    assert not names_a_person(word, similarity)


@pytest.mark.parametrize("word", ["manager", "owner", "teacher", "stylist", "chef", "Maria"])
def test_people_are_people(word, similarity) -> None:
    assert names_a_person(word, similarity)


def test_without_an_embedder_a_possessor_is_a_person() -> None:
    assert names_a_person("clinic", None)
    assert not names_a_person("", None)
