"""CORS for visitor endpoints only, per agent.

The widget runs on the business's own site and calls Acorn cross-origin, so
``/v1/agents/{id}/token``, ``/query``, ``/widget-config``, ``/leads`` and ``/feedback`` (and
the voice endpoints to come)
answer CORS for the origins that agent allows, and for nobody else. Owner endpoints answer no
CORS at all: Acorn's own pages call them from Acorn's own origin. CORS only decides what a
browser may *read*; the routes themselves refuse a disallowed ``Origin`` (see
:mod:`acorn.api.routes.widget`), since a request can be sent without a preflight.
"""

from __future__ import annotations

import asyncio
import re
import time
from typing import Any

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from acorn.auth.origins import allowed_origins, is_allowed, normalise_origin
from acorn.store import Agent, agent_config

# GET /leads is an owner route on a visitor path: the preflight allows only POST, so a
# browser on the agent's site can never send it cross-origin with a credential.
VISITOR_PATH = re.compile(
    r"^/v1/agents/([A-Za-z0-9_-]{1,64})/(token|query|widget-config|leads|feedback|voice)$"
)
ALLOW_HEADERS = "Authorization, Content-Type"
CACHE_SECONDS = 10.0  # an owner's change of origins reaches the preflights within this


class VisitorCORS:
    """Pure ASGI (it must not buffer anything) and cheap: the allowed origins of an agent are
    read from the database once per ``CACHE_SECONDS``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._cache: dict[str, tuple[float, list[str]]] = {}

    async def _allowed(self, scope: Scope, agent_id: str) -> list[str]:
        hit = self._cache.get(agent_id)
        if hit is not None and hit[0] > time.monotonic():
            return hit[1]
        state = scope["app"].state
        origins = await asyncio.to_thread(self._load, state.db, state.settings, agent_id)
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[agent_id] = (time.monotonic() + CACHE_SECONDS, origins)
        return origins

    @staticmethod
    def _load(db: Any, settings: Any, agent_id: str) -> list[str]:
        with db.session() as session:
            agent = session.get(Agent, agent_id)
            if agent is None:
                return []
            return allowed_origins(settings, agent.root_url, agent_config(agent))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        match = VISITOR_PATH.match(scope["path"])
        origin = Headers(scope=scope).get("origin")
        if match is None or origin is None:
            await self.app(scope, receive, send)
            return
        allowed = is_allowed(origin, await self._allowed(scope, match.group(1)))
        headers = Headers(scope=scope)
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            if not allowed:
                response = PlainTextResponse("origin not allowed", status_code=403)
            else:
                response = PlainTextResponse(
                    "",
                    status_code=204,
                    headers={
                        "Access-Control-Allow-Origin": normalise_origin(origin),
                        "Access-Control-Allow-Methods": "POST, OPTIONS",
                        "Access-Control-Allow-Headers": ALLOW_HEADERS,
                        "Access-Control-Max-Age": "600",
                        "Vary": "Origin",
                    },
                )
            await response(scope, receive, send)
            return
        if not allowed:
            await self.app(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                raw.append((b"access-control-allow-origin", origin.encode("latin-1")))
                raw.append((b"vary", b"Origin"))
                message = {**message, "headers": raw}
            await send(message)

        await self.app(scope, receive, send_with_cors)
