"""``acorn agents``: the agents in this installation, so ids in error hints can be looked up."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from sqlalchemy import select

from acorn.cli.app import app
from acorn.config import get_settings


@app.command()
def agents() -> None:
    """List agents: id, name, site, status, generation and last crawl."""
    from acorn.store import Database
    from acorn.store.models import Agent

    db = Database(get_settings()).ensure_ready()
    with db.session() as session:
        rows = session.scalars(select(Agent).order_by(Agent.created_at)).all()
        table = Table()
        table.add_column("id", no_wrap=True)
        table.add_column("name", overflow="fold")
        table.add_column("site", overflow="fold")
        table.add_column("status", no_wrap=True)
        table.add_column("gen", justify="right")
        table.add_column("last crawled")
        for a in rows:
            crawled = a.last_scraped_at.strftime("%Y-%m-%d %H:%M") if a.last_scraped_at else "—"
            table.add_row(a.id, a.name, a.root_url, a.status, str(a.live_generation), crawled)
    console = Console()
    if not rows:
        console.print("No agents yet. Create one with `acorn crawl URL` or at the onboarding page.")
        return
    console.print(table)
