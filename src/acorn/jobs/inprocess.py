"""The embedded job runner: a bounded pool of asyncio tasks inside the API process.

Jobs live in the database, not in memory, so nothing is lost when the process stops: on stop,
running jobs go back to ``queued``; on start, jobs a crashed process left ``running`` are
recovered (:func:`acorn.jobs.state.recover_stale`) and queued ones are picked up. Claims are
compare-and-set updates, so several API processes on one database share the work safely.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging

from acorn.jobs import state
from acorn.jobs.queue import STALE_SECONDS
from acorn.jobs.tasks import JobContext, run_job

log = logging.getLogger(__name__)


class InProcessQueue:
    name = "inprocess"

    def __init__(
        self,
        ctx: JobContext,
        *,
        concurrency: int | None = None,
        poll_seconds: float = 2.0,
        stale_seconds: float = STALE_SECONDS,
    ) -> None:
        self.ctx = ctx
        self.concurrency = max(1, concurrency or ctx.settings.worker_concurrency)
        self.poll_seconds = poll_seconds
        self.stale_seconds = stale_seconds
        self.running: dict[str, asyncio.Task[str | None]] = {}
        self._agents: dict[str, str] = {}  # job id -> agent id, for the jobs running here
        self._wake: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        await asyncio.to_thread(state.recover_stale, self.ctx.db, self.stale_seconds)
        self._runner = asyncio.create_task(self._run(), name="acorn-jobs")

    def enqueue(self, job_id: str) -> None:
        self._poke()

    def _poke(self) -> None:
        if self._loop is not None and self._wake is not None:
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(self._wake.set)

    def cancel(self, job_id: str) -> None:
        # The job's own watcher reads the cancelled row within a heartbeat; this only makes
        # it immediate when the job runs here.
        if job_id in self.ctx.active and self._loop is not None:
            self._loop.call_soon_threadsafe(self._flag_cancel, job_id)

    def _flag_cancel(self, job_id: str) -> None:
        progress = self.ctx.active.get(job_id)
        if progress is not None:
            progress.request_cancel(owner=True)

    async def _run(self) -> None:
        assert self._wake is not None
        last_recovery = asyncio.get_running_loop().time()
        while True:
            try:
                await self._fill()
                now = asyncio.get_running_loop().time()
                if now - last_recovery > self.stale_seconds / 2:
                    last_recovery = now
                    if await asyncio.to_thread(
                        state.recover_stale, self.ctx.db, self.stale_seconds
                    ):
                        continue
            except Exception:  # a database hiccup must not kill the runner
                log.exception("job runner: could not claim jobs")
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_seconds)

    async def _fill(self) -> None:
        while len(self.running) < self.concurrency:
            claimed = await asyncio.to_thread(
                state.claim_next, self.ctx.db, set(self._agents.values())
            )
            if claimed is None:
                return
            task = asyncio.create_task(
                run_job(self.ctx, claimed.job_id, claimed), name=f"acorn-job-{claimed.job_id}"
            )
            self.running[claimed.job_id] = task
            self._agents[claimed.job_id] = claimed.agent_id
            task.add_done_callback(functools.partial(self._done, claimed.job_id))

    def _done(self, job_id: str, task: asyncio.Task[str | None]) -> None:
        self.running.pop(job_id, None)
        self._agents.pop(job_id, None)
        if not task.cancelled() and task.exception() is not None:
            log.error("job %s crashed", job_id, exc_info=task.exception())
        self._poke()

    async def stop(self) -> None:
        if self._runner is not None:
            self._runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._runner
        tasks = list(self.running.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def drain(self, timeout: float = 120.0) -> None:
        """Wait until no job is queued or running here (tests and benchmarks)."""
        async with asyncio.timeout(timeout):
            while True:
                if not self.running and not await asyncio.to_thread(self._queued):
                    return
                await asyncio.sleep(0.1)

    def _queued(self) -> bool:
        from sqlalchemy import func, select

        from acorn.store import ScrapeJob

        with self.ctx.db.session() as s:
            return bool(
                s.scalar(
                    select(func.count()).select_from(ScrapeJob).where(ScrapeJob.status == "queued")
                )
            )
