"""Voice turn latency over the WebSocket: from the end of the visitor's speech to the first
audio byte of the reply, end-of-turn detection included; and the ``POST .../voice`` round trip.

    .venv/bin/python bench/voice_turns.py [--site ../shared/sites/ids] [--questions 12]
                                          [--stt whisper|pocketsphinx]

A shared site (default ``ids``) is served on loopback, crawled and indexed; then its questions,
spoken by espeak-ng, stream to a real server at real-time pace in 20 ms frames, as a microphone
would send them, followed by silence until the reply's first audio arrives. Prints p50/p95 of
that wait and of its parts as the server saw them (first_audio_ms counts from the end of turn).
"""

from __future__ import annotations

import argparse
import base64
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.query import index_site, pct  # noqa: E402
from tests.voice.speech import espeak_wav, silence, spoken  # noqa: E402

SHARED = REPO.parent / "shared" / "sites"
FRAME = 320  # 20 ms at 16 kHz


def turn(url: str, origin: str, audio: np.ndarray) -> dict:
    from websockets.sync.client import connect

    with connect(url, additional_headers={"Origin": origin}, max_size=None) as ws:
        ws.send(json.dumps({"type": "start", "format": "pcm16", "sample_rate": 16000}))
        assert json.loads(ws.recv())["type"] == "ready"
        stream = np.concatenate([silence(0.3), audio])
        start = time.perf_counter()
        for i in range(0, len(stream), FRAME):  # real time: a microphone's pace
            frame = stream[i : i + FRAME]
            ws.send(
                json.dumps(
                    {"type": "audio_chunk", "data": base64.b64encode(frame.tobytes()).decode()}
                )
            )
            time.sleep(max(0.0, start + (i + FRAME) / 16000 - time.perf_counter()))
        speech_end = time.perf_counter()
        tail = silence(0.02)
        out: dict = {}
        while True:  # keep the microphone open (silence) until the reply's first audio
            ws.send(
                json.dumps(
                    {"type": "audio_chunk", "data": base64.b64encode(tail.tobytes()).decode()}
                )
            )
            try:
                message = json.loads(ws.recv(timeout=0.02))
            except TimeoutError:
                continue
            if message["type"] == "transcript":
                out["transcript"] = message["text"]
                out["transcript_ms"] = (time.perf_counter() - speech_end) * 1000
            if message["type"] == "audio_chunk":
                out["first_audio_ms"] = (time.perf_counter() - speech_end) * 1000
                out["server_first_audio_ms"] = message.get("first_audio_ms")
                return out
            if message["type"] in ("done", "error"):
                out["error"] = message
                return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=SHARED / "ids")
    parser.add_argument("--questions", type=int, default=12)
    parser.add_argument("--stt", default=None, help="speech-to-text engine (default: ACORN_STT)")
    args = parser.parse_args()
    if not args.site.is_dir():
        print(f"skipped: {args.site} is absent (the shared sites are not checked out)")
        return
    import httpx
    from tests.jobs.harness import make_app, serve

    from acorn.answer.evalsite import serve_directory
    from acorn.config import Settings
    from acorn.store import Agent, Database

    qa = args.site.parent / "qa.jsonl"
    rows = [json.loads(x) for x in qa.read_text().splitlines() if x.strip()]
    questions = [r["question"] for r in rows if r["site"] == args.site.name][: args.questions]
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        agent_id = index_site(args.site, data_dir)
        settings = Settings(_env_file=None, data_dir=data_dir)  # type: ignore[call-arg]
        if args.stt:
            settings.stt = args.stt
        settings.rate_limit_visitor = "100000/minute"
        db = Database(settings).ensure_ready()
        with db.session() as s:
            agent = s.get(Agent, agent_id)
            assert agent is not None
            public_key, root = agent.public_key, agent.root_url
        origin = "/".join(root.split("/")[:3])
        with serve_directory(args.site), serve(make_app(settings)) as server:
            client = httpx.Client(base_url=server.url, timeout=120)

            def token() -> str:
                minted = client.post(
                    f"/v1/agents/{agent_id}/token", json={"public_key": public_key},
                    headers={"Origin": origin},
                )  # fmt: skip
                minted.raise_for_status()
                return str(minted.json()["token"])

            ws_url = server.url.replace("http", "ws") + f"/v1/realtime/{agent_id}?key="
            turn(ws_url + token(), origin, spoken("Hello, are you open today?").samples)  # warm up
            waits, server_side, transcribed, uploads = [], [], [], []
            for q in questions:
                result = turn(ws_url + token(), origin, spoken(q).samples)
                if "first_audio_ms" not in result:
                    print(f"  no reply for {q!r}: {result}")
                    continue
                waits.append(result["first_audio_ms"])
                server_side.append(result["server_first_audio_ms"] or 0.0)
                transcribed.append(result["transcript_ms"])
                print(f"  {result['first_audio_ms']:6.0f} ms  {q!r} -> {result['transcript']!r}")
                t = time.perf_counter()
                up = client.post(
                    f"/v1/agents/{agent_id}/voice",
                    files={"audio": ("q.wav", espeak_wav(q))},
                    headers={"Authorization": f"Bearer {token()}", "Origin": origin},
                )
                up.raise_for_status()
                uploads.append((time.perf_counter() - t) * 1000)
    print(f"\nengine: {settings.stt}; {len(waits)} spoken questions from {args.site.name}")
    for name, values in (
        ("end of speech -> first reply audio", waits),
        ("  of which end of speech -> transcript", transcribed),
        ("  end of turn -> first audio (server)", server_side),
        ("POST /voice round trip", uploads),
    ):
        if values:
            print(f"{name:40} p50 {pct(values, 50):6.0f} ms  p95 {pct(values, 95):6.0f} ms  "
                  f"mean {statistics.mean(values):6.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
