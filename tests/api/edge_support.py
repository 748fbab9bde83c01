"""Shared by the HTTP edge tests: the app without its lifespan (the edge needs no database or
index, so these tests start in milliseconds) and a real uvicorn server from a given config."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi.testclient import TestClient

from acorn.api import create_app
from acorn.config import Settings
from tests.jobs.harness import wait_for


@contextmanager
def owner_client(settings: Settings) -> Iterator[TestClient]:
    """Like :func:`bare_client` with a real database and an owner's API key, for the routes
    that need a signed-in caller before their handler runs."""
    from acorn.store import Database
    from tests.support.auth import bearer, key_for

    client = bare_client(settings)
    db = Database(settings).ensure_ready()
    client.app.state.db = db  # type: ignore[attr-defined]
    client.headers.update(bearer(key_for(db)))
    try:
        yield client
    finally:
        db.dispose()


def bare_client(settings: Settings, **kwargs: object) -> TestClient:
    """A TestClient on the production app, lifespan not started (no ``with``). The database
    is a placeholder, so a route's dependencies resolve; a handler that used it would fail."""
    app = create_app(settings)
    app.state.db = object()
    return TestClient(app, **kwargs)  # type: ignore[arg-type]


@contextmanager
def uvicorn_server(config: uvicorn.Config) -> Iterator[str]:
    """Run ``config`` (port 0) in a thread; yields the base URL."""
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        wait_for(lambda: server.started or not thread.is_alive(), timeout=120)
        if not server.started:
            raise RuntimeError("uvicorn did not start")
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=60)
