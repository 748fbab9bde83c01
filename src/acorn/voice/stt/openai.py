"""Speech-to-text from any OpenAI-compatible server: ``POST {base}/audio/transcriptions`` with
the clip as a multipart WAV file and the model name, ``{"text": ...}`` back (OpenAI, Groq, a
local whisper.cpp or vLLM server). Settings: ``ACORN_STT_BASE_URL``, ``ACORN_STT_API_KEY``,
``ACORN_STT_MODEL``."""

from __future__ import annotations

import io
import wave

import httpx

from acorn.config import Settings
from acorn.errors import ConfigurationError, FetchFailed
from acorn.voice.types import PCM, Transcript


def wav_bytes(audio: PCM) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(audio.rate)
        w.writeframes(audio.samples.astype("<i2").tobytes())
    return buf.getvalue()


class OpenAISTT:
    name = "openai"

    def __init__(self, settings: Settings, *, client: httpx.Client | None = None) -> None:
        if not settings.stt_base_url:
            raise ConfigurationError(
                "The openai speech-to-text provider needs a server.",
                hint="set ACORN_STT_BASE_URL (e.g. https://api.openai.com/v1)",
            )
        self.url = settings.stt_base_url.rstrip("/") + "/audio/transcriptions"
        self.model = settings.stt_model
        headers = (
            {"Authorization": f"Bearer {settings.stt_api_key}"} if settings.stt_api_key else {}
        )
        self.client = client or httpx.Client(headers=headers, timeout=settings.stt_timeout_seconds)

    def transcribe(
        self, audio: PCM, *, language: str | None = None, agent_id: str | None = None
    ) -> Transcript:
        data = {"model": self.model, "response_format": "json"}
        if language:
            data["language"] = language
        files = {"file": ("speech.wav", wav_bytes(audio), "audio/wav")}
        try:
            response = self.client.post(self.url, data=data, files=files)
            response.raise_for_status()
            text = str(response.json()["text"]).strip()
        except (httpx.HTTPError, ValueError, KeyError) as exc:
            raise FetchFailed(
                f"The speech-to-text server failed ({exc}).",
                hint="check ACORN_STT_BASE_URL, ACORN_STT_API_KEY and ACORN_STT_MODEL",
            ) from exc
        return Transcript(text=text, language=language, words=text.split())
