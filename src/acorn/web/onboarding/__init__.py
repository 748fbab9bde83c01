"""The onboarding page, served at ``/``: plain HTML, CSS and JavaScript, no build step.

Served from the package (not a CDN) so a self-hosted instance works offline, with a strict
Content-Security-Policy: the page loads only its own files and talks only to its own origin.
That policy and the other security headers come from :mod:`acorn.api.headers`, for every page.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

from acorn.errors import NotFound

HERE = Path(__file__).resolve().parent
ASSETS = {
    "onboarding.css": "text/css; charset=utf-8",
    "onboarding.js": "text/javascript; charset=utf-8",
}

router = APIRouter(tags=["web"], include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def onboarding_page() -> FileResponse:
    return FileResponse(HERE / "index.html", media_type="text/html; charset=utf-8")


@router.get("/onboarding/{name}")
def onboarding_asset(name: str) -> FileResponse:
    if name not in ASSETS:
        raise NotFound(f"no such file: {name}", hint="the onboarding page is at /")
    return FileResponse(
        HERE / name,
        media_type=ASSETS[name],
        headers={"Cache-Control": "public, max-age=300"},
    )
