"""Real speech for the voice tests: espeak-ng renders text to WAV, PyAV re-encodes it into the
containers browsers and phones send (WebM/Opus from MediaRecorder, Ogg/Opus, MP3, M4A/AAC)."""

from __future__ import annotations

import io
import shutil
import subprocess
import wave

import av
import numpy as np

ESPEAK = shutil.which("espeak-ng")

# container -> (PyAV format, codec, sample rate the codec accepts)
CONTAINERS = {
    "webm": ("webm", "libopus", 48_000),
    "ogg": ("ogg", "libopus", 48_000),
    "mp3": ("mp3", "libmp3lame", 44_100),
    "m4a": ("ipod", "aac", 44_100),
}


def speak(text: str, *, voice: str = "en-us", speed: int = 150) -> bytes:
    """``text`` spoken by espeak-ng, as the WAV bytes it writes (22,050 Hz mono)."""
    if ESPEAK is None:  # pragma: no cover - the CI image has it
        raise RuntimeError("espeak-ng is not installed (apt-get install espeak-ng)")
    out = subprocess.run(
        [ESPEAK, "-v", voice, "-s", str(speed), "--stdout", text],
        check=True,
        capture_output=True,
    )
    return out.stdout


def wav_samples(wav: bytes) -> tuple[np.ndarray, int]:
    with wave.open(io.BytesIO(wav)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16), w.getframerate()


def wav_bytes(samples: np.ndarray, rate: int) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.astype(np.int16).tobytes())
    return buf.getvalue()


def encode(wav: bytes, container: str) -> bytes:
    """Re-encode espeak's WAV into ``container`` (a key of :data:`CONTAINERS`, or ``wav``)."""
    if container == "wav":
        return wav
    fmt, codec, rate = CONTAINERS[container]
    samples, src_rate = wav_samples(wav)
    buf = io.BytesIO()
    with av.open(buf, mode="w", format=fmt) as out:
        stream = out.add_stream(codec, rate=rate, layout="mono")
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = src_rate
        resampler = av.AudioResampler(format=stream.format.name, layout="mono", rate=rate)
        for part in [*resampler.resample(frame), *resampler.resample(None)]:
            for packet in stream.encode(part):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buf.getvalue()


def noisy(wav: bytes, *, snr_db: float = 20.0, seed: int = 0) -> bytes:
    """``wav`` with white Gaussian noise added at ``snr_db`` (a fixed seed: the same every run)."""
    samples, rate = wav_samples(wav)
    signal = samples.astype(np.float64)
    power = np.mean(signal**2) / (10 ** (snr_db / 10))
    noise = np.random.default_rng(seed).normal(0.0, np.sqrt(power), len(signal))
    return wav_bytes(np.clip(signal + noise, -32768, 32767), rate)
