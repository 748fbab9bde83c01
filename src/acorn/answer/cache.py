"""A small, bounded, time-limited cache of answers.

Visitors ask the same few questions ("are you open Sunday?") over and over; re-running
retrieval and sentence scoring for each costs tens of milliseconds of CPU that a 2-core box
cannot spare under load. Keys carry the agent's live index generation, so a re-crawl is seen at
once; the TTL bounds how long an edited FAQ or config can go unseen.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import replace

from acorn.answer.types import Answer


class AnswerCache:
    def __init__(self, max_items: int = 5_000, ttl_seconds: float = 300.0) -> None:
        self.max_items = max_items
        self.ttl = ttl_seconds
        self._items: OrderedDict[Hashable, tuple[float, Answer]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Answer | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            stored, answer = item
            if time.monotonic() - stored > self.ttl:
                del self._items[key]
                return None
            self._items.move_to_end(key)
        return replace(answer, sources=list(answer.sources), evidence=dict(answer.evidence))

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def put(self, key: Hashable, answer: Answer) -> None:
        if self.max_items <= 0:
            return
        with self._lock:
            self._items[key] = (time.monotonic(), answer)
            self._items.move_to_end(key)
            while len(self._items) > self.max_items:
                self._items.popitem(last=False)
