"""Schema, migrations and the start-up check on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from acorn.config import Settings
from acorn.errors import ConfigurationError
from acorn.store import Base, Database


def test_migrations_match_models(db: Database) -> None:
    """Autogenerate against the migrated database finds nothing to do."""
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_all_tables_exist_and_are_at_head(db: Database) -> None:
    tables = set(inspect(db.engine).get_table_names())
    assert {t.name for t in Base.metadata.sorted_tables} <= tables
    assert db.current_revision() == db.head_revision() is not None


def test_sqlite_migrates_itself_and_lives_in_data_dir(settings: Settings) -> None:
    db = Database(settings).ensure_ready()
    assert (settings.data_dir / "acorn.db").is_file()
    assert db.current_revision() == db.head_revision()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.dispose()


def test_unmigrated_postgres_refuses_to_start(settings: Settings, pg_url: str) -> None:
    db = Database(settings.model_copy(update={"database_url": pg_url}))
    with pytest.raises(ConfigurationError) as err:
        db.ensure_ready()
    assert "acorn db upgrade" in (err.value.hint or "")
    db.upgrade()
    assert db.ensure_ready() is db
    db.dispose()
