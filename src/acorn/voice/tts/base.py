"""The text-to-speech seam: one method, text in, mono PCM out.

Providers are synchronous on purpose: the offline engines are CPU-bound C code and the remote
ones are one HTTP request, so the caller (a route, the real-time loop) decides where to run
them (``asyncio.to_thread``) and how to stream them (one call per sentence,
:func:`acorn.voice.speech_text.sentences`). Text is expected already rewritten for the ear
(:func:`acorn.voice.speech_text.for_speech`); providers speak what they are given.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np

from acorn.config import VoiceConfig
from acorn.voice.types import PCM


@runtime_checkable
class TextToSpeech(Protocol):
    name: str

    def synthesize(self, text: str, *, language: str, voice: VoiceConfig) -> PCM:
        """Speak ``text`` in ``language`` (ISO 639-1) as ``voice`` says; empty text gives
        empty audio, never an error."""
        ...


def silence(rate: int) -> PCM:
    """What a provider returns for text with nothing to say."""
    return PCM(np.zeros(0, dtype=np.int16), rate)


def float_to_int16(audio: np.ndarray) -> np.ndarray:
    """[-1, 1] floats to int16 samples, clipped rather than wrapped."""
    return (np.clip(audio, -1.0, 1.0) * 32767.0).astype(np.int16)
