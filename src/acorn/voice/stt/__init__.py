"""Speech-to-text providers, chosen by name (``ACORN_STT``): ``pocketsphinx`` (offline, with a
language model per agent), ``whisper`` (offline, faster-whisper base int8) and ``openai`` (any
OpenAI-compatible ``/audio/transcriptions`` endpoint).

:func:`get_stt` builds a provider; build one per process and keep it (the API keeps it on its
app state): the pocketsphinx provider caches each agent's loaded decoder on the instance, and
model weights are loaded once per process whichever instance asks.
"""

from __future__ import annotations

from collections.abc import Callable

from acorn.config import Settings
from acorn.errors import ConfigurationError
from acorn.store import Database
from acorn.voice.stt.base import SpeechToText

Factory = Callable[[Settings, Database | None], SpeechToText]


def _pocketsphinx(settings: Settings, db: Database | None) -> SpeechToText:
    from acorn.voice.stt.pocketsphinx import PocketSphinxSTT

    return PocketSphinxSTT(settings, db)


def _whisper(settings: Settings, db: Database | None) -> SpeechToText:
    from acorn.voice.stt.whisper import WhisperSTT

    return WhisperSTT(settings)


def _openai(settings: Settings, db: Database | None) -> SpeechToText:
    from acorn.voice.stt.openai import OpenAISTT

    return OpenAISTT(settings)


PROVIDERS: dict[str, Factory] = {
    "pocketsphinx": _pocketsphinx,
    "whisper": _whisper,
    "openai": _openai,
}


def register_stt(name: str, factory: Factory) -> None:
    """Add a provider (third-party ones register the same way as the built-ins)."""
    PROVIDERS[name] = factory


def get_stt(
    settings: Settings, name: str | None = None, *, db: Database | None = None
) -> SpeechToText:
    """The provider called ``name`` (default ``settings.stt``). ``db`` is where per-agent
    models are read; without it the provider opens the settings' database when first needed."""
    key = name or settings.stt
    factory = PROVIDERS.get(key)
    if factory is None:
        raise ConfigurationError(
            f"Unknown speech-to-text provider {key!r}.",
            hint=f"set ACORN_STT to one of: {', '.join(sorted(PROVIDERS))}",
        )
    return factory(settings, db)


__all__ = ["PROVIDERS", "SpeechToText", "get_stt", "register_stt"]
