"""A running job's progress: counters, the per-page log, stage timings, the heartbeat and the
cancel flag, written to ``scrape_jobs`` at most twice a second and published live.

The write throttle matters: a crawl emits several events per page, and on SQLite every write
takes the database's single write lock that the indexer and the API also need.
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

from acorn.crawl.types import CrawlEvent, EventKind
from acorn.errors import Cancelled
from acorn.jobs import state
from acorn.jobs.events import EventBus
from acorn.store import Database

WRITE_INTERVAL = 0.5  # seconds between progress writes (<= 2 per second)
PAGE_OUTCOMES = {
    EventKind.FETCHED: "fetched",
    EventKind.RENDERED: "rendered",
    EventKind.SKIPPED: "skipped",
    EventKind.FAILED: "failed",
}
# Stages in which the job's asyncio task may be cancelled outright; while indexing, the
# indexer's thread checks the flag between batches instead (so a cancel never lands mid-write);
# once the new index is live the job is as good as done and finishes.
TASK_CANCELLABLE = {"starting", "crawling", "extracting"}


class JobProgress:
    def __init__(self, db: Database, bus: EventBus, job_id: str, agent_id: str) -> None:
        self.db = db
        self.bus = bus
        self.job_id = job_id
        self.agent_id = agent_id
        self.started = time.monotonic()
        self.stage = "starting"
        self.discovered = 0
        self.fetched = 0
        self.current_url = ""
        self.entries: list[dict[str, Any]] = []
        self.stages: list[dict[str, Any]] = []
        self.abort = threading.Event()  # set on cancel *or* shutdown: stop work now
        self.cancelled = threading.Event()  # set only when the owner cancelled
        self._last_write = 0.0
        self._task: asyncio.Task[Any] | None = None

    @property
    def elapsed(self) -> float:
        return round(time.monotonic() - self.started, 3)

    def log(self) -> list[dict[str, Any]]:
        return [*self.stages, *self.entries]

    def publish(self, event: dict[str, Any]) -> None:
        self.bus.publish(
            self.agent_id,
            {
                "job_id": self.job_id,
                "stage": self.stage,
                "discovered": self.discovered,
                "fetched": self.fetched,
                "elapsed": self.elapsed,
                **event,
            },
        )

    # ---------------------------------------------------------------- from the crawl

    async def on_event(self, event: CrawlEvent) -> None:
        self.discovered = max(self.discovered, event.discovered)
        self.fetched = max(self.fetched, event.fetched)
        outcome = PAGE_OUTCOMES.get(event.kind)
        if outcome is not None:
            self.current_url = event.url
            entry = {"url": event.url, "kind": outcome, "reason": event.reason}
            self.entries.append({**entry, "depth": event.depth})
        if event.kind is EventKind.NOTE:  # about the whole crawl: its pace, what was left out
            self.note({"kind": "note", "reason": event.reason, "eta_seconds": event.eta_seconds})
        self.publish(
            {
                "type": "progress",
                "kind": event.kind.value,
                "url": event.url,
                "reason": event.reason,
                "eta_seconds": event.eta_seconds,
            }
        )
        if event.kind is EventKind.FINISHED:
            await self.set_stage("extracting")  # the crawl is done; extraction catches up
        elif time.monotonic() - self._last_write >= WRITE_INTERVAL:
            await self.flush()

    def add_site_log(self, entries: list[dict[str, Any]]) -> None:
        """Outcomes only known after extraction (noindex, no readable text)."""
        seen = {(e["url"], e.get("reason")) for e in self.entries}
        for item in entries:
            if (item.get("url"), item.get("reason")) not in seen:
                kind = item.get("kind", "skipped")
                reason = item.get("reason", "")
                self.entries.append(
                    {"url": item.get("url", ""), "kind": kind, "reason": reason, "depth": 0}
                )

    def on_indexed(self, done: int, total: int) -> None:
        """Called by the indexer's thread between batches: progress, and the cancel point."""
        if self.abort.is_set():
            raise Cancelled("The crawl was cancelled.", hint="Re-crawl when you are ready.")
        self.publish({"type": "progress", "kind": "indexing", "done": done, "total": total})

    def note(self, entry: dict[str, Any]) -> None:
        """A job-level record for the log (e.g. what indexing reused)."""
        self.stages.append({**entry, "seconds": self.elapsed})

    # ---------------------------------------------------------------- stages and writes

    async def set_stage(self, stage: str) -> None:
        self.stage = stage
        self.stages.append({"kind": "stage", "stage": stage, "seconds": self.elapsed})
        self.publish({"type": "stage"})
        await self.flush()

    async def flush(self) -> None:
        self._last_write = time.monotonic()
        status = await asyncio.to_thread(
            state.heartbeat,
            self.db,
            self.job_id,
            stage=self.stage,
            pages_discovered=self.discovered,
            pages_fetched=self.fetched,
            log=self.log(),
        )
        if status == "cancelled" and not self.cancelled.is_set():
            self.request_cancel(owner=True)

    def request_cancel(self, *, owner: bool) -> None:
        if owner:
            self.cancelled.set()
        self.abort.set()
        if self._task is not None and self.stage in TASK_CANCELLABLE:
            self._task.cancel()

    async def watch(self, task: asyncio.Task[Any], interval: float = 1.0) -> None:
        """Heartbeat (and notice cancellation) while the job's task runs."""
        self._task = task
        while not task.done():
            await asyncio.sleep(interval / 2)
            if time.monotonic() - self._last_write >= interval:
                await self.flush()
