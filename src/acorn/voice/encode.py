"""Mono PCM to the bytes a browser plays: Opus in WebM or Ogg, MP3, or WAV.

Opus is the default for the widget (small, made for speech, played by every current browser
in WebM, and by Safari in Ogg/MP4); MP3 is for clients that play nothing else; WAV needs no
encoder at all. PyAV's wheels bundle FFmpeg with libopus and libmp3lame, so no system codec is
needed. Opus only runs at 48 kHz (and a few lower rates), so audio is resampled to it; MP3
keeps the voice's own rate where LAME accepts it.
"""

from __future__ import annotations

import io
import wave
from fractions import Fraction
from typing import Literal, cast

import av
import numpy as np
from av.audio.stream import AudioStream

from acorn.voice.types import PCM

Format = Literal["webm", "ogg", "mp3", "wav"]
MEDIA_TYPES: dict[str, str] = {
    "webm": "audio/webm",
    "ogg": "audio/ogg",
    "mp3": "audio/mpeg",
    "wav": "audio/wav",
}
OPUS_RATE = 48_000
OPUS_BITRATE = 32_000  # speech is transparent well below this; replies stay a few kB/s
MP3_BITRATE = 48_000
MP3_RATES = (8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000)
_CODECS = {"webm": ("webm", "libopus"), "ogg": ("ogg", "libopus"), "mp3": ("mp3", "libmp3lame")}


def encode(pcm: PCM, fmt: Format) -> bytes:
    """The whole of ``pcm`` as one file in ``fmt``. Empty audio becomes 20 ms of silence: a
    container with no frame at all is not a file players (or PyAV) will open."""
    if fmt == "wav":
        return _wav(pcm)
    if fmt not in _CODECS:
        raise ValueError(f"unknown audio format {fmt!r}; one of {', '.join(MEDIA_TYPES)}")
    container, codec = _CODECS[fmt]
    if codec == "libopus":
        rate, bitrate = OPUS_RATE, OPUS_BITRATE
    else:
        rate = pcm.rate if pcm.rate in MP3_RATES else 24_000
        bitrate = MP3_BITRATE
    out = io.BytesIO()
    with av.open(out, "w", format=container) as box:
        stream = cast(AudioStream, box.add_stream(codec, rate=rate, layout="mono"))
        stream.bit_rate = bitrate
        resampler = av.AudioResampler(format=stream.format, layout="mono", rate=rate)
        samples = np.ascontiguousarray(pcm.samples, dtype=np.int16).reshape(1, -1)
        if not samples.size:
            samples = np.zeros((1, pcm.rate // 50), dtype=np.int16)
        frame = av.AudioFrame.from_ndarray(samples, format="s16", layout="mono")
        frame.sample_rate = pcm.rate
        frame.time_base = Fraction(1, pcm.rate)
        frame.pts = 0
        frames = resampler.resample(frame)
        frames += resampler.resample(None)  # what the resampler still holds
        for chunk in frames:
            box.mux(stream.encode(chunk))
        box.mux(stream.encode(None))  # flush the encoder
    return out.getvalue()


def _wav(pcm: PCM) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(pcm.rate)
        wav.writeframes(np.ascontiguousarray(pcm.samples, dtype="<i2").tobytes())
    return out.getvalue()
