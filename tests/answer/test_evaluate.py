from acorn.answer.evaluate import (
    QAItem,
    group_matches,
    is_correct,
    judge,
    normalise,
    ungrounded_facts,
)
from acorn.answer.types import Answer, Source


def test_normalisation_rules() -> None:
    assert normalise("Monday – Thursday") == "monday - thursday"
    assert normalise("Lord’s  Supper") == "lord's supper"
    assert normalise("ﬁne") == "fine"  # NFKC


def test_groups_padding_and_untrimmed_alternates() -> None:
    assert group_matches("It costs $5", ["$5 "])
    assert not group_matches("It costs $5.95", ["$5 "])
    assert is_correct("Open 8:30am to 5pm, Monday to Thursday", [["8:30"], ["5pm"], ["thursday"]])
    assert not is_correct("Open 8:30am", [["8:30"], ["5pm"]])


def test_ungrounded_numbers_are_hallucinations() -> None:
    assert ungrounded_facts("Call 01308 421877.", "Phone: 01308421877") == []
    assert ungrounded_facts("It costs £45.", "New patient examination £45") == []
    assert ungrounded_facts("It costs £55.", "New patient examination £45") == ["£55"]
    assert ungrounded_facts("We open at 8:30am.", "Opening hours 8.30am until 5pm") == []


def test_judge_counts_answering_the_unanswerable_as_hallucination() -> None:
    item = QAItem(id="x", question="Is there parking?", must_include=[], answerable=False)
    declined = judge(item, Answer(text="Sorry", answered=False))
    assert declined.correct and not declined.hallucinated
    answered = judge(
        item, Answer(text="Yes, plenty.", answered=True, sources=[Source("c", "u", "t", 1, "x")])
    )
    assert not answered.correct and answered.hallucinated
