"""The OpenAI-compatible and ElevenLabs voices against local fakes of their wire protocol."""

from __future__ import annotations

import pytest

from acorn.config import Settings, VoiceConfig
from acorn.errors import ConfigurationError
from acorn.voice.tts import get_tts
from tests.voice.fake_speech import speech_server

TEXT = "We open at nine tomorrow morning."  # 6 words: the fakes send 1.8 s


def test_openai(settings: Settings) -> None:
    with speech_server("openai") as (base, seen):
        settings.tts_base_url = f"{base}/v1"
        settings.tts_api_key = "sk-test"
        settings.tts_model = "tts-1-hd"
        tts = get_tts(settings, "openai")
        pcm = tts.synthesize(TEXT, language="en", voice=VoiceConfig(voice_id="nova"))
    assert tts.name == "openai:tts-1-hd"
    assert pcm.rate == 24_000 and pcm.seconds == pytest.approx(1.8, abs=0.01)
    (request,) = seen.requests
    assert request["json"] == {
        "model": "tts-1-hd",
        "input": TEXT,
        "voice": "nova",
        "response_format": "wav",
    }


def test_openai_defaults_voice_and_passes_speed(settings: Settings) -> None:
    with speech_server("openai", key="k") as (base, seen):
        settings.tts_base_url, settings.tts_api_key = f"{base}/v1/", "k"
        get_tts(settings, "openai").synthesize(
            TEXT, language="en", voice=VoiceConfig(speaking_rate=1.25)
        )
    body = seen.requests[0]["json"]
    assert body["voice"] == "alloy" and body["model"] == "tts-1" and body["speed"] == 1.25


def test_openai_bad_key_is_a_configuration_error(settings: Settings) -> None:
    with speech_server("openai", key="right") as (base, _):
        settings.tts_base_url, settings.tts_api_key = f"{base}/v1", "wrong"
        with pytest.raises(ConfigurationError, match="401") as info:
            get_tts(settings, "openai").synthesize(TEXT, language="en", voice=VoiceConfig())
    assert "ACORN_TTS_API_KEY" in (info.value.hint or "")


def test_openai_needs_a_key_for_the_public_api(settings: Settings) -> None:
    with pytest.raises(ConfigurationError, match="API key"):
        get_tts(settings, "openai")


def test_elevenlabs(settings: Settings) -> None:
    with speech_server("elevenlabs", key="xi-test") as (base, seen):
        settings.tts_base_url, settings.tts_api_key = base, "xi-test"
        tts = get_tts(settings, "elevenlabs")
        voice = VoiceConfig(voice_id="voice123", stability=0.3, similarity_boost=0.9)
        pcm = tts.synthesize(TEXT, language="en", voice=voice)
    assert tts.name == "elevenlabs:eleven_multilingual_v2"
    assert pcm.rate == 16_000 and pcm.seconds == pytest.approx(1.8, abs=0.01)
    (request,) = seen.requests
    assert request["path"] == "/v1/text-to-speech/voice123"
    assert request["query"] == {"output_format": ["pcm_16000"]}
    assert request["json"] == {
        "text": TEXT,
        "model_id": "eleven_multilingual_v2",
        "voice_settings": {"stability": 0.3, "similarity_boost": 0.9},
    }


def test_elevenlabs_voice_from_settings_and_errors(settings: Settings) -> None:
    with pytest.raises(ConfigurationError, match="API key"):
        get_tts(settings, "elevenlabs")
    with speech_server("elevenlabs", key="xi") as (base, seen):
        settings.tts_base_url, settings.tts_api_key = base, "xi"
        tts = get_tts(settings, "elevenlabs")
        with pytest.raises(ConfigurationError, match="voice id"):
            tts.synthesize(TEXT, language="en", voice=VoiceConfig())
        settings.tts_voice = "server-voice"
        tts = get_tts(settings, "elevenlabs")
        assert tts.synthesize("", language="en", voice=VoiceConfig()).samples.size == 0
        tts.synthesize(TEXT, language="en", voice=VoiceConfig())
    assert [r["path"] for r in seen.requests] == ["/v1/text-to-speech/server-voice"]
