"""``acorn crawl URL -o site.json``: crawl a website and write the scraped-data document, with a
live progress bar and a summary of what was found and what was skipped (and why).

Errors (bad URL, DNS failure, refused address, robots disallow-all, empty site) are AcornErrors:
``acorn.cli.main`` prints their message and hint and exits with their code.

The server's crawl policy (:mod:`acorn.crawl.policy`, the ``ACORN_CRAWL_*`` caps) is not applied
here: the CLI is run by the machine's operator, who sets that policy and may crawl past it
(``--ignore-robots``, ``--concurrency 64``), as they could with their own tools.
"""

from __future__ import annotations

import re
from collections import Counter
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from acorn.cli.app import app
from acorn.config import ScrapingConfig, Settings, get_settings
from acorn.crawl.pace import duration
from acorn.crawl.types import CrawlEvent, EventKind
from acorn.sitedata import SiteData


class RenderMode(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


@app.command()
def version() -> None:
    """Print Acorn's version."""
    from acorn import __version__

    print(__version__)


@app.command()
def crawl(
    url: str = typer.Argument(..., help="The website's address, e.g. https://example.com"),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Write the scraped data (JSON) here; '-' for stdout."
    ),
    max_pages: int | None = typer.Option(None, "--max-pages", min=1, max=10_000),
    max_depth: int | None = typer.Option(None, "--max-depth", min=0, max=20),
    render: RenderMode | None = typer.Option(
        None, "--render", help="Render pages with Chromium: auto (when needed), always, never."
    ),
    delay: float | None = typer.Option(
        None, "--delay", min=0.0, max=60.0, help="Seconds between requests to the site."
    ),
    concurrency: int | None = typer.Option(None, "--concurrency", min=1, max=64),
    ignore_robots: bool = typer.Option(
        False, "--ignore-robots", help="Ignore robots.txt. Only for crawling your own site."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    store: bool = typer.Option(
        True, "--store/--no-store", help="Store and index the site as an agent (prints its id)."
    ),
    agent: str | None = typer.Option(
        None, "--agent", help="Re-crawl into this existing agent instead of creating a new one."
    ),
    name: str | None = typer.Option(None, "--name", help="Name for a new agent."),
) -> None:
    """Crawl a website and extract its pages and business facts."""
    overrides = {
        "max_pages": max_pages,
        "max_depth": max_depth,
        "render_js": render.value if render else None,
        "delay_seconds": delay,
        "concurrency": concurrency,
    }
    config = ScrapingConfig(**{k: v for k, v in overrides.items() if v is not None})
    console = Console(stderr=True, quiet=quiet)
    settings = get_settings()
    if store:  # refuse now, not after the crawl, when another process holds the index
        from acorn.index.stores.lock import ensure_index_available

        ensure_index_available(settings)
    site = run_crawl(url, settings, config, console, override_robots=ignore_robots)
    write_site(site, output)
    if not quiet:
        print_summary(site, console)
    if store:
        agent_id = store_site(site, settings, config, console, agent_id=agent, name=name)
        console.print(f"[bold green]Agent ready:[/] {agent_id}")
        console.print(f'[dim]Try it: acorn search {agent_id} "what are your opening hours?"[/]')
        if output is None:
            console.print("[dim]Tip: add -o site.json to save the scraped data.[/]")


def run_crawl(
    url: str,
    settings: Settings,
    config: ScrapingConfig,
    console: Console,
    *,
    override_robots: bool = False,
) -> SiteData:
    """Run :func:`acorn.scrape.scrape_site` under a progress bar. Kept separate so commands
    that store or index the result can reuse it."""
    from acorn.scrape import scrape_site_sync

    if override_robots:
        console.print(
            "[yellow]Ignoring robots.txt (--ignore-robots): only do this for your own site.[/]"
        )
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.fields[status]}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("[dim]{task.fields[current]}"),
        console=console,
        transient=True,
    )
    task = progress.add_task("crawl", total=None, status="starting", current=url)

    def on_event(event: CrawlEvent) -> None:
        total = max(min(event.discovered, config.max_pages), event.fetched)
        if event.kind in (EventKind.FETCHED, EventKind.RENDERED):
            left = f" (~{duration(event.eta_seconds)} left)" if event.eta_seconds else ""
            progress.update(
                task,
                completed=event.fetched,
                total=total,
                status=f"crawling{left}",
                current=_short(event.url),
            )
        elif event.kind is EventKind.DISCOVERED:
            progress.update(task, total=total)
        elif event.kind is EventKind.NOTE:
            progress.console.print(f"[yellow]{event.reason}[/]", markup=True, highlight=False)
        elif event.kind is EventKind.FINISHED:
            progress.update(task, status="extracting", current="")

    with progress:
        return scrape_site_sync(
            url, settings, config, on_event=on_event, override_robots=override_robots
        )


def store_site(
    site: SiteData,
    settings: Settings,
    config: ScrapingConfig,
    console: Console,
    *,
    agent_id: str | None = None,
    name: str | None = None,
) -> str:
    """Store ``site`` as an agent's knowledge (a new agent unless ``agent_id`` is given) with
    :func:`acorn.ingest.index_site`, under a progress bar; the agent is ``ready`` when this
    returns."""
    from acorn.config import AgentConfig
    from acorn.index import KnowledgeBase
    from acorn.ingest import index_site
    from acorn.store import Database

    db = Database(settings).ensure_ready()
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]indexing"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    )
    task = progress.add_task("index", total=None)
    with progress:
        console.print("[dim]Loading the embedding model…[/]")
        report = index_site(
            KnowledgeBase(settings, db),
            site,
            agent_id=agent_id,
            name=name,
            config=AgentConfig(scraping=config),
            progress=lambda done, total: progress.update(task, completed=done, total=total),
        )
    console.print(
        f"Indexed {report.chunks} chunks ({report.embedded} embedded, "
        f"{report.reused} reused) in {report.seconds:.1f}s"
    )
    return report.agent_id


def write_site(site: SiteData, output: Path | None) -> None:
    if output is None:
        return
    text = site.model_dump_json(indent=2)
    if str(output) == "-":
        print(text)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text + "\n", encoding="utf-8")


def print_summary(site: SiteData, console: Console) -> None:
    data = site.structured_data
    stats = site.stats
    table = Table(title=f"{site.name or site.root_url}", show_header=False, title_justify="left")
    table.add_column("what", style="bold")
    table.add_column("value")
    table.add_row("pages kept", str(len(site.pages)))
    table.add_row(
        "fetched / rendered", f"{stats.fetched} / {stats.rendered} in {stats.seconds:.1f}s"
    )
    table.add_row("skipped / failed", f"{stats.skipped} / {stats.failed}")
    table.add_row("address", data.address.formatted if data.address else "—")
    table.add_row("phones", ", ".join(p.display for p in data.phones) or "—")
    table.add_row("emails", ", ".join(e.address for e in data.emails) or "—")
    table.add_row("opening hours", f"{len(data.opening_hours)} days" if data.opening_hours else "—")
    table.add_row("services with prices", str(sum(1 for s in data.services if s.price)))
    table.add_row("FAQs", str(len(site.auto_faqs)))
    console.print(table)
    for entry in site.log:
        if entry["kind"] == "note":
            console.print(f"[yellow]Note:[/] {entry['reason']}", highlight=False)
    reasons = Counter(
        f"{e['kind']}: {reason_group(e['reason'])}" for e in site.log if e["kind"] != "note"
    )
    if reasons:
        why = Table(
            "not kept", "pages", title="Skipped and failed, by reason", title_justify="left"
        )
        for reason, count in reasons.most_common():
            why.add_row(reason, str(count))
        console.print(why)


def reason_group(reason: str) -> str:
    """A reason without its URLs, so "duplicate content of https://…/a" groups with "…/b"."""
    text = re.split(r"\s*(?:https?://|\(|:\s)", reason, maxsplit=1)[0].strip()
    return re.sub(r"\s+(of|to|is|at)$", "", text) or reason


def _short(url: str, width: int = 60) -> str:
    return url if len(url) <= width else url[: width - 1] + "…"
