"""Voice through the API on the indexed fixture bakery, with real speech from espeak-ng and the
offline engines: an upload in every container answers and speaks; bad audio is a clear 4xx;
the real-time socket finds the turn, answers, streams audio sentence by sentence, yields to
barge-in, and refuses missing, foreign and expired tokens."""

from __future__ import annotations

import base64
import io
import time
from typing import Any

import av
import jwt
import numpy as np
import pytest
from starlette.websockets import WebSocketDisconnect

from acorn.auth.secret import signing_key
from acorn.auth.tokens import ALGORITHM
from tests.voice.speech import espeak_wav, silence, spoken

pytestmark = pytest.mark.slow

QUESTION = "What is your phone number?"


def container(wav: bytes, fmt: str) -> bytes:
    """The WAV re-encoded as a browser or phone would send it."""
    codec, ext = {"webm": ("libopus", "webm"), "ogg": ("libopus", "ogg"),
                  "mp3": ("libmp3lame", "mp3"), "m4a": ("aac", "mp4")}[fmt]  # fmt: skip
    out = io.BytesIO()
    with av.open(io.BytesIO(wav)) as src, av.open(out, "w", format=ext) as dst:
        rate = 48000 if codec == "libopus" else 44100
        stream = dst.add_stream(codec, rate=rate)
        stream.layout = "mono"  # type: ignore[union-attr]
        resampler = av.AudioResampler(format=stream.format.name, layout="mono", rate=rate)  # type: ignore[union-attr]
        for frame in src.decode(audio=0):
            for f in resampler.resample(frame):
                for packet in stream.encode(f):  # type: ignore[union-attr]
                    dst.mux(packet)
        for packet in stream.encode(None):  # type: ignore[union-attr]
            dst.mux(packet)
    return out.getvalue()


def upload(client: Any, agent_id: str, data: bytes, name: str = "q.bin", **params: Any) -> Any:
    return client.post(f"/v1/agents/{agent_id}/voice", files={"audio": (name, data)}, params=params)


@pytest.mark.parametrize("fmt", ["wav", "webm", "ogg", "mp3", "m4a"])
def test_a_spoken_question_is_answered_and_spoken_back(client, indexed, fmt: str) -> None:  # type: ignore[no-untyped-def]
    wav = espeak_wav(QUESTION)
    data = wav if fmt == "wav" else container(wav, fmt)
    resp = upload(client, indexed.agent_id, data, name="question.txt")  # the name is not trusted
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert "phone" in body["transcript"].lower()
    assert body["answered"] and "01803 862 441" in body["answer"]
    assert body["sources"] and body["audio_url"].startswith("/v1/audio/")
    audio = client.get(body["audio_url"])
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/mpeg"
    with av.open(io.BytesIO(audio.content)) as reply:
        assert reply.duration and reply.duration / 1e6 > 1.0  # the number is read out


def test_bad_audio_is_a_clear_error(client, indexed) -> None:  # type: ignore[no-untyped-def]
    for data in (b"", b"not audio at all" * 100, espeak_wav(QUESTION)[:60]):
        resp = upload(client, indexed.agent_id, data)
        assert resp.status_code in (415, 422), resp.text
        assert resp.json()["error"] and resp.json()["hint"]
    huge = upload(client, indexed.agent_id, b"\0" * 11_000_000)
    assert huge.status_code == 413 and huge.json()["hint"]
    assert client.get("/v1/audio/" + "x" * 24).status_code == 404


def visitor_token(client: Any, indexed: Any, **claims: Any) -> tuple[str, str]:
    origin = indexed.site_url
    key = client.get(f"/v1/agents/{indexed.agent_id}/widget").json()["public_key"]
    minted = client.post(
        f"/v1/agents/{indexed.agent_id}/token", json={"public_key": key}, headers={"Origin": origin}
    )
    assert minted.status_code == 200, minted.text
    token = minted.json()["token"]
    if claims:  # the same token, re-signed with changed claims (expiry)
        payload = jwt.decode(token, options={"verify_signature": False})
        payload.update(claims)
        token = jwt.encode(payload, signing_key(indexed.settings), algorithm=ALGORITHM)
    return token, origin


def chunks(samples: np.ndarray, size: int = 3200) -> list[dict[str, str]]:
    return [
        {"type": "audio_chunk", "data": base64.b64encode(samples[i : i + size].tobytes()).decode()}
        for i in range(0, len(samples), size)
    ]


def receive_until(ws: Any, kind: str, limit: int = 200) -> list[dict[str, Any]]:
    seen = []
    for _ in range(limit):
        message = ws.receive_json()
        seen.append(message)
        if message["type"] in (kind, "error"):
            return seen
    raise AssertionError(f"no {kind} in {[m['type'] for m in seen]}")


def test_a_realtime_conversation_with_barge_in(client, indexed) -> None:  # type: ignore[no-untyped-def]
    token, origin = visitor_token(client, indexed)
    url = f"/v1/realtime/{indexed.agent_id}?key={token}"
    with client.websocket_connect(url, headers={"Origin": origin}) as ws:
        ws.send_json({"type": "start", "format": "pcm16", "sample_rate": 16000})
        assert ws.receive_json()["type"] == "ready"
        question = spoken(QUESTION)
        for message in chunks(np.concatenate([silence(0.5), question.samples, silence(1.0)])):
            ws.send_json(message)
        seen = receive_until(ws, "done")
        kinds = [m["type"] for m in seen]
        assert kinds[0] == "speech_started" and "error" not in kinds, seen
        transcript = next(m for m in seen if m["type"] == "transcript")
        assert "phone" in transcript["text"].lower()
        answer = next(m for m in seen if m["type"] == "answer")
        assert "01803 862 441" in answer["text"] and answer["sources"]
        audio = [m for m in seen if m["type"] == "audio_chunk"]
        assert audio and [m["seq"] for m in audio] == list(range(len(audio)))
        assert "first_audio_ms" in audio[0]
        assert kinds.index("answer") < kinds.index("audio_chunk") < kinds.index("done")

        # Barge-in: a new question while a long reply is still being spoken.
        long = spoken("Tell me everything about your bread, your cakes and your classes.")
        for message in chunks(np.concatenate([silence(0.3), long.samples, silence(1.0)])):
            ws.send_json(message)
        receive_until(ws, "answer")
        for message in chunks(np.concatenate([spoken("Wait, are you open on Sunday?").samples,
                                              silence(1.0)])):  # fmt: skip
            ws.send_json(message)
        seen = receive_until(ws, "done")
        kinds = [m["type"] for m in seen]
        if "interrupt" in kinds:  # the reply was still streaming: it stopped for the visitor
            assert kinds.index("interrupt") < kinds.index("transcript")
        sunday = [m for m in seen if m["type"] == "transcript"]
        assert sunday and "sunday" in sunday[-1]["text"].lower()


def test_realtime_refuses_bad_tokens(client, indexed) -> None:  # type: ignore[no-untyped-def]
    def closed_with(url: str, origin: str | None = None) -> int:
        headers = {"Origin": origin} if origin else {}
        with client.websocket_connect(url, headers=headers) as ws:
            assert ws.receive_json()["type"] == "error"
            with pytest.raises(WebSocketDisconnect) as closed:
                ws.receive_json()
        return closed.value.code

    agent = indexed.agent_id
    assert closed_with(f"/v1/realtime/{agent}") == 4401
    assert closed_with(f"/v1/realtime/{agent}?key=nonsense") == 4401
    expired, origin = visitor_token(client, indexed, exp=int(time.time()) - 5)
    assert closed_with(f"/v1/realtime/{agent}?key={expired}", origin) == 4401
    token, origin = visitor_token(client, indexed)
    assert closed_with(f"/v1/realtime/{'0' * 16}?key={token}", origin) == 4404  # not its agent
    assert closed_with(f"/v1/realtime/{agent}?key={token}", "https://evil.example.net") == 4403

    # A token that expires during the conversation ends it with 4440.
    soon, origin = visitor_token(client, indexed, exp=int(time.time()) + 2)
    with client.websocket_connect(
        f"/v1/realtime/{agent}?key={soon}", headers={"Origin": origin}
    ) as ws:
        ws.send_json({"type": "start", "format": "pcm16"})
        assert ws.receive_json()["type"] == "ready"
        time.sleep(2.5)
        ws.send_json({"type": "stop"})
        assert ws.receive_json()["type"] == "error"
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
        assert closed.value.code == 4440
