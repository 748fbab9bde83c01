import pytest

from acorn.answer.intent import detect, find_days


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("What are your opening hours?", "hours"),
        ("Are you open on Sunday?", "hours"),
        ("what time do you close on friday", "hours"),
        ("When do you open tomorrow?", "hours"),
        ("Are you closed at the weekend?", "hours"),
        ("What's your phone number?", "phone"),
        ("Can I call you?", "phone"),
        ("What number do I ring to book?", "phone"),
        ("What's your email address?", "email"),
        ("Can I e-mail you?", "email"),
        ("Where are you located?", "address"),
        ("What's your address?", "address"),
        ("Where is the practice?", "address"),
        ("How much is a sourdough loaf?", "price"),
        ("What does a celebration cake cost?", "price"),
        ("What are your prices?", "price"),
        ("How do I get in touch?", "contact"),
        ("Who is the owner?", "people"),
        ("What time is the Sunday service?", "schedule"),
        ("Can I cancel my booking?", "policy"),
        ("Do you sell croissants?", "other"),
    ],
)
def test_intents(query: str, kind: str) -> None:
    assert detect(query).kind == kind


def test_days_full_plural_abbreviated_and_weekend() -> None:
    assert find_days("Are you open on Fridays?") == ["friday"]
    assert find_days("open Sat or Sun?") == ["saturday", "sunday"]
    assert find_days("what about the weekend") == ["saturday", "sunday"]
    assert find_days("I sat in the sun") == []  # ordinary words, not day abbreviations


def test_personal_contact_and_follow_up() -> None:
    assert detect("What is the manager's email address?").possessor == "manager"
    assert detect("What's the salon's phone number?").possessor == "salon"
    assert not detect("What's your email address?").personal
    assert detect("and on Saturday?").follow_up
    assert not detect("Are you open on Saturday?").follow_up


def test_exclusions_and_several_questions() -> None:
    from acorn.answer.intent import drop_exclusions, split_questions

    assert drop_exclusions("Besides Sunday worship, what activities do you have?") == (
        "What activities do you have?"
    )
    assert drop_exclusions("What do you sell?") == "What do you sell?"
    assert split_questions("Can I pay in instalments? Who do I talk to?") == [
        "Can I pay in instalments?",
        "Who do I talk to?",
    ]
    assert split_questions("Open today? Yes?") == ["Open today? Yes?"]


def test_two_questions_joined_by_and_are_split() -> None:
    from acorn.answer.intent import split_questions

    parts = split_questions("Can you see me today, and what does an emergency visit cost?")
    assert parts == ["Can you see me today?", "what does an emergency visit cost?"]
    assert split_questions("Do you sell tea, and coffee?") == ["Do you sell tea, and coffee?"]


@pytest.mark.parametrize(
    "query",
    ["Do you take cards?", "Is there parking?", "Is it wheelchair accessible?", "Can I pay cash?"],
)
def test_policy_intents(query: str) -> None:
    assert detect(query).kind == "policy"
