"""A page titled for what the visitor asked about is preferred, by the visitor's word or a
synonym of it, unless the word is in several titles (the business's own name)."""

from __future__ import annotations

from acorn.answer.retrieve import title_matches
from tests.support.hits import search_hit as _hit


def test_a_title_naming_a_synonym_of_the_question_counts() -> None:
    hits = [
        _hit("/about/", "Our Story"),
        _hit("/payment-plans/", "Payment Plans"),
        _hit("/prices/", "Prices"),
    ]
    shares = title_matches("Can I pay for the cake in instalments?", hits)
    assert shares[1] > 0
    assert shares[0] == 0 and shares[2] == 0


def test_a_word_in_several_titles_or_on_the_home_page_singles_out_nothing() -> None:
    hits = [
        _hit("/", "Hazel Bakery Home"),
        _hit("/blog/", "Hazel Bakery Blog"),
        _hit("/cakes/", "Bakery Cakes"),
    ]
    assert title_matches("Which bakery is nearest?", hits) == [0.0, 0.0, 0.0]
