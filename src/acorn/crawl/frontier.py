"""The crawl frontier: breadth first (a priority queue on depth), each page key once.

Breadth first matters with ``max_pages``: the pages one click from the home page (services,
prices, contact) are the ones a receptionist needs, so they are fetched before deep archives.
"""

from __future__ import annotations

import asyncio
import itertools

from acorn.crawl.urls import url_key


class Frontier:
    def __init__(self) -> None:
        self._queue: asyncio.PriorityQueue[tuple[int, int, str]] = asyncio.PriorityQueue()
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

    def push(self, url: str, depth: int) -> None:
        self._queue.put_nowait((depth, next(self._order), url))

    async def pop(self) -> tuple[str, int]:
        depth, _, url = await self._queue.get()
        return url, depth

    def done(self) -> None:
        self._queue.task_done()

    async def join(self) -> None:
        await self._queue.join()

    def __len__(self) -> int:
        return self._queue.qsize()
