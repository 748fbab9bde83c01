"""The values that cross the voice seams: mono PCM audio and a transcript."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

SAMPLE_RATE = 16_000  # what every speech-to-text engine here reads


@dataclass
class PCM:
    """Mono 16-bit samples at ``rate`` Hz (decoders give 16 kHz; voices may give their own)."""

    samples: np.ndarray  # int16, shape (n,)
    rate: int = SAMPLE_RATE

    @property
    def seconds(self) -> float:
        return len(self.samples) / float(self.rate)


@dataclass
class Transcript:
    text: str
    language: str | None = None  # detected or given, ISO 639-1
    confidence: float | None = None  # 0..1 where the engine says
    words: list[str] = field(default_factory=list)
