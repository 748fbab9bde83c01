"""The FastAPI application. ``create_app(settings)`` builds it; the lifespan opens the database
(migrating SQLite), the knowledge base and the answer service once per process and puts them on
``app.state`` for the dependency aliases in :mod:`acorn.api.deps`."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from acorn import __version__
from acorn.api import errors
from acorn.api.body_limit import BodyLimitMiddleware
from acorn.api.cors import VisitorCORS
from acorn.api.headers import SecurityHeadersMiddleware
from acorn.api.routes import (
    agents,
    auth,
    config,
    conversations,
    docs,
    events,
    health,
    keys,
    leads,
    members,
    onboard,
    query,
    verification,
    voice,
    widget,
)
from acorn.config import Settings, get_settings
from acorn.web import onboarding
from acorn.web import widget as widget_web


def build_state(app: FastAPI, settings: Settings) -> None:
    """Open the stateful parts (database, index, answer service) on ``app.state``."""
    from acorn.answer.service import AnswerService
    from acorn.answer.similarity import Similarity
    from acorn.index import KnowledgeBase
    from acorn.index.embedders import get_embedder
    from acorn.store import Database

    db = Database(settings).ensure_ready()
    # One cached embedder for search and sentence scoring: each question is embedded once.
    embedder = Similarity(get_embedder(settings))
    kb = KnowledgeBase(settings, db, embedder=embedder)  # type: ignore[arg-type]
    app.state.db = db
    app.state.kb = kb
    app.state.answers = AnswerService(settings, db, kb, embedder=embedder, background_logging=True)
    announce_setup(app, settings, db)
    # Load the model now, not inside the first visitor's request (seconds on a small CPU).
    kb.embedder.embed(["warm up"])
    # Everything built so far (model weights' Python wrappers, the local index's points, the
    # ORM mappers) lives as long as the process. Moving it out of the collector's reach keeps
    # full collections short: unfrozen, each walked ~600k objects and paused the event loop
    # for 300 ms, which was most of the p95 under load.
    gc.collect()
    gc.freeze()


def announce_setup(app: FastAPI, settings: Settings, db: Any) -> None:
    """While nobody has an account, print the one-time link that creates the owner (the only
    way in on a fresh installation besides ``acorn users create``)."""
    from acorn.auth.setup import issue_setup_token

    token = issue_setup_token(db)
    app.state.setup_token = token
    if token is None:
        return
    url = f"{settings.public_base_url.rstrip('/')}/setup?token={token}"
    app.state.setup_url = url
    bar = "=" * 72
    print(
        f"\n{bar}\n  Acorn has no account yet. Open this link to create the owner account\n"
        f"  (it works once; a restart prints a new one):\n\n    {url}\n{bar}\n",
        flush=True,
    )


def close_state(app: FastAPI, settings: Settings) -> None:
    from acorn.index.stores.qdrant import close_local_clients

    if not settings.qdrant_url:
        close_local_clients(settings.qdrant_path)  # release the folder lock for the next process
    answers = getattr(app.state, "answers", None)
    if answers is not None:
        answers.close()  # write the last logged turns
    db = getattr(app.state, "db", None)
    if db is not None:
        db.dispose()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if not getattr(app.state, "answers", None):  # tests may have set state already
            build_state(app, settings)
        try:
            yield
        finally:
            close_state(app, settings)

    app = FastAPI(
        title="Acorn",
        version=__version__,
        description="Turn any business website into a grounded voice receptionist.",
        lifespan=lifespan,
        docs_url=None,  # /docs is acorn.api.routes.docs: offline assets, no inline script
        redoc_url=None,
    )
    app.state.settings = settings
    errors.install(app)
    # Middlewares: the last added runs first, so a request passes (FastAPI's error middleware)
    # → security headers → visitor CORS → body limit → routing. The body limit runs before
    # routing, so no route reads an oversized body; CORS and the headers sit outside it, so a
    # visitor's browser can read its 413 and the 413 carries the security headers too.
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        overrides={voice.UPLOAD_PATH: voice.MAX_UPLOAD_BYTES},
    )
    app.add_middleware(VisitorCORS)
    # widget.js is embedded by other sites: framing headers have no business on it.
    app.add_middleware(SecurityHeadersMiddleware, omit={"/widget.": ("x-frame-options",)})
    for router in (health.router, query.router, auth.router):
        app.include_router(router)
    app.include_router(onboard.router)  # also starts the job system with the app (lifespan)
    for router in (
        agents.router,
        config.router,
        conversations.router,
        events.router,
        verification.router,
        widget.router,
        leads.router,
        keys.router,
        members.router,
        onboarding.router,
        widget_web.router,
        docs.router,
        voice.router,
    ):
        app.include_router(router)
    return app
