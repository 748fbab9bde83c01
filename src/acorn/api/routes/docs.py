"""``/docs``: the Swagger UI for ``/openapi.json``, served from the app itself.

FastAPI's default page loads Swagger UI from a CDN and starts it with an inline script, so it
fails on an offline instance and under the pages' Content-Security-Policy (``script-src
'self'``). Here the assets come from the ``swagger-ui-bundle-v2`` package (Swagger UI 5: the
first to read OpenAPI 3.1) and the start-up code from a small file of Acorn's own; the page has
no inline script and no outside URL.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse
from swagger_ui_bundle import swagger_ui_path

from acorn import __version__
from acorn.errors import NotFound

SWAGGER_DIR = Path(str(swagger_ui_path))
INIT_SCRIPT = Path(__file__).resolve().parents[2] / "web" / "docs" / "docs-init.js"

JS = "text/javascript; charset=utf-8"
# name -> (file, media type): an allow-list, so no path from the URL ever reaches the disk.
ASSETS: dict[str, tuple[Path, str]] = {
    "swagger-ui-bundle.js": (SWAGGER_DIR / "swagger-ui-bundle.js", JS),
    "swagger-ui.css": (SWAGGER_DIR / "swagger-ui.css", "text/css; charset=utf-8"),
    "favicon-32x32.png": (SWAGGER_DIR / "favicon-32x32.png", "image/png"),
    "docs-init.js": (INIT_SCRIPT, JS),
}
# The asset URLs carry both versions, so a browser may keep them for a year: an upgrade of
# either changes the URL rather than serving a stale file.
SWAGGER_UI_VERSION = SWAGGER_DIR.name.removeprefix("swagger-ui-")
VERSION = f"{SWAGGER_UI_VERSION}-{__version__}"
CACHE = "public, max-age=31536000, immutable"

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — API docs</title>
<link rel="stylesheet" href="{assets}/swagger-ui.css?v={version}">
<link rel="icon" type="image/png" href="{assets}/favicon-32x32.png?v={version}">
</head>
<body>
<div id="swagger-ui" data-openapi-url="{openapi_url}"></div>
<script src="{assets}/swagger-ui-bundle.js?v={version}"></script>
<script src="{assets}/docs-init.js?v={version}"></script>
</body>
</html>
"""

router = APIRouter(tags=["docs"], include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    # root_path: the prefix a proxy mounts the app under, as FastAPI's own docs page uses it.
    root = str(request.scope.get("root_path", "")).rstrip("/")
    html = PAGE.format(
        title=escape(request.app.title),
        assets=escape(f"{root}/docs/assets"),
        version=escape(VERSION),
        openapi_url=escape(f"{root}{request.app.openapi_url or '/openapi.json'}"),
    )
    return HTMLResponse(html, headers={"Cache-Control": "no-cache"})


@router.get("/docs/assets/{name}")
def docs_asset(name: str) -> FileResponse:
    if name not in ASSETS:
        raise NotFound(f"no such file: {name}", hint="the API docs are at /docs")
    path, media_type = ASSETS[name]
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": CACHE})
