"""The fast path answers "who runs it", "who is the X", "can I pay by card", "what is your
cancellation policy" and "are you open on bank holidays" from the crawl's records, quoting the
site and citing its page; it steps aside when the question points at no one record."""

from __future__ import annotations

import pytest

from acorn.answer.fastpath import FastPath
from acorn.answer.intent import detect
from acorn.answer.types import AgentContext
from acorn.sitedata import HoursNoteOut, PersonOut, PolicyOut

URL = "https://bakery.example"


def ask(fp: FastPath, ctx: AgentContext, query: str):  # type: ignore[no-untyped-def]
    return fp.answer(ctx, query, detect(query))


@pytest.fixture
def fp(similarity) -> FastPath:  # type: ignore[no-untyped-def]
    return FastPath(similarity)


@pytest.fixture
def staffed(business: AgentContext) -> AgentContext:
    sd = business.structured
    sd.people = [
        PersonOut(name="Anna Kowalska", role="Owner and head baker", source_url=f"{URL}/about/"),
        PersonOut(name="Tom Brown", role="Shop Manager", source_url=f"{URL}/team/"),
        PersonOut(
            name="Lucy Grey", role="Pastry chef", qualifications="NVQ", source_url=f"{URL}/team/"
        ),
    ]
    sd.policies = [
        PolicyOut(
            kind="payment",
            label="Payment methods",
            text="We accept cash, Visa and Mastercard. No cheques.",
            source_url=f"{URL}/visit/",
        ),
        PolicyOut(
            kind="cancellation",
            label="Cancellation policy",
            text="Cake orders can be cancelled up to 48 hours before collection.",
            source_url=f"{URL}/orders/",
        ),
    ]
    sd.hours_notes = [HoursNoteOut(text="Closed on bank holidays.", source_url=f"{URL}/hours/")]
    return business


@pytest.mark.parametrize(
    ("query", "text", "url"),
    [
        ("Who runs the bakery?", "Anna Kowalska is our owner and head baker.", "/about/"),
        ("Who is the owner?", "Anna Kowalska is our owner and head baker.", "/about/"),
        ("Who owns the shop?", "Anna Kowalska is our owner and head baker.", "/about/"),
        ("Who is the shop manager?", "Tom Brown is our Shop Manager.", "/team/"),
        ("Who is Lucy?", "Lucy Grey is our pastry chef.", "/team/"),
        ("Who is your pastry chef?", "Lucy Grey is our pastry chef.", "/team/"),
    ],
)
def test_who_questions(fp, staffed, query, text, url) -> None:  # type: ignore[no-untyped-def]
    a = ask(fp, staffed, query)
    assert a is not None and a.path == "fastpath" and a.intent == "people"
    assert a.text == text
    assert a.sources[0].url == URL + url


@pytest.mark.parametrize(
    "query", ["Who do I talk to?", "Who is the dentist?", "Who runs the bread-making class?"]
)
def test_unclear_who_questions_fall_through(fp, staffed, query) -> None:  # type: ignore[no-untyped-def]
    assert ask(fp, staffed, query) is None


def test_no_people_no_answer(fp, business) -> None:  # type: ignore[no-untyped-def]
    assert ask(fp, business, "Who is the owner?") is None


@pytest.mark.parametrize(
    ("query", "text", "url"),
    [
        ("Can I pay by card?", "We accept cash, Visa and Mastercard. No cheques.", "/visit/"),
        ("Do you take cards?", "We accept cash, Visa and Mastercard. No cheques.", "/visit/"),
        (
            "What is your cancellation policy?",
            "Cake orders can be cancelled up to 48 hours before collection.",
            "/orders/",
        ),
    ],
)
def test_policy_questions_quote_the_labelled_text(fp, staffed, query, text, url) -> None:  # type: ignore[no-untyped-def]
    a = ask(fp, staffed, query)
    assert a is not None and a.intent == "policy"
    assert a.text == text and a.sources[0].url == URL + url


def test_policy_with_no_record_falls_through(fp, staffed) -> None:  # type: ignore[no-untyped-def]
    assert ask(fp, staffed, "Is there parking nearby?") is None


def test_hours_notes(fp, staffed) -> None:  # type: ignore[no-untyped-def]
    a = ask(fp, staffed, "Are you open on bank holidays?")
    assert a is not None and a.text == "Closed on bank holidays."
    assert a.sources[0].url == URL + "/hours/"
    week = ask(fp, staffed, "What are your opening hours?")
    assert week is not None and week.text.endswith("Closed on bank holidays.")
    assert ask(fp, staffed, "Are you open on Christmas Eve?") is None
