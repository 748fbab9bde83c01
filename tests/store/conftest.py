"""Every store test runs on the embedded SQLite and on the real PostgreSQL test server.

PostgreSQL tests are isolated by a fresh schema per test (``search_path`` set through the
connection URL), dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from acorn.config import Settings
from acorn.store import Database
from tests.support.databases import migrated_database

PG_URL = os.environ.get("ACORN_TEST_POSTGRES_URL")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose default schema is fresh and empty."""
    if not PG_URL:
        pytest.skip(
            "ACORN_TEST_POSTGRES_URL is not set (run `make services` or source .test-services.env)"
        )
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, settings: Settings) -> Settings:
    """Settings pointing at SQLite (default) or a fresh PostgreSQL schema."""
    if request.param == "postgres":
        url = request.getfixturevalue("pg_url")
        return settings.model_copy(update={"database_url": url})
    return settings


@pytest.fixture
def db(backend: Settings) -> Iterator[Database]:
    yield from migrated_database(backend)
