"""``GET /v1/agents/{agent_id}/events``: the crawl's progress as server-sent events.

Events: ``status`` (a full snapshot, first and whenever the stream has been quiet for a
couple of seconds), ``progress`` (a page found, fetched, skipped, failed; indexing batches),
``stage`` (crawling → extracting → indexing → generating_faqs) and ``done`` (the job ended:
``status`` succeeded/failed/cancelled, with ``error`` and ``hint``), after which the stream
closes. The snapshots come from the database, so the page never hangs on a lost message.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Request
from sse_starlette.sse import EventSourceResponse

from acorn.api.deps import DbDep
from acorn.api.routes.agents import status_of
from acorn.api.routes.onboard import jobs_of
from acorn.api.security import Viewer, owned_agent
from acorn.store import Database, get_agent

router = APIRouter(prefix="/v1/agents", tags=["agents"])

QUIET_SECONDS = 2.0


def _snapshot(db: Database, agent_id: str) -> dict[str, Any]:
    return status_of(db, get_agent(db, agent_id)).model_dump(mode="json")


def _done(snapshot: dict[str, Any]) -> dict[str, Any] | None:
    job = snapshot.get("job")
    if job is None or job["status"] in ("queued", "running"):
        return None
    return {
        "type": "done",
        "job_id": job["id"],
        "status": job["status"],
        "stage": snapshot["stage"],
        "error": snapshot["error"],
        "hint": snapshot["hint"],
    }


def _sse(event: dict[str, Any]) -> dict[str, str]:
    return {"event": str(event.get("type", "message")), "data": json.dumps(event, default=str)}


@router.get("/{agent_id}/events")
async def agent_events(
    agent_id: str, who: Viewer, request: Request, db: DbDep
) -> EventSourceResponse:
    """Stream the agent's crawl progress until its current job ends."""
    await asyncio.to_thread(owned_agent, db, who, agent_id)  # 404 before the stream starts
    bus = jobs_of(request).bus

    async def stream() -> AsyncIterator[dict[str, str]]:
        async with bus.subscribe(agent_id) as sub:  # subscribe first: no gap before the snapshot
            while True:
                snapshot = await asyncio.to_thread(_snapshot, db, agent_id)
                yield _sse({"type": "status", **snapshot})
                done = _done(snapshot)
                if done is not None:
                    yield _sse(done)
                    return
                while (event := await sub.get(QUIET_SECONDS)) is not None:
                    yield _sse(event)
                    if event.get("type") == "done":
                        return

    return EventSourceResponse(stream(), ping=15)
