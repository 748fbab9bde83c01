"""Browser and phone audio in, 16 kHz mono int16 :class:`PCM` out, with PyAV (FFmpeg).

The type is sniffed from the first bytes, never taken from a file name or content type a client
chose, and only the containers browsers and phones record are opened: FFmpeg can parse hundreds
of formats, and every demuxer we never meant to expose is attack surface. Size is checked before
decoding and duration while decoding, so a tiny file that claims hours of audio (or a decoder
that would run away) stops at ``max_seconds``.
"""

from __future__ import annotations

import io

import av
import numpy as np

from acorn.errors import AudioTooLarge, BadAudio, UnsupportedAudio
from acorn.voice.types import PCM, SAMPLE_RATE

FORMATS_HINT = "send WAV, WebM/Opus, Ogg/Opus, MP3 or M4A/AAC audio"


def sniff(data: bytes) -> str | None:
    """The container's FFmpeg demuxer name from its magic bytes, or None when it is none we read."""
    head = data[:16]
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"\x1a\x45\xdf\xa3":  # EBML: WebM / Matroska (MediaRecorder in Chrome, Firefox)
        return "matroska"
    if head[:4] == b"OggS":
        return "ogg"
    if head[4:8] == b"ftyp":  # ISO BMFF: M4A / MP4 (Safari's MediaRecorder, phones)
        return "mp4"
    if head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"  # an ID3 tag or an MPEG audio frame sync
    if head[:2] == b"\xff\xf1" or head[:2] == b"\xff\xf9":  # raw ADTS AAC
        return "aac"
    return None


def decode(data: bytes, *, max_bytes: int = 10_000_000, max_seconds: float = 60.0) -> PCM:
    """Decode one recording to 16 kHz mono int16.

    Raises :class:`AudioTooLarge` (413) over ``max_bytes`` or ``max_seconds``,
    :class:`UnsupportedAudio` (415) for bytes that are no container we read, and
    :class:`BadAudio` (422) for a corrupt recording or one without a single sample."""
    if len(data) > max_bytes:
        raise AudioTooLarge(
            f"The audio is {len(data):,} bytes; the limit is {max_bytes:,}.",
            hint="send a shorter recording",
        )
    if not data:
        raise BadAudio("The audio is empty.", hint=FORMATS_HINT)
    fmt = sniff(data)
    if fmt is None:
        raise UnsupportedAudio("This is not audio in a format Acorn reads.", hint=FORMATS_HINT)
    limit = int(max_seconds * SAMPLE_RATE)
    parts: list[np.ndarray] = []
    total = 0
    try:
        with av.open(io.BytesIO(data), mode="r", format=fmt) as container:
            if not container.streams.audio:
                raise BadAudio("The file has no audio track.", hint=FORMATS_HINT)
            stream = container.streams.audio[0]
            resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    total = _append(parts, out, total, limit, max_seconds)
            for out in resampler.resample(None):  # flush the resampler's tail
                total = _append(parts, out, total, limit, max_seconds)
    except (av.FFmpegError, EOFError, ValueError) as exc:  # FFmpeg's own errors and truncation
        if not parts:
            raise BadAudio(f"The audio could not be decoded ({exc}).", hint=FORMATS_HINT) from exc
        # A recording cut off mid-frame (a dropped upload, a stopped MediaRecorder) still
        # carries what was said before the cut: keep it.
    if total == 0:
        raise BadAudio("The audio contains no samples.", hint="record for at least a moment")
    return PCM(np.concatenate(parts).astype(np.int16, copy=False), SAMPLE_RATE)


def _append(
    parts: list[np.ndarray], frame: av.AudioFrame, total: int, limit: int, max_seconds: float
) -> int:
    samples = frame.to_ndarray().reshape(-1)
    total += len(samples)
    if total > limit:
        raise AudioTooLarge(
            f"The audio is longer than {max_seconds:g} seconds.", hint="send a shorter recording"
        )
    parts.append(samples)
    return total
