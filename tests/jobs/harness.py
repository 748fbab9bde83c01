"""Shared by the jobs, onboarding-API and browser tests: the real app with its job system,
served by TestClient or by a real uvicorn server on 127.0.0.1, and small waiting helpers."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI

from acorn.api import create_app
from acorn.config import Settings

# Crawl fast in tests: no politeness delay, a small site.
FAST = {"scraping": {"delay_seconds": 0, "max_pages": 40, "render_js": "never"}}


def make_app(settings: Settings, **job_options: Any) -> FastAPI:
    """The production app; ``job_options`` tune its job runtime (poll interval, queue name)."""
    app = create_app(settings)
    app.state.job_options = {"poll_seconds": 0.2, "extract_workers": 1, **job_options}
    return app


def wait_for(check: Callable[[], Any], timeout: float = 120.0, interval: float = 0.1) -> Any:
    """Poll ``check`` until it returns something truthy (no timing asserts: just a bound)."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s (last: {value!r})")
        time.sleep(interval)


class Server:
    """A real uvicorn server for ``app`` on a random loopback port, in a thread."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self._headers: dict[str, str] | None = None
        self.config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
        self.server = uvicorn.Server(self.config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        sock = self.server.servers[0].sockets[0]
        return f"http://127.0.0.1:{sock.getsockname()[1]}"

    @property
    def headers(self) -> dict[str, str]:
        """An owner API key of the default organisation, made on first use."""
        if self._headers is None:
            from tests.support.auth import bearer, key_for

            self._headers = bearer(key_for(self.app.state.db))
        return self._headers

    def start(self) -> Server:
        self.thread.start()
        wait_for(lambda: self.server.started or not self.thread.is_alive(), timeout=120)
        if not self.server.started:
            raise RuntimeError("uvicorn did not start")
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=60)


@contextmanager
def serve(app: FastAPI) -> Iterator[Server]:
    server = Server(app).start()
    try:
        yield server
    finally:
        server.stop()
