"""Write conversation turns off the request path.

Logging a turn is a database write; under load, writes queue behind each other (SQLite has one
writer) and a visitor would wait for the bookkeeping. A single background thread takes turns
from a queue and commits them in batches; ``flush()`` waits until everything queued is written
(tests, shutdown)."""

from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass

from acorn.answer import agents
from acorn.answer.types import Answer
from acorn.store import Database

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Turn:
    agent_id: str
    session_id: str | None
    query: str
    answer: Answer
    channel: str
    turn_id: str | None


class Recorder:
    def __init__(self, db: Database, batch: int = 64) -> None:
        self.db = db
        self.batch = batch
        self._queue: queue.Queue[_Turn | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="acorn-recorder", daemon=True)
        self._thread.start()

    def record(
        self,
        agent_id: str,
        session_id: str | None,
        query: str,
        answer: Answer,
        channel: str,
        turn_id: str | None = None,
    ) -> None:
        self._queue.put(_Turn(agent_id, session_id, query, answer, channel, turn_id))

    def flush(self) -> None:
        self._queue.join()

    def close(self) -> None:
        self.flush()
        self._queue.put(None)
        self._thread.join(5)

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                self._queue.task_done()
                return
            turns = [first]
            while len(turns) < self.batch:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    self._queue.task_done()
                    self._queue.put(None)
                    break
                turns.append(nxt)
            try:
                agents.record_many(
                    self.db,
                    [
                        (t.agent_id, t.session_id, t.query, t.answer, t.channel, t.turn_id)
                        for t in turns
                    ],
                )
            except Exception:  # a logging failure must never take answering down
                log.exception("could not record %d conversation turns", len(turns))
            finally:
                for _ in turns:
                    self._queue.task_done()
