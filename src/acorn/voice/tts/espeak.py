"""eSpeak NG through ctypes: the offline default voice, in about a hundred languages.

Why this engine: it is tiny, starts instantly, speaks a two-sentence reply in milliseconds
on one core and needs nothing but the ``espeakng-loader`` wheel, which ships the shared
library *and* its data (no system package, nothing fetched at run time). It sounds robotic;
the natural-sounding voices are ``piper-joe``, ``piper`` and the remote providers.

libespeak-ng keeps one global synthesiser per process and is not re-entrant, so the binding
is a process-wide singleton and every synthesis holds :data:`_LOCK`. Output is synchronous
(``AUDIO_OUTPUT_SYNCHRONOUS``): ``espeak_Synth`` returns once the callback has been handed
every sample, so nothing plays and nothing is written to disk.
"""

from __future__ import annotations

import ctypes
import threading
from functools import cache

import numpy as np

from acorn.config import VoiceConfig
from acorn.errors import ConfigurationError, MissingExtra
from acorn.voice.tts.base import silence
from acorn.voice.types import PCM

PACKAGE = "espeakng-loader"
AUDIO_OUTPUT_SYNCHRONOUS = 2
ESPEAK_RATE = 1  # espeak_PARAMETER: words per minute
ESPEAK_DEFAULT_WPM = 175  # the library's own default, our speaking_rate 1.0
MIN_WPM, MAX_WPM = 80, 450  # the range the library accepts
POS_CHARACTER = 1
CHARS_UTF8 = 1
EE_OK = 0

# A language's usual voice where the bare code is not itself a voice name (espeak-ng names
# American English "en-us", and "en" is British). Other codes are voice names already.
LANGUAGE_VOICES = {"en": "en-us", "pt": "pt-br", "zh": "cmn", "nb": "nb", "no": "nb"}
FALLBACK_VOICE = "en-us"

_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)
_LOCK = threading.Lock()


class _Engine:
    """The loaded library; one per process (see :func:`_engine`)."""

    def __init__(self) -> None:
        try:
            import espeakng_loader
        except ImportError as exc:  # pragma: no cover - a core dependency
            raise MissingExtra(
                "the espeak voice needs the espeak-ng library", hint=f"pip install {PACKAGE}"
            ) from exc
        lib = ctypes.CDLL(espeakng_loader.get_library_path())
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetSynthCallback.argtypes = [_CALLBACK]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetParameter.restype = ctypes.c_int
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        lib.espeak_Synth.restype = ctypes.c_int
        data = espeakng_loader.get_data_path().encode()
        rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data, 0)
        if rate <= 0:
            raise ConfigurationError(
                "espeak-ng could not start (its data folder is missing or unreadable)",
                hint=f"reinstall it: pip install --force-reinstall {PACKAGE}",
            )
        self.lib = lib
        self.rate = int(rate)
        self._chunks: list[bytes] = []
        # Kept on the instance: ctypes would free a callback that nothing references.
        self._callback = _CALLBACK(self._collect)
        lib.espeak_SetSynthCallback(self._callback)
        self._voice: str | None = None

    def _collect(
        self, wav: ctypes._Pointer[ctypes.c_short] | None, count: int, _events: int
    ) -> int:
        if wav and count > 0:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        return 0  # 0: carry on

    def _set_voice(self, name: str) -> None:
        if name == self._voice:
            return
        if self.lib.espeak_SetVoiceByName(name.encode()) != EE_OK:
            if self.lib.espeak_SetVoiceByName(FALLBACK_VOICE.encode()) != EE_OK:
                raise ConfigurationError(f"espeak-ng has no voice {name!r} nor {FALLBACK_VOICE!r}")
            name = FALLBACK_VOICE
        self._voice = name

    def speak(self, text: str, voice_name: str, wpm: int) -> np.ndarray:
        raw = text.encode("utf-8")
        with _LOCK:
            self._set_voice(voice_name)
            self.lib.espeak_SetParameter(ESPEAK_RATE, wpm, 0)
            self._chunks = []
            status = self.lib.espeak_Synth(
                raw, len(raw) + 1, 0, POS_CHARACTER, 0, CHARS_UTF8, None, None
            )
            chunks, self._chunks = self._chunks, []
        if status != EE_OK:
            raise ConfigurationError(f"espeak-ng failed to synthesise (error {status})")
        return np.frombuffer(b"".join(chunks), dtype=np.int16).copy()


@cache
def _engine() -> _Engine:
    return _Engine()


def voice_for(language: str, voice: VoiceConfig) -> str:
    """The agent's chosen voice when it speaks ``language`` ("en-gb" for "en"), else that
    language's usual voice: a German reply is never read by an English voice."""
    language = (language or voice.language or "en").lower().split("-")[0]
    chosen = voice.voice.lower()
    if chosen.split("-")[0] == language:
        return chosen
    return LANGUAGE_VOICES.get(language, language)


def words_per_minute(speaking_rate: float) -> int:
    return max(MIN_WPM, min(MAX_WPM, round(ESPEAK_DEFAULT_WPM * speaking_rate)))


class EspeakTTS:
    name = "espeak"

    def __init__(self) -> None:
        self._engine = _engine()
        self.rate = self._engine.rate

    def synthesize(self, text: str, *, language: str, voice: VoiceConfig) -> PCM:
        if not text.strip():
            return silence(self.rate)
        samples = self._engine.speak(
            text, voice_for(language, voice), words_per_minute(voice.speaking_rate)
        )
        return PCM(samples, self.rate)
