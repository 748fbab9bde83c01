"""Turn-taking: when the visitor starts speaking (barge-in) and when they have finished (end of
turn), from a stream of 16 kHz PCM, with WebRTC's voice-activity detector (``webrtcvad``).

End of turn is a run of non-speech frames after speech. Its length is the latency every reply
waits for, so it is short (``end_silence_ms``) but not so short that a pause between words
cuts the question; a turn also ends at ``max_turn_seconds``. Speech starts after
``start_ms`` of mostly voiced frames, so a click or a cough does not interrupt the reply.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import webrtcvad

from acorn.voice.types import PCM, SAMPLE_RATE

FRAME_MS = 20
FRAME_SAMPLES = SAMPLE_RATE * FRAME_MS // 1000


@dataclass
class TurnEvent:
    kind: Literal["speech_started", "turn_ended"]
    audio: PCM | None = None  # the whole utterance, for turn_ended


@dataclass
class TurnDetector:
    aggressiveness: int = 2  # webrtcvad 0..3: higher rejects more noise as non-speech
    start_ms: int = 120
    end_silence_ms: int = 400
    max_turn_seconds: float = 30.0
    pre_roll_ms: int = 200  # audio kept from before speech started, so the first word is whole
    # Frames quieter than this (RMS of int16 samples; ~ -50 dBFS) are never speech: the VAD
    # alone takes steady faint hiss for voice.
    min_rms: float = 100.0
    _vad: webrtcvad.Vad = field(init=False, repr=False)
    _pending: np.ndarray = field(init=False, repr=False)
    _recent: deque[bool] = field(init=False, repr=False)
    _pre: deque[np.ndarray] = field(init=False, repr=False)
    _utterance: list[np.ndarray] = field(init=False, repr=False)
    _silence_frames: int = field(init=False, default=0)
    speaking: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self._vad = webrtcvad.Vad(self.aggressiveness)
        self._pending = np.zeros(0, dtype=np.int16)
        self._recent = deque(maxlen=max(1, self.start_ms // FRAME_MS))
        self._pre = deque(maxlen=max(1, self.pre_roll_ms // FRAME_MS))
        self._utterance = []

    def reset(self) -> None:
        self.__post_init__()
        self._silence_frames = 0
        self.speaking = False

    @property
    def utterance_seconds(self) -> float:
        return sum(len(f) for f in self._utterance) / SAMPLE_RATE

    def current(self) -> PCM:
        """The utterance so far (for partial transcripts)."""
        if not self._utterance:
            return PCM(np.zeros(0, dtype=np.int16))
        return PCM(np.concatenate(self._utterance))

    def feed(self, samples: np.ndarray) -> list[TurnEvent]:
        """Add 16 kHz int16 samples; returns what happened in them, in order."""
        events: list[TurnEvent] = []
        data = np.concatenate([self._pending, samples.astype(np.int16, copy=False)])
        whole = len(data) // FRAME_SAMPLES * FRAME_SAMPLES
        self._pending = data[whole:]
        for start in range(0, whole, FRAME_SAMPLES):
            frame = data[start : start + FRAME_SAMPLES]
            loud = float(np.sqrt(np.mean(frame.astype(np.float32) ** 2))) >= self.min_rms
            voiced = loud and self._vad.is_speech(frame.tobytes(), SAMPLE_RATE)
            event = self._step(frame, voiced)
            if event is not None:
                events.append(event)
        return events

    def _step(self, frame: np.ndarray, voiced: bool) -> TurnEvent | None:
        self._recent.append(voiced)
        if not self.speaking:
            self._pre.append(frame)
            full = len(self._recent) == self._recent.maxlen
            if full and sum(self._recent) >= 0.75 * len(self._recent):
                self.speaking = True
                self._silence_frames = 0
                self._utterance = list(self._pre)
                self._pre.clear()
                return TurnEvent("speech_started")
            return None
        self._utterance.append(frame)
        self._silence_frames = 0 if voiced else self._silence_frames + 1
        ended = self._silence_frames * FRAME_MS >= self.end_silence_ms
        if ended or self.utterance_seconds >= self.max_turn_seconds:
            return self.end()
        return None

    def end(self) -> TurnEvent | None:
        """End the turn now (the visitor pressed stop): the utterance, or None if silent."""
        if not self.speaking:
            return None
        audio = self.current()
        self.speaking = False
        self._utterance = []
        self._recent.clear()
        self._silence_frames = 0
        return TurnEvent("turn_ended", audio)
