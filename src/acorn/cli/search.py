"""``acorn search AGENT "question"``: the ranked chunks retrieval finds, with both leg scores,
category, page and heading path — the tool for seeing why an answer was or wasn't found."""

from __future__ import annotations

from enum import StrEnum

import typer
from rich.console import Console
from rich.table import Table

from acorn.cli.app import app
from acorn.config import get_settings


class SearchMode(StrEnum):
    hybrid = "hybrid"
    dense = "dense"
    lexical = "lexical"


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


@app.command()
def search(
    agent: str = typer.Argument(..., help="Agent id."),
    query: str = typer.Argument(..., help="The question, as a visitor would ask it."),
    k: int = typer.Option(8, "-k", min=1, max=50, help="How many chunks to show."),
    mode: SearchMode = typer.Option(SearchMode.hybrid, "--mode", help="hybrid, dense or lexical."),
) -> None:
    """Search an agent's knowledge base and print the ranked chunks."""
    from acorn.index import KnowledgeBase
    from acorn.index.stores.lock import ensure_index_available
    from acorn.store import Database, get_agent

    settings = get_settings()
    ensure_index_available(settings)
    db = Database(settings).ensure_ready()
    agent_id = get_agent(db, agent).id
    hits = KnowledgeBase(settings, db).search(agent_id, query, k=k, mode=mode.value)
    console = Console()
    if not hits:
        console.print("[yellow]No results[/] (has the agent been crawled and indexed?)")
        raise typer.Exit(1)
    table = Table(title=f"{query}  [dim]({mode.value})[/]", show_lines=True)
    for col in ("#", "score", "dense", "bm25", "category", "url", "heading path", "snippet"):
        table.add_column(col, overflow="fold")
    for rank, hit in enumerate(hits, start=1):
        snippet = " ".join(hit.content.split())
        table.add_row(
            str(rank),
            _fmt(hit.score, 4),
            _fmt(hit.dense_score),
            _fmt(hit.lexical_score, 2),
            f"{hit.category}" + (f" ({hit.kind})" if hit.kind != "text" else ""),
            hit.url,
            " > ".join(hit.heading_path),
            snippet[:160] + ("…" if len(snippet) > 160 else ""),
        )
    console.print(table)
