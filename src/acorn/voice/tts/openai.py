"""Any OpenAI-compatible ``POST {base}/audio/speech`` endpoint (OpenAI, and the local servers
that copy its protocol: Kokoro-FastAPI, openedai-speech, LocalAI...).

Asks for WAV so the reply is PCM without a decoder; base URL, key, model and voice come from
settings (``ACORN_TTS_*``), the voice overridable per agent (``voice.voice_id``).
"""

from __future__ import annotations

from typing import Any

import httpx

from acorn.config import Settings, VoiceConfig
from acorn.errors import ConfigurationError
from acorn.voice.tts.base import silence
from acorn.voice.tts.wav import read_wav
from acorn.voice.types import PCM

DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_MODEL = "tts-1"
DEFAULT_VOICE = "alloy"
OUTPUT_RATE = 24_000  # what OpenAI's voices produce; only used for empty text
MIN_SPEED, MAX_SPEED = 0.25, 4.0


class OpenAITTS:
    def __init__(self, settings: Settings, *, transport: httpx.BaseTransport | None = None) -> None:
        self.base_url = (settings.tts_base_url or DEFAULT_BASE_URL).rstrip("/")
        if self.base_url == DEFAULT_BASE_URL and not settings.tts_api_key:
            raise ConfigurationError(
                "the openai voice needs an API key",
                hint="set ACORN_TTS_API_KEY, or ACORN_TTS_BASE_URL to a local OpenAI-compatible server",
            )
        self.model = settings.tts_model or DEFAULT_MODEL
        self.default_voice = settings.tts_voice or DEFAULT_VOICE
        self.name = f"openai:{self.model}"
        headers = (
            {"Authorization": f"Bearer {settings.tts_api_key}"} if settings.tts_api_key else {}
        )
        self._client = httpx.Client(
            headers=headers, timeout=settings.tts_timeout_seconds, transport=transport
        )

    def synthesize(self, text: str, *, language: str, voice: VoiceConfig) -> PCM:
        if not text.strip():
            return silence(OUTPUT_RATE)
        body: dict[str, Any] = {
            "model": self.model,
            "input": text,
            "voice": voice.voice_id or self.default_voice,
            "response_format": "wav",
        }
        if voice.speaking_rate != 1.0:
            body["speed"] = min(MAX_SPEED, max(MIN_SPEED, voice.speaking_rate))
        try:
            resp = self._client.post(f"{self.base_url}/audio/speech", json=body)
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise ConfigurationError(
                f"speech request to {self.base_url} failed: {exc}",
                hint="check ACORN_TTS_BASE_URL, ACORN_TTS_API_KEY, ACORN_TTS_MODEL and ACORN_TTS_VOICE",
            ) from exc
        return read_wav(resp.content, source=self.base_url)
