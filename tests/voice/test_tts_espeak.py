"""eSpeak NG, the offline default: real synthesis in several languages."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from acorn.config import Settings, VoiceConfig
from acorn.errors import ConfigurationError
from acorn.voice.tts import REGISTRY, TextToSpeech, get_tts, register
from acorn.voice.tts.espeak import EspeakTTS, voice_for, words_per_minute
from tests.voice.audio import is_speech_like

REPLIES = {
    "en": "We are open Monday to Friday from 9 a.m. to 5 p.m. You can book online.",
    "de": "Wir haben Montag bis Freitag von 9 bis 17 Uhr geöffnet. Sie können online buchen.",
    "fr": "Nous sommes ouverts du lundi au vendredi. Vous pouvez réserver en ligne.",
}


@pytest.mark.parametrize("language", sorted(REPLIES))
def test_speaks_each_language(language: str) -> None:
    pcm = EspeakTTS().synthesize(REPLIES[language], language=language, voice=VoiceConfig())
    assert pcm.samples.dtype == np.int16 and pcm.samples.ndim == 1
    assert pcm.rate == 22_050
    # ~12-16 words: a few seconds at a normal pace
    assert is_speech_like(pcm, min_seconds=2.0, max_seconds=10.0)


def test_rate_follows_speaking_rate() -> None:
    tts, text = EspeakTTS(), REPLIES["en"]
    normal = tts.synthesize(text, language="en", voice=VoiceConfig())
    fast = tts.synthesize(text, language="en", voice=VoiceConfig(speaking_rate=1.5))
    assert fast.seconds < normal.seconds * 0.8


def test_empty_text_is_empty_audio() -> None:
    assert EspeakTTS().synthesize("  ", language="en", voice=VoiceConfig()).samples.size == 0


def test_voice_choice() -> None:
    assert voice_for("en", VoiceConfig(voice="en-gb")) == "en-gb"
    assert voice_for("de", VoiceConfig(voice="en-gb")) == "de"  # never German in English
    assert voice_for("en", VoiceConfig()) == "en-us"
    assert voice_for("pt-BR", VoiceConfig()) == "pt-br"
    assert words_per_minute(1.0) == 175 and words_per_minute(0.1) == 80


def test_unknown_language_falls_back_to_english() -> None:
    pcm = EspeakTTS().synthesize("Hello there.", language="zz", voice=VoiceConfig())
    assert pcm.seconds > 0.3


def test_concurrent_calls_are_serialised() -> None:
    tts, results = EspeakTTS(), {}

    def speak(i: int) -> None:
        results[i] = tts.synthesize(REPLIES["en"], language="en", voice=VoiceConfig())

    threads = [threading.Thread(target=speak, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lengths = [len(pcm.samples) for pcm in results.values()]
    # Same text, same length (espeak varies by a few samples run to run): no thread got
    # another's samples or lost its own.
    assert len(lengths) == 4 and max(lengths) - min(lengths) < 0.005 * max(lengths)


def test_registry(settings: Settings) -> None:
    tts = get_tts(settings)
    assert isinstance(tts, TextToSpeech) and tts.name == "espeak"
    with pytest.raises(ConfigurationError, match="ACORN_TTS"):
        get_tts(settings, "nope")

    class Beep:
        name = "beep"

        def synthesize(self, text, *, language, voice):  # pragma: no cover - not called
            raise AssertionError

    register("beep", lambda s: Beep())
    try:
        assert get_tts(settings, "beep").name == "beep"
    finally:
        REGISTRY.pop("beep")
