"""The fast path answers plain facts from structured data, for that day only when a day is
asked, and steps aside (returns None) when it cannot be sure."""

import pytest

from acorn.answer.fastpath import FastPath
from acorn.answer.intent import detect
from acorn.answer.types import AgentContext


def ask(fp: FastPath, ctx: AgentContext, query: str):
    return fp.answer(ctx, query, detect(query))


@pytest.fixture
def fp(similarity) -> FastPath:
    return FastPath(similarity)


@pytest.mark.parametrize(
    "query",
    [
        "What are your opening hours?",
        "When are you open?",
        "what are your hours",
        "What time do you open?",
        "Opening times?",
    ],
)
def test_week_hours(fp, business, query) -> None:
    a = ask(fp, business, query)
    assert a is not None and a.answered and a.path == "fastpath"
    assert "Monday to Thursday, 8:30am to 5pm" in a.text
    assert "Saturday, 9am to 1pm" in a.text and "closed Sunday" in a.text
    assert a.sources[0].url.endswith("/hours/")


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ("Are you open on Sunday?", "closed on Sundays. We're open Monday to Saturday.", "8:30"),
        ("are you open sundays", "closed on Sundays", "Saturday, 9am"),
        ("Are you open on Saturday?", "on Saturday we're open 9am to 1pm", "Friday"),
        ("What time do you close on Friday?", "On Friday we close at 4pm", "Saturday"),
        ("when do you close on fridays", "close at 4pm", "Monday"),
        ("What time do you open on Tuesday?", "open 8:30am to 5pm", "Saturday"),
    ],
)
def test_day_specific_hours_answer_that_day_only(fp, business, query, expected, absent) -> None:
    a = ask(fp, business, query)
    assert a is not None and a.answered
    assert expected in a.text
    assert absent not in a.text


def test_closed_day_mentions_when_open(fp, business) -> None:
    a = ask(fp, business, "Are you open Sunday?")
    assert a.text.startswith("No, we're closed on Sundays.")
    assert "Monday to Saturday" in a.text


def test_closed_day_gives_open_hours_when_uniform(fp, business) -> None:
    business.structured.opening_hours = {
        d: [["08:30", "17:00"]] for d in ("monday", "tuesday", "wednesday", "thursday")
    }
    a = ask(fp, business, "Are you open on Fridays?")
    assert a.text == "No, we're closed on Fridays. We're open Monday to Thursday, 8:30am to 5pm."


@pytest.mark.parametrize(
    "query",
    [
        "What's your phone number?",
        "Can I call you?",
        "What number can I ring?",
        "telephone?",
        "What's the bakery's phone number?",  # the business, named by the kind of place it is
        "What is the shop's phone number?",
    ],
)
def test_phone(fp, business, query) -> None:
    a = ask(fp, business, query)
    assert a is not None and "01422 555123" in a.text and a.sources[0].url.endswith("/contact/")


@pytest.mark.parametrize(
    "query", ["What's your email?", "Can I email you?", "e-mail address please"]
)
def test_email(fp, business, query) -> None:
    a = ask(fp, business, query)
    assert a is not None and "hello@hazelbakery.example" in a.text


@pytest.mark.parametrize(
    "query",
    ["Where are you?", "What's your address?", "Where are you located?", "Where is the bakery?"],
)
def test_address(fp, business, query) -> None:
    a = ask(fp, business, query)
    assert a is not None and "12 Mill Lane, Hebden Bridge, HX7 8AB" in a.text


@pytest.mark.parametrize(
    ("query", "price"),
    [
        ("How much is a sourdough loaf?", "£4.50"),
        ("what does the sourdough cost", "£4.50"),
        ("How much is a celebration cake?", "£38"),
        ("Price of a bread making class?", "£65 per person"),
        ("how much are your bread-making classes", "£65 per person"),
    ],
)
def test_price_of_named_service(fp, business, query, price) -> None:
    a = ask(fp, business, query)
    assert (
        a is not None and price in a.text and a.sources[0].url.endswith(("/prices/", "/classes/"))
    )


@pytest.mark.parametrize(
    "query",
    [
        "How much is a wedding cake delivery?",  # not a listed service
        "How much does teeth whitening cost?",
        "What is the baker's email address?",  # a person's contact, not the business's
        "What's the manager's phone number?",
        "What is Maria's email?",
        "What are your bank holiday opening hours?",  # a detail the table does not hold
        "Do you sell croissants?",
    ],
)
def test_steps_aside_when_unsure(fp, business, query) -> None:
    assert ask(fp, business, query) is None


@pytest.mark.parametrize(
    "query",
    [
        "Do you make gluten-free bread?",
        "do you bake gluten free loaves?",
        "Is there gluten-free bread?",
    ],
)
def test_approved_faq_by_meaning(fp, business, query) -> None:
    business.config.rag.faq_match_threshold = 0.75
    a = ask(fp, business, query)
    assert a is not None and a.path == "faq" and "every Friday" in a.text
    assert a.sources[0].chunk_id == "faq:7"


def test_unrelated_question_does_not_match_faq(fp, business) -> None:
    a = ask(fp, business, "Do you deliver birthday cakes?")
    assert a is None or a.path != "faq"


def test_social_links_answer_watch_online(fp, business) -> None:
    from acorn.sitedata import SocialOut

    business.structured.social = [
        SocialOut(network="youtube", url="https://www.youtube.com/@hazel/streams"),
        SocialOut(network="instagram", url="https://instagram.com/hazel"),
    ]
    a = ask(fp, business, "Can I watch your baking demos online?")
    assert a is not None and "YouTube" in a.text and "live streams" in a.text
    a = ask(fp, business, "Are you on Instagram?")
    assert a is not None and a.text == "You can find us on Instagram."


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("+4930123456", "Monday to Thursday, 08:30 to 17:00"),  # a German business
        ("+33142000000", "Monday to Thursday, 08:30 to 17:00"),
        ("+12125550100", "Monday to Thursday, 8:30am to 5pm"),
    ],
)
def test_hours_are_spoken_on_the_business_countrys_clock(fp, business, phone, expected) -> None:
    business.structured.phones[0].e164 = phone
    a = ask(fp, business, "What are your opening hours?")
    assert a is not None and expected in a.text


def test_price_list_item_is_said_with_its_description(fp, business) -> None:
    from acorn.sitedata import ServiceOut

    business.structured.services.append(
        ServiceOut(
            name="Lemon Tart",
            price="£6.50",
            currency="GBP",
            amount=6.5,
            description="shortcrust, lemons",
            section="Desserts",
            position=3,
            source_url="https://bakery.example/menu/",
        )
    )
    a = ask(fp, business, "How much is the lemon tart?")
    assert a is not None and a.path == "fastpath"
    assert a.text == "Lemon Tart is £6.50. Shortcrust, lemons."
    assert a.sources[0].url == "https://bakery.example/menu/"
