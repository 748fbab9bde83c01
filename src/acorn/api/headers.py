"""Security headers on every response, defined once for the whole app.

A pure ASGI middleware rather than ``BaseHTTPMiddleware``: it only edits the
``http.response.start`` message and passes every body chunk straight on, so the server-sent
events of ``/v1/agents/{id}/events`` are not buffered.

Headers are only *added* when the response lacks them, so a route can choose its own value
(a page with another Content-Security-Policy). A route that must drop one altogether (a future
``/widget.js`` embedded on other sites has no use for ``X-Frame-Options``) is listed in
``omit`` by path prefix.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# JSON, scripts, styles, images: nothing in them may load anything or be framed.
API_CSP = "default-src 'none'; frame-ancestors 'none'"
# Acorn's own HTML pages (onboarding at /, /docs, later /setup and /admin): their own files
# only, no inline script, talking only to their own origin.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
# One year, this host only: a self-hosted instance may share its parent domain with sites
# that still serve plain HTTP, so no includeSubDomains.
HSTS = "max-age=31536000"

COMMON: dict[str, str] = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
}


def _content_type(headers: list[tuple[bytes, bytes]]) -> str:
    for name, value in headers:
        if name.lower() == b"content-type":
            return value.decode("latin-1").lower()
    return ""


def headers_for(content_type: str, *, https: bool) -> dict[str, str]:
    """The headers a response of ``content_type`` should carry (lower-case names)."""
    wanted = dict(COMMON)
    wanted["content-security-policy"] = (
        PAGE_CSP if content_type.startswith("text/html") else API_CSP
    )
    if https:
        wanted["strict-transport-security"] = HSTS
    return wanted


class SecurityHeadersMiddleware:
    """Add the missing security headers to each HTTP response start."""

    def __init__(self, app: ASGIApp, omit: Mapping[str, Collection[str]] | None = None) -> None:
        self.app = app
        # path prefix -> header names the middleware leaves out for it (case-insensitive)
        self.omit = {
            prefix: frozenset(name.lower() for name in names)
            for prefix, names in (omit or {}).items()
        }

    def _omitted(self, path: str) -> frozenset[str]:
        names: frozenset[str] = frozenset()
        for prefix, skip in self.omit.items():
            if path.startswith(prefix):
                names |= skip
        return names

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"
        omitted = self._omitted(scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                wanted = headers_for(_content_type(headers), https=https)
                for name, value in wanted.items():
                    key = name.encode("latin-1")
                    if key not in present and name not in omitted:
                        headers.append((key, value.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
