"""Fake OpenAI and ElevenLabs speech servers on 127.0.0.1: they check what the real ones
require (path, auth header, JSON body) and answer with real audio in the real format."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import numpy as np

from acorn.voice.encode import encode
from acorn.voice.types import PCM


def tone(seconds: float, rate: int) -> PCM:
    t = np.arange(int(seconds * rate)) / rate
    return PCM((np.sin(2 * np.pi * 220 * t) * 8000).astype(np.int16), rate)


@dataclass
class Seen:
    requests: list[dict[str, Any]] = field(default_factory=list)


def _handler(kind: str, key: str, seen: Seen) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _reply(self, status: int, body: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            url = urlsplit(self.path)
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            body = json.loads(raw) if raw else None
            seen.requests.append(
                {
                    "path": url.path,
                    "query": parse_qs(url.query),
                    "headers": dict(self.headers),
                    "json": body,
                }
            )
            if self.headers.get("Content-Type") != "application/json":
                return self._reply(415, b'{"error":"json expected"}', "application/json")
            if kind == "openai":
                if self.headers.get("Authorization") != f"Bearer {key}":
                    return self._reply(401, b'{"error":{"message":"bad key"}}', "application/json")
                if url.path != "/v1/audio/speech" or not {"model", "input", "voice"} <= set(body):
                    return self._reply(
                        400, b'{"error":{"message":"bad request"}}', "application/json"
                    )
                words = len(body["input"].split())
                # What OpenAI sends: a 24 kHz mono 16-bit WAV.
                return self._reply(200, encode(tone(0.3 * words, 24_000), "wav"), "audio/wav")
            if self.headers.get("xi-api-key") != key:
                return self._reply(
                    401, b'{"detail":{"status":"invalid_api_key"}}', "application/json"
                )
            parts = url.path.split("/")
            if parts[:4] != ["", "v1", "text-to-speech", parts[3]] or len(parts) != 4:
                return self._reply(404, b'{"detail":"not found"}', "application/json")
            if parse_qs(url.query).get("output_format") != ["pcm_16000"]:
                return self._reply(400, b'{"detail":"output_format"}', "application/json")
            words = len(body["text"].split())
            # What ElevenLabs sends for pcm_16000: bare little-endian 16-bit samples.
            return self._reply(
                200, tone(0.3 * words, 16_000).samples.astype("<i2").tobytes(), "audio/pcm"
            )

    return Handler


@contextmanager
def speech_server(kind: str, key: str = "sk-test") -> Iterator[tuple[str, Seen]]:
    seen = Seen()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(kind, key, seen))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
