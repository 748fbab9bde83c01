"""``acorn crawl`` — placeholder until the crawler lands."""

from __future__ import annotations

from acorn.cli.app import app


@app.command()
def version() -> None:
    """Print Acorn's version."""
    from acorn import __version__

    print(__version__)
