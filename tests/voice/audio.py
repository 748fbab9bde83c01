"""Audio checks the voice tests share."""

from __future__ import annotations

import io

import av
import numpy as np

from acorn.voice.types import PCM


def rms(pcm: PCM) -> float:
    return float(np.sqrt(np.mean(pcm.samples.astype(np.float64) ** 2))) if pcm.samples.size else 0.0


def is_speech_like(pcm: PCM, *, min_seconds: float, max_seconds: float) -> bool:
    """Long enough for the words, not absurdly long, and not silence."""
    return min_seconds <= pcm.seconds <= max_seconds and rms(pcm) > 300


def decoded_seconds(data: bytes) -> tuple[float, str]:
    """Decode a whole file with PyAV: its duration by samples, and the codec."""
    with av.open(io.BytesIO(data)) as box:
        stream = box.streams.audio[0]
        samples, rate = 0, stream.codec_context.sample_rate
        for frame in box.decode(stream):
            samples += frame.samples
            rate = frame.sample_rate
        return samples / float(rate), stream.codec_context.name
