"""``acorn eval`` — measure answers against visitor questions with ground truth (qa.jsonl):
accuracy on answerable questions, correct declines, hallucinations, per type, latency."""

from __future__ import annotations

import json
import tempfile
from contextlib import ExitStack
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from acorn.cli.app import app


@app.command("eval")
def eval_command(
    site: str = typer.Option(None, "--site", help="Root URL of the site the questions are about"),
    qa: Path = typer.Option(None, "--qa", help="qa.jsonl file (default: SITES_DIR/qa.jsonl)"),
    agent: str = typer.Option(None, "--agent", help="Use this existing agent instead of crawling"),
    qa_site: str = typer.Option(None, "--qa-site", help="Only questions whose `site` is this"),
    sites_dir: Path = typer.Option(
        None, "--sites-dir", help="Folder of static sites (one per sub-folder) served on loopback"
    ),
    split: Path = typer.Option(
        None,
        "--split",
        help="JSON {tuning: [sites], heldout: [sites]}: report each half (e.g. bench/split.json)",
    ),
    json_out: Path = typer.Option(None, "--json", help="Write the full report here"),
    fast_crawl: bool = typer.Option(
        True, help="No politeness delay, nor robots.txt Crawl-delay (loopback / your own site)"
    ),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Print every answer"),
) -> None:
    """Ask every question through the answer pipeline and print how well it did."""
    from acorn.answer.evalsite import evaluate_sites, serve_directory
    from acorn.answer.evaluate import Split, load_qa
    from acorn.config import ScrapingConfig, get_settings
    from acorn.index.stores.lock import ensure_index_available

    settings = get_settings()
    scraping = ScrapingConfig(delay_seconds=0.0, obey_crawl_delay=False) if fast_crawl else None
    with ExitStack() as stack:
        if sites_dir is not None:
            qa = qa or sites_dir / "qa.jsonl"
            items = load_qa(qa)
            names = sorted({i.site for i in items if (sites_dir / i.site).is_dir()})
            urls = {n: stack.enter_context(serve_directory(sites_dir / n)) for n in names}
            # Served on loopback: allow it, and keep these throwaway agents out of your data.
            settings.allow_private_networks = [*settings.allow_private_networks, "127.0.0.0/8"]
            settings.data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        elif site or agent:
            if qa is None:
                raise typer.BadParameter("--qa is required with --site/--agent")
            items = load_qa(qa)
            urls = {qa_site or "": site or ""}
        else:
            raise typer.BadParameter(
                "give --site URL --qa FILE, --agent ID --qa FILE, or --sites-dir"
            )
        if qa_site:
            items = [i for i in items if i.site == qa_site]
        ensure_index_available(settings)  # --sites-dir: a fresh temporary one, always free
        report = evaluate_sites(
            settings,
            urls,
            items,
            agent_ids={next(iter(urls)): agent} if agent else None,
            scraping=scraping,
        )
    halves = Split.load(split).halves() if split else {}
    _print(report, verbose, halves)
    if json_out:
        data = report.to_json()
        data["halves"] = {name: report.only(sites).summary() for name, sites in halves.items()}
        json_out.write_text(json.dumps(data, indent=2, ensure_ascii=False))
        Console().print(f"report written to {json_out}")


_ROWS = (
    ("accuracy (answerable)", "accuracy", "answerable"),
    ("declined though answerable", "decline_rate_answerable", "answerable"),
    ("correct declines", "correct_decline_rate", "unanswerable"),
    ("wrong or invented", "wrong_rate", "questions"),
    ("hallucination rate", "hallucination_rate", "questions"),
    ("cited page right (of correct)", "cited_right_rate", "answerable"),
)


def _print(report, verbose: bool, halves: dict[str, list[str]]) -> None:  # type: ignore[no-untyped-def]
    console = Console()
    if verbose:
        for r in report.results:
            mark = "[green]ok[/]" if r.correct else "[red]XX[/]"
            if r.hallucinated:
                mark = "[bold red]HALLUCINATED[/]"
            console.print(f"{mark} {r.id} [{r.path}] {r.question}\n    → {r.answer}")
    columns = {"all": report.summary()}
    columns.update({name: report.only(sites).summary() for name, sites in halves.items()})
    table = Table(title="Answer quality")
    table.add_column("metric")
    for name in columns:
        table.add_column(name, justify="right")
    table.add_row("questions", *(str(s["questions"]) for s in columns.values()))
    for label, key, base in _ROWS:
        table.add_row(label, *(f"{s[key]:.1%} of {s[base]}" for s in columns.values()))
    table.add_row(
        "latency p50 / p95",
        *(f"{s['latency_ms_p50']:.0f} / {s['latency_ms_p95']:.0f} ms" for s in columns.values()),
    )
    console.print(table)
    s = columns["all"]
    by_type = Table(title="By question type")
    for col in ("type", "correct", "n", "rate"):
        by_type.add_column(col)
    for name, t in s["by_type"].items():
        by_type.add_row(name, str(t["correct"]), str(t["n"]), f"{t['rate']:.0%}")
    console.print(by_type)
    if len(s["by_site"]) > 1:
        half_of = {site: name for name, sites in halves.items() for site in sites}
        by_site = Table(title="By site")
        for col in ("site", "half", "correct", "n", "rate", "hallucinated"):
            by_site.add_column(col)
        for name, t in s["by_site"].items():
            by_site.add_row(
                name,
                half_of.get(name, ""),
                str(t["correct"]),
                str(t["n"]),
                f"{t['rate']:.0%}",
                str(t["hallucinated"]),
            )
        console.print(by_site)
