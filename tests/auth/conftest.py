"""Account tests run on the embedded SQLite and on the real PostgreSQL test server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from acorn.config import Settings
from acorn.store import Database
from tests.store.conftest import backend, pg_url  # noqa: F401  (shared fixtures)
from tests.support.databases import migrated_database


@pytest.fixture
def db(backend: Settings) -> Iterator[Database]:  # noqa: F811
    yield from migrated_database(backend)
