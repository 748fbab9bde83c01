"""Refuse request bodies over a size limit with 413, before any route reads them.

A pure ASGI middleware: a declared ``Content-Length`` over the limit is answered at once,
without calling the app (the handler never runs, the body is never read); a body sent without
one (chunked) is counted as it arrives, and the read that crosses the limit fails, so the
route never sees a partial body. Either way the answer is Acorn's error shape
(:func:`acorn.api.errors.error_body`) with ``Connection: close``: the rest of an oversized body
is not worth reading.

The limit is ``ACORN_MAX_BODY_BYTES`` by default; ``overrides`` maps path prefixes to their own
limit (the longest matching prefix wins), for routes that take uploads.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from acorn.api.errors import error_body


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a streamed body crosses the limit.

    An ``HTTPException`` so the framework's body reader passes it on instead of turning it
    into a 400 "error parsing the body"; the middleware answers it either way.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"request body larger than {limit} bytes")
        self.limit = limit


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the server rejects a malformed length; count the chunks anyway
    return None


def too_large_message(limit: int) -> bytes:
    body = error_body(
        f"request body too large: the limit is {limit} bytes",
        "send a smaller body (the server's default limit is ACORN_MAX_BODY_BYTES)",
        limit_bytes=limit,
    )
    return json.dumps(body).encode()


class BodyLimitMiddleware:
    """Answer 413 to HTTP requests whose body is larger than the limit for their path."""

    def __init__(
        self, app: ASGIApp, max_bytes: int, overrides: Mapping[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        # Keys are path prefixes, or regular expressions when they start with "^" (a route
        # with a parameter in the middle, e.g. "^/v1/agents/[^/]+/voice$"). Longest first, so
        # "/v1/voice/upload" beats "/v1".
        items = sorted((overrides or {}).items(), key=lambda item: -len(item[0]))
        self.overrides = [
            (re.compile(key) if key.startswith("^") else key, limit) for key, limit in items
        ]

    def limit_for(self, path: str) -> int:
        for key, limit in self.overrides:
            if path.startswith(key) if isinstance(key, str) else key.match(path):
                return limit
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            await self._refuse(send, limit)
            return

        received = 0
        exceeded = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise BodyTooLarge(limit)
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded and not started:
                return  # the app's own answer to BodyTooLarge; ours is sent below
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except BodyTooLarge:
            if started:
                raise  # a route that answered before reading: nothing better to send
        if exceeded and not started:
            await self._refuse(send, limit)

    @staticmethod
    async def _refuse(send: Send, limit: int) -> None:
        body = too_large_message(limit)
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
