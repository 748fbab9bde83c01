"""``acorn db upgrade`` / ``acorn db current``: schema migrations for the configured database.

SQLite migrates itself on start; PostgreSQL is migrated on purpose with this command."""

from __future__ import annotations

import typer
from rich.console import Console

from acorn.cli.app import app
from acorn.config import get_settings
from acorn.store import Database

db_app = typer.Typer(help="Database schema migrations.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command()
def upgrade(revision: str = typer.Argument("head", help="Target revision.")) -> None:
    """Apply migrations up to REVISION (default: the latest)."""
    database = Database(get_settings())
    before = database.current_revision()
    database.upgrade(revision)
    after = database.current_revision()
    Console().print(f"database at revision [bold]{after}[/] (was {before or 'empty'})")
    database.dispose()


@db_app.command()
def current() -> None:
    """Print the database's revision and the one this Acorn needs."""
    database = Database(get_settings())
    Console().print(f"current: {database.current_revision()}  head: {database.head_revision()}")
    database.dispose()
