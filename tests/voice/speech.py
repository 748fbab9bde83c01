"""Real speech for voice tests: ``espeak-ng`` renders text to a WAV, read here as 16 kHz PCM."""

from __future__ import annotations

import io
import shutil
import subprocess
import wave

import numpy as np
import pytest

from acorn.voice.realtime import resample
from acorn.voice.types import PCM


def espeak_wav(text: str, voice: str = "en-us", speed: int = 160) -> bytes:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    return subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(speed), "--stdout", text],
        capture_output=True,
        check=True,
    ).stdout


def spoken(text: str, voice: str = "en-us", speed: int = 160) -> PCM:
    with wave.open(io.BytesIO(espeak_wav(text, voice, speed))) as w:
        rate = w.getframerate()
        samples = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.int16)
    return PCM(trim(resample(samples, rate)))


def trim(samples: np.ndarray, floor: int = 64) -> np.ndarray:
    """Without espeak's own leading and trailing silence, so a test's pauses are the pauses."""
    loud = np.flatnonzero(np.abs(samples) > floor)
    return samples[loud[0] : loud[-1] + 1] if len(loud) else samples


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * 16000), dtype=np.int16)
