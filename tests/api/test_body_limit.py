"""The request body limit (acorn.api.body_limit): a declared Content-Length over the limit and
a chunked body that grows past it both get 413 in Acorn's error shape, before any handler runs;
bodies under the limit pass untouched; per-path overrides pick the longest prefix."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from acorn.api.body_limit import BodyLimitMiddleware
from acorn.config import Settings
from acorn.errors import InvalidURL
from tests.api.edge_support import bare_client, owner_client, uvicorn_server

FIVE_MB = 5 * 1024 * 1024


@pytest.fixture
def onboard_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records each time the onboard handler runs (its first step), then stops it with a 422."""
    calls: list[str] = []

    async def spy(settings: Settings, url: str) -> str:
        calls.append(url)
        raise InvalidURL("stopped by the test")

    monkeypatch.setattr("acorn.api.routes.onboard.check_root_url", spy)
    return calls


def _assert_413(response: httpx.Response, limit: int) -> None:
    assert response.status_code == 413
    body = response.json()
    assert set(body) >= {"error", "hint"}
    assert str(limit) in body["error"]
    assert body["limit_bytes"] == limit
    assert response.headers["x-content-type-options"] == "nosniff"  # the headers wrap it


def test_default_limit_is_one_mib(settings: Settings) -> None:
    assert settings.max_body_bytes == 1024 * 1024


def test_five_mb_onboard_body_is_refused_before_the_handler(
    settings: Settings, onboard_calls: list[str]
) -> None:
    with owner_client(settings) as client:
        _post_small_then_big(client, onboard_calls, settings.max_body_bytes)


def _post_small_then_big(client: TestClient, onboard_calls: list[str], limit: int) -> None:
    small = client.post("/v1/onboard", json={"root_url": "https://example.com/"})
    assert small.status_code == 422 and onboard_calls == ["https://example.com/"]  # spy works

    big = b'{"root_url": "https://example.com/", "name": "' + b"a" * FIVE_MB + b'"}'
    headers = {"content-type": "application/json"}
    declared = client.post("/v1/onboard", content=big, headers=headers)
    _assert_413(declared, limit)

    def chunks() -> Iterator[bytes]:  # no Content-Length: sent chunked
        for start in range(0, len(big), 256 * 1024):
            yield big[start : start + 256 * 1024]

    streamed = client.post("/v1/onboard", content=chunks(), headers=headers)
    _assert_413(streamed, limit)
    assert onboard_calls == ["https://example.com/"]  # neither big request reached it


def test_setting_changes_the_limit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(_env_file=None, data_dir=tmp_path, max_body_bytes=100)  # type: ignore[call-arg]
    response = bare_client(settings).post("/v1/onboard", json={"root_url": "x" * 200})
    _assert_413(response, 100)


# --- the middleware alone, behind a real uvicorn server (chunked uploads are uvicorn's) ---


def _echo_app(seen: list[int]) -> Starlette:
    async def echo(request: Request) -> JSONResponse:
        body = await request.body()
        seen.append(len(body))
        return JSONResponse({"received": len(body)})

    return Starlette(
        routes=[
            Route("/v1/echo", echo, methods=["POST"]),
            Route("/upload/echo", echo, methods=["POST"]),
            Route("/upload/big/echo", echo, methods=["POST"]),
        ]
    )


@pytest.fixture(scope="module")
def echo_server() -> Iterator[tuple[str, list[int]]]:
    seen: list[int] = []
    app = BodyLimitMiddleware(
        _echo_app(seen), max_bytes=1000, overrides={"/upload": 5000, "/upload/big": 20_000}
    )
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    with uvicorn_server(config) as url:
        yield url, seen


def _chunks(total: int, size: int = 300) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        part = min(size, total - sent)
        sent += part
        yield b"x" * part


def test_real_server_chunked_and_declared_bodies(echo_server: tuple[str, list[int]]) -> None:
    url, seen = echo_server
    seen.clear()
    with httpx.Client(base_url=url, timeout=30) as client:
        ok = client.post("/v1/echo", content=_chunks(1000))
        assert ok.status_code == 200 and ok.json() == {"received": 1000}
        assert ok.request.headers.get("transfer-encoding") == "chunked"

        over = client.post("/v1/echo", content=_chunks(3000))
        assert over.request.headers.get("transfer-encoding") == "chunked"
        _assert_413_plain(over, 1000)

        declared = client.post("/v1/echo", content=b"x" * 3000)
        assert declared.request.headers["content-length"] == "3000"
        _assert_413_plain(declared, 1000)
    assert seen == [1000]  # the refused bodies never reached the route


def test_overrides_pick_the_longest_prefix(echo_server: tuple[str, list[int]]) -> None:
    url, _ = echo_server
    with httpx.Client(base_url=url, timeout=30) as client:
        assert client.post("/upload/echo", content=_chunks(4000)).status_code == 200
        _assert_413_plain(client.post("/upload/echo", content=_chunks(6000)), 5000)
        assert client.post("/upload/big/echo", content=b"x" * 15_000).status_code == 200
        _assert_413_plain(client.post("/upload/big/echo", content=_chunks(21_000)), 20_000)


def _assert_413_plain(response: httpx.Response, limit: int) -> None:
    assert response.status_code == 413
    assert response.json()["limit_bytes"] == limit
    assert response.json()["hint"]
    assert response.headers["connection"] == "close"
