"""``acorn serve`` starts on a fresh data directory with no agents and reports ready."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_on_fresh_data_dir(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "ACORN_DATA_DIR": str(tmp_path / "data")}
    env.pop("ACORN_DATABASE_URL", None)
    acorn = Path(sys.executable).parent / "acorn"
    proc = subprocess.Popen(
        [str(acorn), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        ready = None
        while time.monotonic() < deadline:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/healthz/ready", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None:
                    break
                time.sleep(0.2)
        assert ready is not None, proc.stdout.read().decode() if proc.stdout else ""
        assert ready.status_code == 200 and ready.json()["status"] == "ok"
        missing = httpx.post(f"http://127.0.0.1:{port}/v1/agents/none/query", json={"query": "hi"})
        assert missing.status_code == 404
        assert (tmp_path / "data" / "acorn.db").is_file()
    finally:
        proc.terminate()
        proc.wait(10)
