"""The embeddable widget (``widget.js``: plain JavaScript, no build step) and a demo host page.

Caching: the embed code names ``/widget.js``, which stays the same URL across upgrades, so it is
served with a short cache (5 minutes) and an ETag of its content hash: browsers revalidate
cheaply and an upgrade reaches every site within minutes. ``/widget.<hash>.js`` is the same
bytes under a name that changes with them, cached for a year as immutable, for hosts that want
to pin a version (``X-Widget-Path`` on ``/widget.js`` names it). Both are sent gzipped when
the browser accepts it, and carry ``Cross-Origin-Resource-Policy: cross-origin``: they are
meant to be loaded by other sites.

``GET /demo/{agent_id}`` is a plain page on Acorn's own origin (allowed by default) that
embeds the agent's widget, so an owner sees it on a page right after onboarding.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse

from acorn.errors import NotFound
from acorn.store import Agent, Database

HERE = Path(__file__).resolve().parent
SCRIPT_CSP = "default-src 'none'"  # a script loads nothing itself; no frame-ancestors: embedded
SHORT_CACHE = "public, max-age=300"
IMMUTABLE = "public, max-age=31536000, immutable"

router = APIRouter(tags=["web"], include_in_schema=False)


@dataclass(frozen=True)
class Bundle:
    raw: bytes
    gzipped: bytes
    digest: str  # 12 hex digits of SHA-256

    @property
    def path(self) -> str:
        return f"/widget.{self.digest}.js"


@cache
def bundle() -> Bundle:
    raw = (HERE / "widget.js").read_bytes()
    return Bundle(raw, gzip.compress(raw, 9, mtime=0), hashlib.sha256(raw).hexdigest()[:12])


def _script(request: Request, cache_control: str) -> Response:
    b = bundle()
    etag = f'"{b.digest}"'
    headers = {
        "Cache-Control": cache_control,
        "ETag": etag,
        "Vary": "Accept-Encoding",
        "Content-Security-Policy": SCRIPT_CSP,
        "Cross-Origin-Resource-Policy": "cross-origin",
        "X-Widget-Path": b.path,
    }
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    body = b.raw
    if "gzip" in request.headers.get("accept-encoding", ""):
        body, headers["Content-Encoding"] = b.gzipped, "gzip"
    return Response(body, media_type="text/javascript; charset=utf-8", headers=headers)


@router.get("/widget.js")
def widget_script(request: Request) -> Response:
    return _script(request, SHORT_CACHE)


@router.get("/widget.{digest}.js")
def widget_script_pinned(digest: str, request: Request) -> Response:
    if digest != bundle().digest:  # an older version: the current one is compatible
        return RedirectResponse("/widget.js", status_code=302)
    return _script(request, IMMUTABLE)


DEMO = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{name} · widget demo</title>
<link rel="stylesheet" href="/onboarding/onboarding.css">
</head>
<body>
<main>
<h1>{name}</h1>
<p>This page shows the receptionist as visitors will see it on your site: open it with the
button in the corner. Put it on your own pages with this line, before
<code>&lt;/body&gt;</code>:</p>
<pre><code>{snippet}</code></pre>
<p><a href="/">Back to Acorn</a></p>
</main>
<script src="/widget.js" data-agent="{agent}" data-key="{key}" async></script>
</body>
</html>
"""


def _agent(db: Database, agent_id: str) -> Agent | None:
    with db.session() as session:
        return session.get(Agent, agent_id)


@router.get("/demo/{agent_id}", response_class=HTMLResponse)
async def demo_page(agent_id: str, request: Request) -> HTMLResponse:
    from acorn.api.routes.onboard import embed_code

    agent = await run_in_threadpool(_agent, request.app.state.db, agent_id)
    if agent is None:
        raise NotFound(f"no agent with id {agent_id!r}", hint="onboard a site at /")
    snippet = embed_code(request.app.state.settings, agent.id, agent.public_key, request)
    html = DEMO.format(
        name=escape(agent.name or agent.root_url),
        snippet=escape(snippet),
        agent=escape(agent.id),
        key=escape(agent.public_key),
    )
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})
