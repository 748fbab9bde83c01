"""Engine, sessions and schema migrations.

The embedded SQLite database migrates itself on start (there is nobody to run a command for
it); PostgreSQL is shared infrastructure, so it is migrated on purpose with ``acorn db upgrade``
and the app refuses to start against a database whose schema is behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from acorn.config import Settings
from acorn.errors import ConfigurationError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    """Alembic config built in code, so migrations work from an installed package and any cwd."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the crawler's writes
    cursor.execute("PRAGMA foreign_keys=ON")  # cascades are part of the schema
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class Database:
    """One per process: the engine, a session factory, and the schema check."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.url = settings.resolved_database_url
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(
                self.url, connect_args={"check_same_thread": False, "timeout": 30}
            )
            event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back if it raises."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    # ------------------------------------------------------------------ migrations

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def head_revision(self) -> str | None:
        return ScriptDirectory.from_config(alembic_config(self.url)).get_current_head()

    def upgrade(self, revision: str = "head") -> None:
        """Apply migrations (``acorn db upgrade``)."""
        cfg = alembic_config(self.url)
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)

    def ensure_ready(self) -> Database:
        """Migrate SQLite automatically; refuse an out-of-date PostgreSQL schema."""
        if self.is_sqlite:
            if self.current_revision() != self.head_revision():
                self.upgrade()
            return self
        current, head = self.current_revision(), self.head_revision()
        if current != head:
            raise ConfigurationError(
                f"the database schema is at revision {current or 'none'}, "
                f"this version of Acorn needs {head}",
                hint="run `acorn db upgrade` (with the same ACORN_DATABASE_URL)",
            )
        return self

    def dispose(self) -> None:
        self.engine.dispose()
