"""Round trip: synthesised speech, encoded, decoded again by PyAV, lasts as long."""

from __future__ import annotations

import numpy as np
import pytest

from acorn.config import VoiceConfig
from acorn.voice.encode import MEDIA_TYPES, encode
from acorn.voice.tts.espeak import EspeakTTS
from acorn.voice.types import PCM
from tests.voice.audio import decoded_seconds

CODECS = {"webm": "opus", "ogg": "opus", "mp3": "mp3", "wav": "pcm_s16le"}


@pytest.fixture(scope="module")
def speech() -> PCM:
    return EspeakTTS().synthesize(
        "Thanks for calling. We open at nine tomorrow.", language="en", voice=VoiceConfig()
    )


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["webm", "ogg", "mp3", "wav"])
def test_round_trip(speech: PCM, fmt) -> None:
    data = encode(speech, fmt)
    seconds, codec = decoded_seconds(data)
    assert codec.startswith(CODECS[fmt])
    # Opus and MP3 pad a few ms at the edges; anything more would be lost or added speech.
    assert seconds == pytest.approx(speech.seconds, abs=0.06)
    if fmt != "wav":
        assert len(data) < len(encode(speech, "wav")) / 4  # compressed


@pytest.mark.parametrize("fmt", ["webm", "ogg", "mp3", "wav"])
def test_empty_audio_is_still_a_file(fmt) -> None:
    data = encode(PCM(np.zeros(0, dtype=np.int16), 16_000), fmt)
    assert decoded_seconds(data)[0] <= 0.05


def test_media_types() -> None:
    assert MEDIA_TYPES == {
        "webm": "audio/webm",
        "ogg": "audio/ogg",
        "mp3": "audio/mpeg",
        "wav": "audio/wav",
    }
    with pytest.raises(ValueError):
        encode(PCM(np.zeros(10, dtype=np.int16)), "flac")  # type: ignore[arg-type]
