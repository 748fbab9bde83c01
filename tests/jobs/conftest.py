"""Fixtures for job tests: the app with its in-process job runner, and a client on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from acorn.config import Settings
from tests.jobs.harness import make_app


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    app = make_app(settings, stale_seconds=5)
    with TestClient(app) as client:
        yield client
