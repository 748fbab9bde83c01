"""decode(): every container a browser or phone sends comes out as 16 kHz mono int16, and
everything else is refused with the right 4xx."""

from __future__ import annotations

import numpy as np
import pytest

from acorn.errors import AudioTooLarge, BadAudio, UnsupportedAudio
from acorn.voice.decode import decode
from tests.voice.audio_support import encode, speak, wav_bytes

CONTAINERS = ["wav", "webm", "ogg", "mp3", "m4a"]


@pytest.fixture(scope="module")
def spoken() -> bytes:
    return speak("What are your opening hours on Saturday?")


@pytest.mark.parametrize("container", CONTAINERS)
def test_every_container_decodes_to_16k_mono(spoken: bytes, container: str) -> None:
    pcm = decode(encode(spoken, container))
    assert pcm.rate == 16_000
    assert pcm.samples.dtype == np.int16 and pcm.samples.ndim == 1
    assert 2.0 < pcm.seconds < 3.5  # espeak's ~2.6 s, give or take codec padding
    assert np.abs(pcm.samples).max() > 5_000  # speech, not silence


def test_other_voices_and_rates(spoken: bytes) -> None:
    for voice, speed in [("en-gb", 120), ("de", 180)]:
        assert decode(encode(speak("Guten Tag", voice=voice, speed=speed), "webm")).seconds > 0.3


@pytest.mark.parametrize(
    "data",
    [b"hello world, this is not audio", b"<html><body>hi</body></html>", b"\x89PNG\r\n\x1a\n" * 8],
)
def test_not_audio_is_415(data: bytes) -> None:
    with pytest.raises(UnsupportedAudio) as err:
        decode(data)
    assert err.value.http_status == 415 and err.value.hint


def test_empty_is_422() -> None:
    with pytest.raises(BadAudio) as err:
        decode(b"")
    assert err.value.http_status == 422


@pytest.mark.parametrize("container", ["webm", "ogg", "mp3", "m4a"])
def test_corrupt_body_is_422(spoken: bytes, container: str) -> None:
    good = encode(spoken, container)
    bad = good[:16] + bytes(len(good) - 16)  # right magic, garbage after
    with pytest.raises(BadAudio) as err:
        decode(bad)
    assert err.value.http_status in (415, 422)


def test_header_only_wav_has_no_samples() -> None:
    with pytest.raises(BadAudio) as err:
        decode(wav_bytes(np.zeros(0, dtype=np.int16), 16_000))
    assert err.value.http_status == 422


def test_truncated_recording_keeps_what_was_said(spoken: bytes) -> None:
    webm = encode(spoken, "webm")
    pcm = decode(webm[: len(webm) // 2])  # a stopped upload
    assert 0.5 < pcm.seconds < 2.0


def test_too_many_bytes_is_413(spoken: bytes) -> None:
    with pytest.raises(AudioTooLarge) as err:
        decode(spoken, max_bytes=1000)
    assert err.value.http_status == 413


def test_too_long_is_413_before_decoding_it_all() -> None:
    ten_minutes = wav_bytes(np.zeros(16_000 * 600, dtype=np.int16), 16_000)
    with pytest.raises(AudioTooLarge):
        decode(ten_minutes, max_bytes=len(ten_minutes) + 1, max_seconds=60)
    with pytest.raises(AudioTooLarge):
        decode(encode(speak("one two three four five six"), "mp3"), max_seconds=1.0)
