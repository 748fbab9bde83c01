"""``acorn db upgrade`` migrates PostgreSQL (and SQLite) from any working directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from acorn.cli import app
from acorn.config import Settings
from acorn.store import Database


def test_db_upgrade_then_app_starts(
    backend: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # migrations are found from the package, not the cwd
    monkeypatch.setenv("ACORN_DATA_DIR", str(backend.data_dir))
    if backend.database_url:
        monkeypatch.setenv("ACORN_DATABASE_URL", backend.database_url)
    else:
        monkeypatch.delenv("ACORN_DATABASE_URL", raising=False)
    result = CliRunner().invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    db = Database(backend)
    assert "database at revision" in result.output
    assert db.current_revision() == db.head_revision()
    assert db.ensure_ready() is db
    db.dispose()
