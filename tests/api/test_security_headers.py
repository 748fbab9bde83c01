"""Security headers on every response (acorn.api.headers): the page policy on HTML, the
strict one on everything else, a route's own header kept, HSTS only over https, and SSE
bodies passed through chunk by chunk."""

from __future__ import annotations

import asyncio

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from acorn.api.headers import API_CSP, PAGE_CSP, SecurityHeadersMiddleware
from acorn.config import Settings
from tests.api.edge_support import bare_client

COMMON = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
}


def test_html_pages_get_the_page_policy(settings: Settings) -> None:
    for path in ("/", "/setup"):
        response = bare_client(settings).get(path)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert response.headers["content-security-policy"] == PAGE_CSP
        assert "unsafe-inline" not in PAGE_CSP
        for name, value in COMMON.items():
            if name != "referrer-policy":
                assert response.headers[name] == value
        # The owner's pages choose a stricter referrer policy (the setup link's token): kept.
        assert response.headers.get_list("referrer-policy") == ["no-referrer"]
        assert "strict-transport-security" not in response.headers


def test_json_errors_and_assets_get_the_strict_policy(settings: Settings) -> None:
    client = bare_client(settings)
    for path in ("/openapi.json", "/no/such/route", "/onboarding/onboarding.js"):
        response = client.get(path)
        assert response.headers["content-security-policy"] == API_CSP, path
        for name, value in COMMON.items():
            assert response.headers[name] == value
    # The policy is defined once: the onboarding page sends one, not two.
    assert client.get("/").headers.get_list("content-security-policy") == [PAGE_CSP]


def test_hsts_only_over_https(settings: Settings) -> None:
    plain = bare_client(settings).get("/openapi.json")
    assert "strict-transport-security" not in plain.headers
    secure = bare_client(settings, base_url="https://testserver").get("/openapi.json")
    assert secure.headers["strict-transport-security"].startswith("max-age=")


def _mini_app() -> Starlette:
    def own_policy(request: object) -> PlainTextResponse:
        return PlainTextResponse(
            "x", headers={"Content-Security-Policy": "frame-ancestors *", "X-Frame-Options": "x"}
        )

    def widget(request: object) -> PlainTextResponse:
        return PlainTextResponse("// widget", media_type="text/javascript")

    return Starlette(routes=[Route("/own", own_policy), Route("/widget.js", widget)])


def test_a_route_keeps_its_own_headers_and_omitted_ones_stay_out() -> None:
    app = SecurityHeadersMiddleware(
        _mini_app(), omit={"/widget.js": ["X-Frame-Options", "Content-Security-Policy"]}
    )
    client = TestClient(app)
    own = client.get("/own")
    assert own.headers.get_list("content-security-policy") == ["frame-ancestors *"]
    assert own.headers.get_list("x-frame-options") == ["x"]
    assert own.headers["x-content-type-options"] == "nosniff"
    widget = client.get("/widget.js")
    assert "x-frame-options" not in widget.headers
    assert "content-security-policy" not in widget.headers
    assert widget.headers["x-content-type-options"] == "nosniff"


def test_streamed_bodies_pass_through_unbuffered() -> None:
    """Each body chunk reaches the server before the app sends the next (as SSE needs)."""
    sent: list[Message] = []
    first_chunk_seen = asyncio.Event()

    async def streaming_app(scope: Scope, receive: Receive, send: Send) -> None:
        headers = [(b"content-type", b"text/event-stream")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"data: 1\n\n", "more_body": True})
        await asyncio.wait_for(first_chunk_seen.wait(), timeout=5)  # held until it arrived
        await send({"type": "http.response.body", "body": b"data: 2\n\n"})

    async def server_send(message: Message) -> None:
        sent.append(message)
        if message.get("body") == b"data: 1\n\n":
            first_chunk_seen.set()

    async def receive() -> Message:
        return {"type": "http.disconnect"}

    scope = {"type": "http", "method": "GET", "path": "/v1/agents/a/events", "headers": []}
    asyncio.run(SecurityHeadersMiddleware(streaming_app)(scope, receive, server_send))
    assert [m["type"] for m in sent] == ["http.response.start", *["http.response.body"] * 2]
    assert (b"x-content-type-options", b"nosniff") in sent[0]["headers"]
