"""Translate Acorn's errors at the HTTP edge: ``{"error": message, "hint": next step}`` with
the class's status code, and the same shape for request validation failures."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

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


def install(app: FastAPI) -> None:
    app.add_exception_handler(AcornError, _acorn_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
