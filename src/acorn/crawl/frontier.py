"""The crawl frontier: a priority queue on a link's rank (its depth, adjusted by
:mod:`acorn.crawl.priority`), each page key once.

The order matters with ``max_pages``: the pages a receptionist needs (services, prices,
contact) are fetched before blog posts and archives, which are the first the limit leaves out.
"""

from __future__ import annotations

import asyncio
import itertools

from acorn.crawl.urls import url_key


class Frontier:
    def __init__(self) -> None:
        self._queue: asyncio.PriorityQueue[tuple[float, int, int, str]] = asyncio.PriorityQueue()
        self._seen: set[str] = set()
        self._order = itertools.count()

    def seen(self, url: str) -> bool:
        return url_key(url) in self._seen

    def mark(self, url: str) -> bool:
        """Remember ``url``; False when it (or an equivalent spelling) was already known."""
        key = url_key(url)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def push(self, url: str, depth: int, rank: float | None = None) -> None:
        """Queue ``url``; lower ``rank`` is popped sooner (default: its depth)."""
        order = float(depth) if rank is None else rank
        self._queue.put_nowait((order, next(self._order), depth, url))

    async def pop(self) -> tuple[str, int]:
        _, _, depth, url = await self._queue.get()
        return url, depth

    def done(self) -> None:
        self._queue.task_done()

    async def join(self) -> None:
        await self._queue.join()

    def __len__(self) -> int:
        return self._queue.qsize()
