"""``acorn worker``: run crawl jobs from Redis (scale-out). Start as many as you like, on any
machine that shares the API's ``ACORN_DATABASE_URL``, ``ACORN_QDRANT_URL`` and
``ACORN_REDIS_URL``; each runs one job at a time. ``--scheduler`` also runs the refresh
scheduler (re-crawls on ``scraping.refresh_hours``, recovery of dead workers' jobs): run it on
one worker.

Without ``ACORN_REDIS_URL`` there is nothing to do here: ``acorn serve`` runs jobs itself.
"""

from __future__ import annotations

import asyncio
import threading

import typer

from acorn.cli.app import app


@app.command()
def worker(
    burst: bool = typer.Option(False, help="Run the queued jobs, then exit."),
    scheduler: bool = typer.Option(
        False, help="Also run the refresh scheduler and dead-job recovery (run on one worker)."
    ),
    queue: str = typer.Option("acorn", help="The RQ queue to take jobs from."),
    name: str | None = typer.Option(None, help="Worker name (default: host and pid)."),
) -> None:
    """Run background crawl jobs from Redis (needs ACORN_REDIS_URL)."""
    from acorn.config import get_settings
    from acorn.index.stores.lock import ensure_index_available
    from acorn.jobs.rq_backend import RqQueue, build_worker_context, redis_connection, run_worker
    from acorn.jobs.scheduler import run_scheduler

    settings = get_settings()
    redis_connection(settings.redis_url)  # fail early, with the hint, when Redis is not set
    ensure_index_available(settings)  # local mode: one process per index (none beside serve)
    ctx = build_worker_context()
    rq_queue = RqQueue(ctx, queue_name=queue)
    rq_queue.recover()
    if scheduler:
        thread = threading.Thread(
            target=lambda: asyncio.run(run_scheduler(ctx, rq_queue)),
            name="acorn-scheduler",
            daemon=True,
        )
        thread.start()
    run_worker(ctx, queue_name=queue, burst=burst, name=name)
