"""The per-agent pocketsphinx model: built when the fixture bakery is indexed, stored in the
database, and measurably better than the generic model on questions visitors would ask it."""

from __future__ import annotations

from collections.abc import Iterator

import jiwer
import pytest

from acorn.voice.decode import decode
from acorn.voice.models import POCKETSPHINX_LM, load_voice_model
from acorn.voice.stt import get_stt
from acorn.voice.words import spoken
from tests.support.indexed import Indexed, indexed_bakery
from tests.voice.audio_support import encode, speak

QUESTIONS = [
    "How much is the country sourdough loaf?",
    "Do you sell cardamom buns?",
    "Who is Priya Shah?",
    "What does Tom Reyes do?",
    "Are you open on Sunday?",
    "Where is Mill Lane?",
    "Can I book a baking class?",
    "How much does a seeded rye loaf cost?",
    "Do you make wedding cakes?",
    "Is there parking in Totnes?",
]
MARGIN = 0.15  # the agent's model must cut word error rate by at least this much (absolute)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bakery(tmp_path_factory) -> Iterator[Indexed]:
    with indexed_bakery(tmp_path_factory.mktemp("voice") / "data", "Bakery") as built:
        yield built


def test_ingest_stores_the_agent_model(bakery: Indexed) -> None:
    found = load_voice_model(bakery.db, bakery.agent_id, POCKETSPHINX_LM)
    assert found is not None
    generation, arpa = found
    assert generation == 1 and "\\3-grams:" in arpa
    lines = arpa.splitlines()
    bigrams = lines[lines.index("\\2-grams:") : lines.index("\\3-grams:")]
    # the site's words, in site phrases (words the dictionary lacks, like "sourdough", are
    # left out: no grapheme-to-phoneme converter ships with pocketsphinx)
    for pair in ("cardamom buns", "seeded rye", "tom reyes", "mill lane"):
        assert any(line.endswith(f" {pair} ") or f" {pair} " in line for line in bigrams), pair


def test_agent_model_beats_the_generic_model(bakery: Indexed) -> None:
    stt = get_stt(bakery.settings, "pocketsphinx", db=bakery.db)
    refs, generic, agent = [], [], []
    for i, question in enumerate(QUESTIONS):
        voice = "en-us" if i % 2 == 0 else "en-gb"
        pcm = decode(encode(speak(question, voice=voice, speed=140), "webm"))
        refs.append(spoken(question))
        generic.append(spoken(stt.transcribe(pcm).text))
        agent.append(spoken(stt.transcribe(pcm, agent_id=bakery.agent_id).text))
    generic_wer, agent_wer = jiwer.wer(refs, generic), jiwer.wer(refs, agent)
    print(f"WER generic {generic_wer:.2f}, agent {agent_wer:.2f}")
    for r, g, a in zip(refs, generic, agent, strict=True):
        print(f"  {r} | {g} | {a}")
    assert agent_wer <= generic_wer - MARGIN


def test_agent_without_a_model_falls_back_to_generic(bakery: Indexed) -> None:
    stt = get_stt(bakery.settings, "pocketsphinx", db=bakery.db)
    pcm = decode(speak("Are you open on Saturday?", speed=140))
    assert stt.transcribe(pcm, agent_id="no-such-agent").text == stt.transcribe(pcm).text
