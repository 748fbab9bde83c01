"""``acorn`` command line. Errors raised as :class:`acorn.errors.AcornError` become a one-line
message plus the next step to take, and a distinct exit code."""

from __future__ import annotations

import sys

from rich.console import Console

from acorn.cli.app import app
from acorn.errors import AcornError

# Command modules register themselves on ``app`` when imported.
from acorn.cli import crawl as _crawl  # noqa: F401  isort: skip
from acorn.cli import db as _db  # noqa: F401  isort: skip
from acorn.cli import reindex as _reindex  # noqa: F401  isort: skip
from acorn.cli import search as _search  # noqa: F401  isort: skip
from acorn.cli import eval as _eval  # noqa: F401  isort: skip
from acorn.cli import serve as _serve  # noqa: F401  isort: skip
from acorn.cli import worker as _worker  # noqa: F401  isort: skip
from acorn.cli import agents as _agents  # noqa: F401  isort: skip
from acorn.cli import keys as _keys  # noqa: F401  isort: skip
from acorn.cli import users as _users  # noqa: F401  isort: skip

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except AcornError as exc:
        err = Console(stderr=True)
        err.print(f"[bold red]Error:[/] {exc.message}")
        if exc.hint:
            err.print(f"[yellow]What to do:[/] {exc.hint}")
        sys.exit(exc.exit_code)
