"""The speech-to-text seam: one method, PCM in, :class:`Transcript` out."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from acorn.voice.types import PCM, Transcript


@runtime_checkable
class SpeechToText(Protocol):
    """A recogniser. ``agent_id`` lets an engine use what it knows about that agent's site
    (pocketsphinx decodes against the agent's own language model); others ignore it.
    ``language`` (ISO 639-1) skips detection where the engine detects."""

    name: str

    def transcribe(
        self, audio: PCM, *, language: str | None = None, agent_id: str | None = None
    ) -> Transcript: ...
