from acorn.answer.compose import spoken_reply
from acorn.config import PersonalityConfig


def test_spoken_reply_cleans_lists_faq_echoes_and_caps_length() -> None:
    p = PersonalityConfig()
    assert spoken_reply(["- Open daily | 8am to 4pm"], p) == "Open daily, 8am to 4pm."
    assert spoken_reply(["Q: Do you take cards? A: Yes, all major cards."], p) == (
        "Yes, all major cards."
    )
    long = [f"Sentence number {i} says something about the bakery and its bread." for i in range(9)]
    reply = spoken_reply(long, p)
    assert 0 < len(reply.split()) <= 70 and reply.endswith(".")
    assert spoken_reply(["Our elders:"], p) == "Our elders."
