"""``acorn reindex AGENT``: rebuild an agent's vectors from the ``chunks`` table alone — after
losing the index or changing embedder — without crawling again."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from acorn.cli.app import app
from acorn.config import get_settings


@app.command()
def reindex(agent: str = typer.Argument(..., help="Agent id.")) -> None:
    """Re-embed and re-index an agent's chunks from the database."""
    from acorn.index import KnowledgeBase
    from acorn.index.stores.lock import ensure_index_available
    from acorn.store import Database, get_agent

    settings = get_settings()
    ensure_index_available(settings)
    db = Database(settings).ensure_ready()
    agent_id = get_agent(db, agent).id
    kb = KnowledgeBase(settings, db)
    with Progress(
        TextColumn("embedding"), BarColumn(), MofNCompleteColumn(), transient=True
    ) as progress:
        task = progress.add_task("chunks", total=None)

        def step(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        count = kb.reindex(agent_id, progress=step)
    Console().print(
        f"re-indexed [bold]{count}[/] chunks of agent {agent_id} with {kb.embedder_key}"
    )
