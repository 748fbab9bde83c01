"""``POST /v1/onboard``: paste a website, get an agent, its embed code, and a crawl under way.

The URL is checked before anything is stored or queued (syntax, scheme, and the SSRF guard's
DNS check), so a typo or a private address is a 422 with the reason, not a failed job later.
This router also carries the job system's lifespan (:func:`acorn.jobs.runtime.lifespan`), so
including it is what gives ``acorn serve`` its background worker.
"""

from __future__ import annotations

import asyncio
from html import escape
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from acorn.api.baseurl import public_base_url
from acorn.api.deps import DbDep, SettingsDep
from acorn.api.security import Admin, client_ip
from acorn.auth.audit import record
from acorn.config import AgentConfig, Settings
from acorn.crawl.policy import CrawlLimits, enforce_crawl_policy
from acorn.crawl.safety import UrlGuard, validate_root_url
from acorn.errors import FetchFailed, InvalidURL
from acorn.jobs.runtime import JobRuntime, lifespan
from acorn.store import create_agent, find_agent_for_site

router = APIRouter(prefix="/v1", tags=["onboarding"], lifespan=lifespan)


class OnboardRequest(BaseModel):
    root_url: str = Field(..., max_length=2048, examples=["https://example.com"])
    name: str | None = Field(None, max_length=200)
    config: AgentConfig | None = None


class OnboardResponse(BaseModel):
    agent_id: str
    job_id: str
    status: str
    embed_code: str
    public_key: str
    events_url: str
    status_url: str
    existing: bool = False  # true: the organisation already had an agent for this site
    hint: str | None = None


def jobs_of(request: Request) -> JobRuntime:
    runtime: JobRuntime | None = getattr(request.app.state, "jobs", None)
    if runtime is None:
        raise RuntimeError("the job system is not running (app lifespan not started)")
    return runtime


def embed_code(
    settings: Settings, agent_id: str, public_key: str, request: Request | None = None
) -> str:
    """The one line a site owner pastes before ``</body>``. Only public values go in it.
    ``request``: name the host the owner reached Acorn at, unless the base URL was given."""
    base = public_base_url(settings, request)
    return (
        f'<script src="{escape(base)}/widget.js" data-agent="{escape(agent_id)}" '
        f'data-key="{escape(public_key)}" async></script>'
    )


async def check_root_url(settings: Settings, url: str) -> str:
    """The normalised URL, or InvalidURL/BlockedURL (422) saying why it cannot be crawled."""
    root = validate_root_url(url)
    try:
        await UrlGuard(settings).check(root)
    except FetchFailed as exc:  # a name that does not resolve is the user's typo, not a 502
        raise InvalidURL(exc.message, hint=exc.hint) from None
    return root


_ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"description": "The URL is malformed, unsupported, unresolvable or not public"}
}


@router.post("/onboard", status_code=202, response_model=OnboardResponse, responses=_ERRORS)
async def onboard(
    body: OnboardRequest,
    request: Request,
    response: Response,
    who: Admin,
    settings: SettingsDep,
    db: DbDep,
) -> OnboardResponse:
    """Create an agent for the site and queue its first crawl. Follow it with
    ``GET /v1/agents/{agent_id}/events`` (live) or ``/status``. If the organisation already
    has an agent for this site, that agent is answered (200, ``existing: true``) and nothing
    is crawled: re-crawl it with ``POST /v1/agents/{agent_id}/recrawl``."""
    root = await check_root_url(settings, body.root_url)
    enforce_crawl_policy(
        body.config or AgentConfig(), CrawlLimits.from_settings(settings), site_verified=False
    )
    org = who.organization_id or ""
    known = await asyncio.to_thread(find_agent_for_site, db, org, root)
    if known is not None:
        response.status_code = 200
        return OnboardResponse(
            agent_id=known.id,
            job_id="",
            status=known.status,
            embed_code=embed_code(settings, known.id, known.public_key, request),
            public_key=known.public_key,
            events_url=f"/v1/agents/{known.id}/events",
            status_url=f"/v1/agents/{known.id}/status",
            existing=True,
            hint=f"you already have an agent for {root}; "
            f"crawl it again with POST /v1/agents/{known.id}/recrawl",
        )
    # Database writes off the event loop: on SQLite they can wait for an indexing job's lock.
    agent = await asyncio.to_thread(
        create_agent, db, root, body.name, body.config, organization_id=org
    )
    job = await asyncio.to_thread(jobs_of(request).submit, agent.id)
    await asyncio.to_thread(
        record,
        db,
        org,
        who,
        "agent.create",
        f"agent:{agent.id}",
        {"root_url": root},
        client_ip(request),
    )
    return OnboardResponse(
        agent_id=agent.id,
        job_id=job.id,
        status=agent.status,
        embed_code=embed_code(settings, agent.id, agent.public_key, request),
        public_key=agent.public_key,
        events_url=f"/v1/agents/{agent.id}/events",
        status_url=f"/v1/agents/{agent.id}/status",
    )
