"""A real-time voice conversation over one WebSocket: the visitor's audio streams in, turns are
found by voice-activity detection, and each reply streams back sentence by sentence, so the
first audio leaves before the whole answer is spoken.

Client → server (JSON text frames):
    {"type": "start", "format": "pcm16" | "webm", "sample_rate": 16000}
    {"type": "audio_chunk", "data": "<base64>"}   pcm16: little-endian mono samples
                                                   webm: MediaRecorder's chunks, in order
    {"type": "stop"}                               end the turn now (push-to-talk release)
Server → client:
    ready · speech_started · partial_transcript {text} · transcript {text, language}
    answer {text, answered, sources} · audio_chunk {data, format, seq, text} · done
    interrupt (barge-in: the visitor spoke over the reply; its remaining audio is dropped)
    error {error, hint}

The transport is abstracted as ``send`` (an async callable taking a dict), so the same session
runs behind Starlette's WebSocket and in tests.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal

import numpy as np

from acorn.config import AgentConfig
from acorn.errors import AcornError
from acorn.voice.service import VoiceService
from acorn.voice.turns import TurnDetector
from acorn.voice.types import PCM, SAMPLE_RATE

Send = Callable[[dict[str, Any]], Awaitable[None]]
PARTIAL_EVERY_SECONDS = 0.8  # a partial transcript for each this much new speech
# Partial transcripts only from an engine this much faster than real time (seconds of work per
# second of audio, measured on the session's own turns): a slower one would still be busy with
# a partial when the turn ends, and the reply would wait for both.
PARTIAL_MAX_REAL_TIME_FACTOR = 0.35
MAX_SESSION_AUDIO_SECONDS = 600.0


class ProtocolError(AcornError):
    http_status = 400


def resample(samples: np.ndarray, rate: int) -> np.ndarray:
    """Linear resampling to 16 kHz: enough for speech recognition, and no extra library for
    the one case (raw PCM at a browser's 44.1/48 kHz) that needs it."""
    if rate == SAMPLE_RATE or len(samples) == 0:
        return samples
    n = round(len(samples) * SAMPLE_RATE / rate)
    positions = np.linspace(0, len(samples) - 1, n)
    return np.interp(positions, np.arange(len(samples)), samples).astype(np.int16)


@dataclass
class RealtimeSession:
    voice: VoiceService
    agent_id: str
    session_id: str | None
    send: Send
    config: AgentConfig
    audio_format: Literal["webm", "ogg", "mp3", "wav"] = "webm"  # how replies are encoded
    channel: str = "voice"
    detector: TurnDetector = field(default_factory=TurnDetector)
    _input: str = field(init=False, default="pcm16")
    _rate: int = field(init=False, default=SAMPLE_RATE)
    _webm: bytearray = field(init=False, default_factory=bytearray)
    _webm_fed: int = field(init=False, default=0)
    _reply: asyncio.Task[None] | None = field(init=False, default=None)
    _partial_at: float = field(init=False, default=0.0)
    _partial: asyncio.Task[None] | None = field(init=False, default=None)
    _real_time_factor: float | None = field(init=False, default=None)
    _heard: float = field(init=False, default=0.0)
    started: bool = field(init=False, default=False)

    async def handle(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "start":
            self._input = str(message.get("format") or "pcm16")
            if self._input not in ("pcm16", "webm"):
                raise ProtocolError(
                    f"unsupported audio format {self._input!r}",
                    hint='send "pcm16" (16-bit mono) or "webm" (MediaRecorder)',
                )
            self._rate = int(message.get("sample_rate") or SAMPLE_RATE)
            if not 8000 <= self._rate <= 96000:
                raise ProtocolError(f"unsupported sample rate {self._rate}")
            self.detector.reset()
            self._webm.clear()
            self._webm_fed = 0
            self.started = True
            await self.send({"type": "ready", "session_id": self.session_id})
        elif kind == "audio_chunk":
            if not self.started:
                raise ProtocolError("send start before audio", hint='{"type": "start"}')
            await self._audio(str(message.get("data") or ""))
        elif kind == "stop":
            event = self.detector.end()
            if event is not None and event.audio is not None:
                await self._turn(event.audio)
        else:
            raise ProtocolError(
                f"unknown message type {kind!r}", hint="use start, audio_chunk or stop"
            )

    async def _audio(self, data: str) -> None:
        try:
            raw = base64.b64decode(data, validate=True)
        except ValueError:
            raise ProtocolError("audio_chunk data is not base64") from None
        samples = await self._samples(raw)
        self._heard += len(samples) / SAMPLE_RATE
        if self._heard > MAX_SESSION_AUDIO_SECONDS:
            raise ProtocolError("this session has sent too much audio", hint="start a new one")
        for event in self.detector.feed(samples):
            if event.kind == "speech_started":
                await self._barge_in()
                self._partial_at = 0.0
                await self.send({"type": "speech_started"})
            elif event.audio is not None:
                await self._turn(event.audio)
        if self.detector.speaking:
            await self._maybe_partial()

    async def _samples(self, raw: bytes) -> np.ndarray:
        if self._input == "pcm16":
            usable = len(raw) // 2 * 2
            return resample(np.frombuffer(raw[:usable], dtype="<i2").astype(np.int16), self._rate)
        # A WebM stream cannot be decoded chunk by chunk (only the first has the header):
        # decode what has arrived so far and feed the detector the samples it has not seen.
        from acorn.voice.decode import decode

        self._webm.extend(raw)
        try:
            pcm = await asyncio.to_thread(decode, bytes(self._webm))
        except AcornError:
            return np.zeros(0, dtype=np.int16)  # not enough of the stream yet
        fresh = pcm.samples[self._webm_fed :]
        self._webm_fed = len(pcm.samples)
        return fresh

    async def _maybe_partial(self) -> None:
        """Start a partial transcript in the background (never blocking the audio being read,
        one at a time), once the engine has shown it is fast enough."""
        rtf = self._real_time_factor
        if rtf is None or rtf > PARTIAL_MAX_REAL_TIME_FACTOR:
            return
        if self._partial is not None and not self._partial.done():
            return
        heard = self.detector.utterance_seconds
        if heard - self._partial_at < PARTIAL_EVERY_SECONDS:
            return
        self._partial_at = heard
        self._partial = asyncio.create_task(self._send_partial(self.detector.current()))

    async def _send_partial(self, audio: PCM) -> None:
        text = await asyncio.to_thread(self._transcribe, audio)
        if text and self.detector.speaking:
            await self.send({"type": "partial_transcript", "text": text})

    def _transcribe(self, audio: PCM) -> str:
        return self.voice.transcribe(self.agent_id, audio, self.config).text.strip()

    async def _barge_in(self) -> None:
        if self._reply is not None and not self._reply.done():
            self._reply.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reply
            await self.send({"type": "interrupt"})
        self._reply = None

    async def _turn(self, audio: PCM) -> None:
        ended = time.perf_counter()
        transcript = await asyncio.to_thread(
            self.voice.transcribe, self.agent_id, audio, self.config
        )
        text = transcript.text.strip()
        await self.send({"type": "transcript", "text": text, "language": transcript.language})
        if not text:
            await self.send({"type": "done", "answered": False, "reason": "nothing heard"})
            return
        await self._barge_in()
        self._reply = asyncio.create_task(self._answer(text, ended))
        # The reply streams while more audio is read: the visitor may speak over it.

    async def _answer(self, question: str, ended: float) -> None:
        try:
            await self._stream_answer(question, ended)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a reply that fails must not end the conversation silently
            if isinstance(exc, AcornError):
                error = {"type": "error", "error": exc.message, "hint": exc.hint}
            else:
                error = {
                    "type": "error",
                    "error": f"the reply failed: {type(exc).__name__}",
                    "hint": "ask again; if it keeps failing, the server log has the details",
                }
            with contextlib.suppress(Exception):  # the visitor may have gone meanwhile
                await self.send(error)

    async def _stream_answer(self, question: str, ended: float) -> None:
        from acorn.voice.encode import encode

        answers = self.voice.answers
        turn_id = secrets.token_urlsafe(12)  # for POST .../feedback, as a typed answer has
        result = await asyncio.to_thread(
            partial(answers.answer, channel=self.channel, turn_id=turn_id),
            self.agent_id,
            question,
            self.session_id,
        )
        await self.send(
            {
                "type": "answer",
                "turn_id": turn_id,
                "text": result.text,
                "answered": result.answered,
                "sources": [{"url": s.url, "title": s.title} for s in result.sources],
            }
        )
        pieces = self.voice.spoken(result.text, self.config)
        seq = 0
        while True:
            item = await asyncio.to_thread(next, pieces, None)
            if item is None:
                break
            sentence, pcm = item
            data = await asyncio.to_thread(encode, pcm, self.audio_format)
            message = {
                "type": "audio_chunk",
                "data": base64.b64encode(data).decode("ascii"),
                "format": self.audio_format,
                "seq": seq,
                "text": sentence,
            }
            if seq == 0:
                message["first_audio_ms"] = round((time.perf_counter() - ended) * 1000, 1)
            await self.send(message)
            seq += 1
        await self.send({"type": "done", "answered": result.answered})

    async def close(self) -> None:
        """Stop whatever is still running for a client that has gone."""
        for task in (self._reply, self._partial):
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task

    async def wait_reply(self) -> None:
        """Wait for the reply being streamed, if any (tests, and a clean close)."""
        if self._reply is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._reply
