"""The Typer application every ``acorn`` sub-command registers on (one module per command)."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="acorn",
    help="Acorn: turn any business website into a grounded voice receptionist.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _root() -> None:
    """Acorn: turn any business website into a grounded voice receptionist."""
