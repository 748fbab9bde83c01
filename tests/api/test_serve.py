"""``acorn serve`` starts on a fresh data directory with no agents, reports ready, and prints
the one-time setup link that creates the owner account: it works once, and a restart replaces
it."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

OWNER = {"email": "Owner@Example.org", "password": "a long enough secret"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def acorn_serve(tmp_path: Path, port: int, log: Path) -> Iterator[str]:
    env = {**os.environ, "ACORN_DATA_DIR": str(tmp_path / "data")}
    env.pop("ACORN_DATABASE_URL", None)
    env.pop("ACORN_PUBLIC_BASE_URL", None)
    acorn = Path(sys.executable).parent / "acorn"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(acorn), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            ready = None
            while time.monotonic() < deadline and proc.poll() is None:
                try:
                    ready = httpx.get(f"{base}/healthz/ready", timeout=2)
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            assert ready is not None, log.read_text()
            assert ready.status_code == 200 and ready.json()["status"] == "ok"
            yield base
        finally:
            proc.terminate()
            proc.wait(30)


def setup_link(log: Path, base: str) -> str:
    found = re.findall(rf"{re.escape(base)}/setup\?token=(\S+)", log.read_text())
    assert found, log.read_text()
    return found[-1]


def test_serve_on_fresh_data_dir_prints_a_one_time_setup_link(tmp_path: Path) -> None:
    port = free_port()
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    with acorn_serve(tmp_path, port, first_log) as base:
        assert (tmp_path / "data" / "acorn.db").is_file()
        anonymous = httpx.post(f"{base}/v1/agents/none/query", json={"query": "hi"})
        assert anonymous.status_code == 401 and anonymous.json()["hint"]
        assert httpx.get(f"{base}/v1/auth/setup").json() == {"needed": True}
        stale = setup_link(first_log, base)

    with acorn_serve(tmp_path, port, second_log) as base:
        # A restart prints a new link; the old one no longer works.
        token = setup_link(second_log, base)
        assert token != stale
        refused = httpx.post(f"{base}/v1/auth/setup", json={"token": stale, **OWNER})
        assert refused.status_code == 422 and "not valid" in refused.json()["error"]

        made = httpx.post(f"{base}/v1/auth/setup", json={"token": token, **OWNER})
        assert made.status_code == 200, made.text
        assert (
            made.json()["role"] == "owner" and made.json()["user"]["email"] == "owner@example.org"
        )
        headers = {"Authorization": f"Bearer {made.json()['access_token']}"}
        assert httpx.get(f"{base}/v1/agents", headers=headers).json() == []
        missing = httpx.post(f"{base}/v1/agents/none/query", json={"query": "hi"}, headers=headers)
        assert missing.status_code == 404

        # The link works once, and setup is over for good.
        again = httpx.post(f"{base}/v1/auth/setup", json={"token": token, **OWNER})
        assert again.status_code == 422
        assert httpx.get(f"{base}/v1/auth/setup").json() == {"needed": False}
