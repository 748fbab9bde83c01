"""Live progress for the onboarding page: jobs publish, ``GET /v1/agents/{id}/events`` listens.

Events are plain dicts (``{"type": "progress" | "stage" | "done", ...}``) and are a courtesy,
not the record: the database has the truth, and the SSE endpoint re-reads it whenever the
stream goes quiet, so a missed message costs a little latency, never a stuck page.

Two buses, chosen like every other provider: ``memory`` when the worker runs inside the API
process, ``redis`` (pub/sub on ``acorn:agent:{id}``) when ``ACORN_REDIS_URL`` is set, so an API
process sees events from ``acorn worker`` processes on other machines.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, Protocol

from acorn.config import Settings

log = logging.getLogger(__name__)

Event = dict[str, Any]


class Subscription:
    """Events for one agent, buffered (bounded: a slow browser drops old progress, not memory)."""

    def __init__(self, maxsize: int = 1000) -> None:
        self.queue: asyncio.Queue[Event] = asyncio.Queue(maxsize)
        self.loop = asyncio.get_running_loop()

    def put(self, event: Event) -> None:
        if self.queue.full():
            with contextlib.suppress(asyncio.QueueEmpty):
                self.queue.get_nowait()
        self.queue.put_nowait(event)

    async def get(self, timeout: float) -> Event | None:
        """The next event, or None after ``timeout`` seconds of quiet."""
        try:
            return await asyncio.wait_for(self.queue.get(), timeout)
        except TimeoutError:
            return None


class EventBus(Protocol):
    name: str

    def publish(self, agent_id: str, event: Event) -> None: ...

    def subscribe(self, agent_id: str) -> contextlib.AbstractAsyncContextManager[Subscription]: ...

    def close(self) -> None: ...


class MemoryBus:
    """Publish/subscribe inside one process; ``publish`` is safe from any thread."""

    name = "memory"

    def __init__(self) -> None:
        self._subs: dict[str, set[Subscription]] = {}
        self._lock = threading.Lock()

    def publish(self, agent_id: str, event: Event) -> None:
        with self._lock:
            subs = list(self._subs.get(agent_id, ()))
        for sub in subs:
            with contextlib.suppress(RuntimeError):  # its loop has closed
                sub.loop.call_soon_threadsafe(sub.put, event)

    @asynccontextmanager
    async def subscribe(self, agent_id: str) -> AsyncIterator[Subscription]:
        sub = Subscription()
        with self._lock:
            self._subs.setdefault(agent_id, set()).add(sub)
        try:
            yield sub
        finally:
            with self._lock:
                self._subs.get(agent_id, set()).discard(sub)

    def close(self) -> None:
        pass


def channel(agent_id: str) -> str:
    return f"acorn:agent:{agent_id}"


class RedisBus:
    """Redis pub/sub: workers anywhere publish, every API process can listen."""

    name = "redis"

    def __init__(self, url: str) -> None:
        import redis

        self.url = url
        self._client = redis.Redis.from_url(url)

    def publish(self, agent_id: str, event: Event) -> None:
        try:
            self._client.publish(channel(agent_id), json.dumps(event, default=str))
        except Exception as exc:  # progress is best effort; the job must not fail for it
            log.warning("could not publish a progress event: %s", exc)

    @asynccontextmanager
    async def subscribe(self, agent_id: str) -> AsyncIterator[Subscription]:
        import redis.asyncio as aioredis

        sub = Subscription()
        client = aioredis.Redis.from_url(self.url)
        pubsub = client.pubsub()
        await pubsub.subscribe(channel(agent_id))

        async def pump() -> None:
            async for message in pubsub.listen():
                if message.get("type") == "message":
                    with contextlib.suppress(ValueError):
                        sub.put(json.loads(message["data"]))

        task = asyncio.create_task(pump())
        try:
            yield sub
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
            with contextlib.suppress(Exception):
                await pubsub.aclose()  # type: ignore[attr-defined]
                await client.aclose()  # type: ignore[attr-defined]

    def close(self) -> None:
        self._client.close()


BUSES: dict[str, Callable[[Settings], EventBus]] = {
    "memory": lambda settings: MemoryBus(),
    "redis": lambda settings: RedisBus(settings.redis_url or ""),
}


def get_event_bus(settings: Settings) -> EventBus:
    """Redis when ``ACORN_REDIS_URL`` is set (workers may be elsewhere), else in-process."""
    return BUSES["redis" if settings.redis_url else "memory"](settings)
