"""ElevenLabs: ``POST {base}/v1/text-to-speech/{voice_id}?output_format=pcm_16000``.

Raw 16 kHz PCM comes back, so there is nothing to decode and the audio is already at the
rate the rest of the voice pipeline uses. The key is ``ACORN_TTS_API_KEY`` (sent as
``xi-api-key``), the model ``ACORN_TTS_MODEL``; the voice id is the agent's ``voice.voice_id``
or the server's ``ACORN_TTS_VOICE``; ``stability`` and ``similarity_boost`` are per agent.
``ACORN_TTS_BASE_URL`` points it elsewhere (a proxy, or a fake server in tests).
"""

from __future__ import annotations

from typing import Any

import httpx

from acorn.config import Settings, VoiceConfig
from acorn.errors import ConfigurationError
from acorn.voice.tts.base import silence
from acorn.voice.tts.wav import read_pcm16
from acorn.voice.types import PCM

DEFAULT_BASE_URL = "https://api.elevenlabs.io"
DEFAULT_MODEL = "eleven_multilingual_v2"
OUTPUT_FORMAT = "pcm_16000"
OUTPUT_RATE = 16_000
MIN_SPEED, MAX_SPEED = 0.7, 1.2  # the range ElevenLabs accepts


class ElevenLabsTTS:
    def __init__(self, settings: Settings, *, transport: httpx.BaseTransport | None = None) -> None:
        if not settings.tts_api_key:
            raise ConfigurationError(
                "the elevenlabs voice needs an API key", hint="set ACORN_TTS_API_KEY"
            )
        self.base_url = (settings.tts_base_url or DEFAULT_BASE_URL).rstrip("/")
        self.model = settings.tts_model or DEFAULT_MODEL
        self.default_voice = settings.tts_voice
        self.name = f"elevenlabs:{self.model}"
        self._client = httpx.Client(
            headers={"xi-api-key": settings.tts_api_key},
            timeout=settings.tts_timeout_seconds,
            transport=transport,
        )

    def synthesize(self, text: str, *, language: str, voice: VoiceConfig) -> PCM:
        if not text.strip():
            return silence(OUTPUT_RATE)
        voice_id = voice.voice_id or self.default_voice
        if not voice_id:
            raise ConfigurationError(
                "the elevenlabs voice needs a voice id",
                hint="set the agent's voice.voice_id, or ACORN_TTS_VOICE for every agent",
            )
        settings: dict[str, Any] = {
            "stability": voice.stability,
            "similarity_boost": voice.similarity_boost,
        }
        if voice.speaking_rate != 1.0:
            settings["speed"] = min(MAX_SPEED, max(MIN_SPEED, voice.speaking_rate))
        body = {"text": text, "model_id": self.model, "voice_settings": settings}
        try:
            resp = self._client.post(
                f"{self.base_url}/v1/text-to-speech/{voice_id}",
                params={"output_format": OUTPUT_FORMAT},
                json=body,
            )
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise ConfigurationError(
                f"speech request to {self.base_url} failed: {exc}",
                hint="check ACORN_TTS_API_KEY, ACORN_TTS_VOICE (a voice id) and ACORN_TTS_MODEL",
            ) from exc
        return read_pcm16(resp.content, OUTPUT_RATE)
