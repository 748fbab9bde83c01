"""What the extractive answerer says for a few kinds of question, on hand-built pages: a list of
the kinds a site names, a definition sentence for "what X", the meaning of an acronym, and a
"not available yet" caveat."""

from __future__ import annotations

import pytest

from acorn.answer.answerers.base import AnswerRequest
from acorn.answer.answerers.extractive import ExtractiveAnswerer
from acorn.answer.intent import detect
from acorn.answer.types import AgentContext
from acorn.index.types import SearchHit
from tests.support.hits import search_hit as _hit


@pytest.fixture
def answerer(similarity) -> ExtractiveAnswerer:
    return ExtractiveAnswerer(similarity)


def _ask(answerer: ExtractiveAnswerer, ctx: AgentContext, query: str, hits: list[SearchHit]):
    return answerer.answer(AnswerRequest(ctx=ctx, query=query, intent=detect(query), hits=hits))


def test_what_kinds_of_question_lists_the_kinds_the_site_names(answerer, business) -> None:
    hits = [
        _hit(
            "/classes/",
            "Classes",
            "We run a range of classes for every level.\n\nSourdough class\n\n"
            "Pastry class\nEmail us if you have any questions.\n\nGift vouchers\n"
            "Vouchers make a lovely present.",
        ),
        _hit("/contact/", "Contact", "Email us to book your class.", 0.5),
    ]
    answer = _ask(answerer, business, "What kinds of classes do you have?", hits)
    assert answer.answered
    assert "Sourdough class" in answer.text and "Pastry class" in answer.text
    assert "Email us if you have any questions" not in answer.text


def test_what_x_prefers_the_sentence_saying_what_is_an_x(answerer, business) -> None:
    hits = [
        _hit(
            "/values/",
            "Values",
            "Our bakers serve the guild regionally through local markets. "
            "We bake every loaf by hand.",
        ),
        _hit(
            "/guild/",
            "The Guild",
            "Hazel Bakery is a member of the Real Bread Guild (RBG). The RBG is a guild of "
            "independent bakers committed to additive-free bread.",
            0.9,
        ),
    ]
    answer = _ask(answerer, business, "What guild are you part of?", hits)
    assert answer.answered
    assert "The RBG is a guild" in answer.text
    # The acronym is spoken with the sentence that says what it stands for.
    assert "Real Bread Guild (RBG)" in answer.text


def test_a_not_available_yet_caveat_is_part_of_the_answer(answerer, business) -> None:
    hits = [
        _hit(
            "/recipes/",
            "Recipes",
            "Download our recipes for home baking. Use the filters below to search by "
            "flour or season.\n\nRecipes Coming Soon\nOur recipe library is being set up. "
            "Check back soon to download our recipes.",
        )
    ]
    answer = _ask(answerer, business, "Can I download your recipes from the website?", hits)
    assert answer.answered
    assert "being set up" in answer.text or "Coming Soon" in answer.text


def test_a_sentence_naming_another_pages_title_brings_that_pages_answer(answerer, business) -> None:
    hits = [
        _hit(
            "/services/",
            "Our Services",
            "We bake for weddings, birthdays and parties. If you need a cake in a hurry we "
            "can take rush orders.",
        ),
        _hit(
            "/rush-orders/",
            "Rush Orders",
            "We can usually bake your cake the same day if you call us before 9am. "
            "Collection is from the shop.",
            0.9,
        ),
    ]
    answer = _ask(answerer, business, "I need a cake in a hurry - can you help?", hits)
    assert answer.answered
    assert "rush orders" in answer.text
    assert "before 9am" in answer.text


def test_two_prices_for_one_item_are_both_said(answerer, business) -> None:
    hits = [
        _hit(
            "/prices/",
            "Prices",
            "Celebration Cake: £38 per tier.\nCelebration Cake Delivery: £10 per trip.",
        ),
        _hit(
            "/cakes/",
            "Cakes",
            "We love decorating for birthdays and weddings, and a celebration cake with a "
            "single tier of sponge and buttercream and your message piped on top is £25.",
            0.5,
        ),
    ]
    answer = _ask(answerer, business, "How much does a celebration cake cost?", hits)
    assert answer.answered
    assert "£38" in answer.text and "£25" in answer.text


def test_a_pointer_to_an_unrelated_page_is_not_followed(answerer, business) -> None:
    hits = [
        _hit(
            "/cakes/",
            "Cakes",
            "We bake celebration cakes to order, and for anything else please contact us.",
        ),
        _hit("/contact/", "Contact Us", "Our shop is at 12 Mill Lane, Hebden Bridge.", 0.9),
    ]
    answer = _ask(answerer, business, "Do you bake celebration cakes?", hits)
    assert answer.answered
    assert "Mill Lane" not in answer.text
