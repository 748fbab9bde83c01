"""Turn-taking on real speech: the start of speech is found (for barge-in), the end of a turn
after a short silence, pauses between words do not cut a question, silence and low noise are
not speech."""

from __future__ import annotations

import numpy as np

from acorn.voice.turns import TurnDetector, TurnEvent
from tests.voice.speech import silence, spoken


def run(
    detector: TurnDetector, samples: np.ndarray, chunk: int = 1600
) -> list[tuple[float, TurnEvent]]:
    out = []
    for i in range(0, len(samples), chunk):
        for event in detector.feed(samples[i : i + chunk]):
            out.append(((i + chunk) / 16000, event))
    return out


def test_a_spoken_question_is_one_turn() -> None:
    question = spoken("What time do you open on Saturday?")
    stream = np.concatenate([silence(1.0), question.samples, silence(1.0)])
    events = run(TurnDetector(), stream)
    assert [e.kind for _, e in events] == ["speech_started", "turn_ended"]
    started_at, ended_at = events[0][0], events[1][0]
    assert 0.9 <= started_at <= 1.5
    speech_end = 1.0 + question.seconds
    assert speech_end <= ended_at <= speech_end + 0.8  # the end-of-turn silence, and no more
    utterance = events[1][1].audio
    assert utterance is not None and abs(utterance.seconds - question.seconds) < 0.9


def test_a_pause_between_words_does_not_end_the_turn() -> None:
    first, second = spoken("Do you have parking"), spoken("near the shop?")
    stream = np.concatenate([silence(0.5), first.samples, silence(0.2), second.samples, silence(1)])
    events = run(TurnDetector(end_silence_ms=400), stream)
    assert [e.kind for _, e in events] == ["speech_started", "turn_ended"]


def test_two_questions_are_two_turns_and_stop_ends_one_early() -> None:
    a, b = spoken("Are you open today?"), spoken("How much is a haircut?")
    stream = np.concatenate([silence(0.5), a.samples, silence(1.0), b.samples, silence(1.0)])
    kinds = [e.kind for _, e in run(TurnDetector(), stream)]
    assert kinds == ["speech_started", "turn_ended"] * 2

    detector = TurnDetector()
    run(detector, np.concatenate([silence(0.5), a.samples]))
    assert detector.speaking
    ended = detector.end()
    assert ended is not None and ended.audio is not None and ended.audio.seconds > 0.5
    assert detector.end() is None


def test_silence_and_faint_noise_are_not_speech() -> None:
    rng = np.random.default_rng(0)
    noise = (rng.normal(0, 30, 16000 * 3)).astype(np.int16)
    assert run(TurnDetector(), np.concatenate([silence(2.0), noise])) == []
