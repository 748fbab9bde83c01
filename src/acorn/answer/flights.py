"""Uncached answers are computed once per question and a few at a time.

After a restart, a re-crawl or a new agent, a burst of visitors asks the same few questions
before any answer is cached. Each request computing its own copy — forty thread-pool threads at
once on a 2-core machine — fought over the GIL and the model lock: 50 concurrent clients on a
cold server waited up to 50 s. Here the first request for a question computes it while later
ones for the same question wait for its result, and at most ``slots`` computations run at once,
so the same work finishes in order, in seconds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class Flights:
    def __init__(self, slots: int) -> None:
        self._slots = threading.BoundedSemaphore(max(1, slots))
        self._lock = threading.Lock()
        self._inflight: dict[Hashable, threading.Event] = {}

    def run(
        self,
        key: Hashable,
        compute: Callable[[], T],
        lookup: Callable[[], T | None],
        wait_seconds: float = 30.0,
    ) -> T:
        """``compute()`` unless a computation of ``key`` is under way, in which case wait for
        it and return ``lookup()`` (where the first one left its result). A waiter whose leader
        failed, or found nothing to look up, computes in its turn."""
        while True:
            with self._lock:
                event = self._inflight.get(key)
                leader = event is None
                if event is None:
                    event = self._inflight[key] = threading.Event()
            if leader:
                try:
                    with self._slots:
                        return compute()
                finally:
                    with self._lock:
                        self._inflight.pop(key, None)
                    event.set()
            event.wait(wait_seconds)
            found = lookup()
            if found is not None:
                return found
