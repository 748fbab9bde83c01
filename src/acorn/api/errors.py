"""Translate Acorn's errors at the HTTP edge: ``{"error": message, "hint": next step}`` with
the class's status code, and the same shape for request validation failures and for the
framework's own HTTP errors (unknown route, wrong method)."""

from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from acorn.errors import AcornError


def error_body(message: str, hint: str | None = None, **extra: object) -> dict[str, object]:
    return {"error": message, "hint": hint, **extra}


async def _acorn_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AcornError)
    extra = getattr(exc, "extra", None) or {}
    headers = getattr(exc, "headers", None)  # e.g. Retry-After, WWW-Authenticate
    return JSONResponse(
        error_body(exc.message, exc.hint, **extra), status_code=exc.http_status, headers=headers
    )


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        problems.append(f"{where}: {err.get('msg', 'invalid')}" if where else err.get("msg", ""))
    return JSONResponse(
        error_body(
            "; ".join(problems) or "invalid request",
            "check the request body against the API docs at /docs",
            details=[
                {"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")}
                for e in exc.errors()
            ],
        ),
        status_code=422,
    )


# --- the framework's HTTP errors (router 404/405, HTTPException raised by a dependency) ---


def _http_error_body(request: Request, exc: StarletteHTTPException) -> dict[str, object]:
    route = f"{request.method} {request.url.path}"
    try:
        phrase = HTTPStatus(exc.status_code).phrase
    except ValueError:  # a status code the standard library does not name
        phrase = "Error"
    default_detail = exc.detail == phrase  # Starlette's router raises with no detail of its own
    if exc.status_code == 404 and default_detail:
        return error_body(f"no such route: {route}", "see the API docs at /docs")
    if exc.status_code == 405 and default_detail:
        allow = (exc.headers or {}).get("Allow", "")
        return error_body(
            f"method not allowed: {route}",
            f"this route accepts {allow}" if allow else "see the API docs at /docs",
        )
    if isinstance(exc.detail, str):
        return error_body(exc.detail)
    return error_body(phrase, detail=exc.detail)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code in (204, 304):  # no body allowed
        return Response(status_code=exc.status_code, headers=exc.headers)
    # exc.headers is kept: Allow on 405, WWW-Authenticate on 401.
    return JSONResponse(
        _http_error_body(request, exc), status_code=exc.status_code, headers=exc.headers
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(AcornError, _acorn_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
