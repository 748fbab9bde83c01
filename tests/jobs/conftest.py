"""Fixtures for job tests: the app with its job system on either backend.

``backend`` is parametrised: ``inprocess`` (the embedded runner inside the app) and ``rq``
(a real Redis from ``ACORN_TEST_REDIS_URL``, with RQ workers running in threads of this
process so they share its SQLite file and local Qdrant folder)."""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from acorn.config import Settings
from tests.jobs.harness import Server, make_app, serve
from tests.support.auth import sign_in

REDIS_URL = os.environ.get("ACORN_TEST_REDIS_URL")


@pytest.fixture(params=["inprocess", "rq"])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "rq" and not REDIS_URL:
        pytest.skip("ACORN_TEST_REDIS_URL is not set (run `make test`, which starts Redis)")
    return str(request.param)


class RqWorkers:
    """``count`` RQ workers in threads, each draining the queue in burst mode in a loop."""

    def __init__(self, ctx: object, queue_name: str, count: int = 2) -> None:
        self.ctx = ctx
        self.queue_name = queue_name
        self.count = count
        self.stopping = threading.Event()
        self.threads: list[threading.Thread] = []

    def start(self) -> RqWorkers:
        for i in range(self.count):
            thread = threading.Thread(target=self._loop, args=(i,), daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def _loop(self, i: int) -> None:
        from redis import Redis
        from rq import Queue

        from acorn.jobs.rq_backend import AcornWorker, install_context

        install_context(self.ctx)  # type: ignore[arg-type]
        connection = Redis.from_url(REDIS_URL or "")
        while not self.stopping.is_set():
            worker = AcornWorker(
                [Queue(self.queue_name, connection=connection)],
                connection=connection,
                name=f"{self.queue_name}-{i}-{uuid.uuid4().hex[:6]}",
            )
            worker.work(burst=True, logging_level="WARNING")
            self.stopping.wait(0.1)
        connection.close()

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=120)
        from redis import Redis
        from rq import Queue

        connection = Redis.from_url(REDIS_URL or "")
        Queue(self.queue_name, connection=connection).delete(delete_jobs=True)
        connection.close()


StartApp = Callable[[], TestClient]
StartServer = Callable[[], Server]


def _app(settings: Settings, backend: str) -> tuple[FastAPI, str | None]:
    options: dict[str, object] = {"stale_seconds": 5}
    queue_name = None
    if backend == "rq":
        settings = settings.model_copy(update={"redis_url": REDIS_URL})
        queue_name = options["queue_name"] = f"acorn-test-{uuid.uuid4().hex[:8]}"
    return make_app(settings, **options), queue_name


@pytest.fixture
def start_app(settings: Settings, backend: str) -> Iterator[StartApp]:
    """A function that starts the app (and, for rq, its workers) and returns a client."""
    with ExitStack() as stack:

        def start() -> TestClient:
            app, queue_name = _app(settings, backend)
            client = stack.enter_context(TestClient(app))
            sign_in(client)
            if queue_name:
                stack.callback(RqWorkers(app.state.jobs.ctx, queue_name).start().stop)
            return client

        yield start


@pytest.fixture
def start_server(settings: Settings, backend: str) -> Iterator[StartServer]:
    """Like ``start_app``, on a real uvicorn server (streaming responses, browsers)."""
    with ExitStack() as stack:

        def start() -> Server:
            app, queue_name = _app(settings, backend)
            server = stack.enter_context(serve(app))
            if queue_name:
                stack.callback(RqWorkers(app.state.jobs.ctx, queue_name).start().stop)
            return server

        yield start


@pytest.fixture
def client(start_app: StartApp) -> TestClient:
    return start_app()
