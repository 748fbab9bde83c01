"""Opening a test database the way the app does: PostgreSQL migrated explicitly (as
`acorn db upgrade` would), SQLite migrated by ``ensure_ready`` itself."""

from __future__ import annotations

from collections.abc import Iterator

from acorn.config import Settings
from acorn.store import Database


def migrated_database(settings: Settings) -> Iterator[Database]:
    """Yield a ready Database for ``settings`` and dispose of it afterwards (fixture body)."""
    database = Database(settings)
    if not database.is_sqlite:
        database.upgrade()
    database.ensure_ready()
    yield database
    database.dispose()
