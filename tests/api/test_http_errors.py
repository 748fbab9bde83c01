"""The framework's own HTTP errors answer in Acorn's documented shape: an unknown route, a wrong
method (Allow kept), an HTTPException a route or dependency raises (its headers kept); Acorn's
own errors and validation errors are unchanged."""

from __future__ import annotations

from fastapi import HTTPException

from acorn.config import Settings
from tests.api.edge_support import bare_client, owner_client


def test_unknown_route(settings: Settings) -> None:
    response = bare_client(settings).get("/v1/nothing/here")
    assert response.status_code == 404
    assert response.json() == {
        "error": "no such route: GET /v1/nothing/here",
        "hint": "see the API docs at /docs",
    }


def test_wrong_method_keeps_allow(settings: Settings) -> None:
    response = bare_client(settings).delete("/v1/onboard")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.json() == {
        "error": "method not allowed: DELETE /v1/onboard",
        "hint": "this route accepts POST",
    }


def test_raised_http_exception_keeps_detail_and_headers(settings: Settings) -> None:
    client = bare_client(settings)

    def guarded() -> None:
        raise HTTPException(401, "Not authenticated", headers={"WWW-Authenticate": "Bearer"})

    def gone() -> None:
        raise HTTPException(404, "no such widget")

    def structured() -> None:
        raise HTTPException(409, detail={"why": "busy"})

    client.app.add_api_route("/test/guarded", guarded)  # type: ignore[attr-defined]
    client.app.add_api_route("/test/gone", gone)  # type: ignore[attr-defined]
    client.app.add_api_route("/test/structured", structured)  # type: ignore[attr-defined]
    response = client.get("/test/guarded")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json() == {"error": "Not authenticated", "hint": None}
    assert client.get("/test/gone").json() == {"error": "no such widget", "hint": None}
    assert client.get("/test/structured").json() == {
        "error": "Conflict",
        "hint": None,
        "detail": {"why": "busy"},
    }


def test_acorn_and_validation_errors_unchanged(settings: Settings) -> None:
    client = bare_client(settings)
    missing = client.get("/onboarding/nope.js")  # acorn.errors.NotFound
    assert missing.status_code == 404
    assert missing.json() == {
        "error": "no such file: nope.js",
        "hint": "the onboarding page is at /",
    }
    with owner_client(settings) as owner:
        invalid = owner.post("/v1/onboard", json={})
    assert invalid.status_code == 422
    assert invalid.json()["error"] == "root_url: Field required"
    assert invalid.json()["hint"] == "check the request body against the API docs at /docs"
