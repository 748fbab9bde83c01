"""Liveness and readiness for load balancers and orchestrators.

``/healthz/live`` only says the process answers; ``/healthz/ready`` (and ``/healthz``) checks the
database and the vector index, so traffic is sent only to an instance that can answer.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from acorn import __version__
from acorn.api.deps import DbDep, KbDep

router = APIRouter(tags=["health"])


@router.get("/healthz/live")
def live() -> dict[str, str]:
    """The process answers (nothing else is checked)."""
    return {"status": "ok", "version": __version__}


def _checks(db: Any, kb: Any) -> dict[str, str]:
    checks: dict[str, str] = {}
    try:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"error: {type(exc).__name__}: {exc}"[:300]
    try:
        # A filtered count is the cheapest real query the vector store answers.
        kb.store.count("__healthcheck__")
        checks["index"] = "ok"
    except Exception as exc:
        checks["index"] = f"error: {type(exc).__name__}: {exc}"[:300]
    return checks


@router.get("/healthz/ready")
def ready(db: DbDep, kb: KbDep) -> JSONResponse:
    """The database and the index answer: send traffic here (503 otherwise)."""
    checks = _checks(db, kb)
    healthy = all(v == "ok" for v in checks.values())
    body = {"status": "ok" if healthy else "unavailable", "version": __version__, "checks": checks}
    return JSONResponse(body, status_code=200 if healthy else 503)


@router.get("/healthz")
def health(db: DbDep, kb: KbDep) -> JSONResponse:
    """The same as ``/healthz/ready``."""
    return ready(db, kb)
