"""The owner's pages: onboarding at ``/`` (sign in, paste a URL, watch, embed, try) and the
first-run ``/setup`` page that creates the owner account. Plain HTML, CSS and JavaScript, no
build step; ``auth.js`` (the session: sign-in, refresh, ``authFetch``) is shared by both.

Served from the package (not a CDN) so a self-hosted instance works offline, with a strict
Content-Security-Policy: the pages load only their own files and talk only to their own origin.
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
    "auth.js": "text/javascript; charset=utf-8",
    "onboarding.js": "text/javascript; charset=utf-8",
    "setup.js": "text/javascript; charset=utf-8",
}
PAGE_HEADERS = {
    # The setup link carries its one-time token in the query string: never send it onwards
    # (stricter than the default that acorn.api.headers adds; a route's own header is kept).
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

router = APIRouter(tags=["web"], include_in_schema=False)


def _page(name: str) -> FileResponse:
    return FileResponse(HERE / name, media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)


@router.get("/", response_class=HTMLResponse)
def onboarding_page() -> FileResponse:
    return _page("index.html")


@router.get("/setup", response_class=HTMLResponse)
def setup_page() -> FileResponse:
    """Create the owner account with the one-time token from the console's setup link."""
    return _page("setup.html")


@router.get("/onboarding/{name}")
def onboarding_asset(name: str) -> FileResponse:
    if name not in ASSETS:
        raise NotFound(f"no such file: {name}", hint="the onboarding page is at /")
    return FileResponse(
        HERE / name,
        media_type=ASSETS[name],
        headers={"Cache-Control": "public, max-age=300"},
    )
