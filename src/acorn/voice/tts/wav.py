"""Reading the audio that remote voices send back: WAV bytes or bare 16-bit PCM."""

from __future__ import annotations

import io
import wave

import numpy as np

from acorn.errors import ConfigurationError
from acorn.voice.types import PCM


def read_wav(data: bytes, *, source: str) -> PCM:
    """16-bit WAV (mono or not) to mono PCM. Streamed WAVs carry a placeholder length in
    their header; ``wave`` then reads what is there, which is what we want."""
    try:
        with wave.open(io.BytesIO(data), "rb") as wav:
            rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
            frames = wav.readframes(wav.getnframes())
    except (wave.Error, EOFError) as exc:
        raise ConfigurationError(
            f"{source} did not send WAV audio ({exc})",
            hint="check that the endpoint speaks the OpenAI audio/speech protocol",
        ) from exc
    if width != 2:
        raise ConfigurationError(f"{source} sent {8 * width}-bit WAV; 16-bit expected")
    samples = np.frombuffer(frames[: len(frames) - len(frames) % (2 * channels)], dtype="<i2")
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    return PCM(samples.astype(np.int16), rate)


def read_pcm16(data: bytes, rate: int) -> PCM:
    """Headerless little-endian 16-bit mono samples (ElevenLabs' ``pcm_*`` formats)."""
    return PCM(np.frombuffer(data[: len(data) - len(data) % 2], dtype="<i2").astype(np.int16), rate)
