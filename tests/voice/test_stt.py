"""The speech-to-text providers on real (espeak-ng) speech, and the registry."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jiwer
import pytest

from acorn.config import Settings
from acorn.errors import ConfigurationError, FetchFailed
from acorn.voice.decode import decode
from acorn.voice.stt import SpeechToText, get_stt
from acorn.voice.words import spoken
from tests.voice.audio_support import encode, speak


def _settings(tmp_path: Path, **kw: Any) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path / "data", **kw)  # type: ignore[call-arg]


def test_unknown_provider_names_the_choices(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError) as err:
        get_stt(_settings(tmp_path), "nope")
    assert "pocketsphinx" in str(err.value.hint)


@pytest.mark.slow
def test_pocketsphinx_generic_transcribes_a_question(tmp_path: Path) -> None:
    stt = get_stt(_settings(tmp_path), "pocketsphinx")
    assert isinstance(stt, SpeechToText)
    pcm = decode(encode(speak("Are you open on Saturday?", speed=140), "webm"))
    out = stt.transcribe(pcm)
    assert out.language == "en"
    assert {"open", "saturday"} <= set(out.words)


@pytest.mark.slow
def test_whisper_transcribes_english_and_detects_german(tmp_path: Path) -> None:
    stt = get_stt(_settings(tmp_path), "whisper")
    english = stt.transcribe(decode(encode(speak("How much does a loaf of bread cost?"), "ogg")))
    assert english.language == "en"
    assert jiwer.wer("how much does a loaf of bread cost", spoken(english.text)) <= 0.25
    german = stt.transcribe(
        decode(
            speak(
                "Guten Tag. Wann haben Sie am Samstag geöffnet, und kann ich einen Termin buchen?",
                voice="de",
                speed=140,
            )
        )
    )
    assert german.language == "de"
    assert "tag" in spoken(german.text)
    assert (tmp_path / "data" / "models" / "whisper-base" / "model.bin").exists()


class _Transcriptions(BaseHTTPRequestHandler):
    """The OpenAI wire protocol: multipart form (file + model) in, {"text": ...} out."""

    seen: list[dict[str, Any]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        head = f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode()
        form = BytesParser(policy=HTTP).parsebytes(head + body)
        parts = {p.get_param("name", header="content-disposition"): p for p in form.iter_parts()}
        audio = parts["file"].get_payload(decode=True)
        self.seen.append(
            {
                "path": self.path,
                "auth": self.headers.get("Authorization"),
                "model": parts["model"].get_content().strip(),
                "seconds": decode(audio).seconds,
            }
        )
        payload = json.dumps({"text": "Do you have parking?"}).encode()
        status = 200 if self.headers.get("Authorization") == "Bearer sk-test" else 401
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def fake_openai() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Transcriptions)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_openai_compatible_server(tmp_path: Path, fake_openai: str) -> None:
    settings = _settings(tmp_path, stt_base_url=fake_openai, stt_api_key="sk-test", stt_model="m1")
    stt = get_stt(settings, "openai")
    pcm = decode(speak("Do you have parking?"))
    out = stt.transcribe(pcm, language="en")
    assert out.text == "Do you have parking?" and out.language == "en"
    seen = _Transcriptions.seen[-1]
    assert seen["path"] == "/v1/audio/transcriptions" and seen["model"] == "m1"
    assert abs(seen["seconds"] - pcm.seconds) < 0.01  # the clip went over the wire whole

    wrong_key = get_stt(_settings(tmp_path, stt_base_url=fake_openai, stt_api_key="x"), "openai")
    with pytest.raises(FetchFailed):
        wrong_key.transcribe(pcm)


def test_openai_without_a_server_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError) as err:
        get_stt(_settings(tmp_path), "openai")
    assert "ACORN_STT_BASE_URL" in str(err.value.hint)
