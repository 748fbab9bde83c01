"""Owner verification of an agent's site: ``GET`` gives the token and the two ways to publish
it, ``POST`` checks the live site and records it. A verified agent's crawls ignore robots.txt
``Crawl-delay`` (see :mod:`acorn.crawl.ownership` for why and how the site is read)."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any, Literal
from urllib.parse import urljoin

from fastapi import APIRouter, Request
from pydantic import BaseModel

from acorn.api.deps import DbDep, SettingsDep
from acorn.api.security import Admin, Viewer, client_ip, owned_agent
from acorn.auth.audit import record
from acorn.crawl.ownership import FILE_PATH, META_NAME, meta_tag, verify_site
from acorn.jobs import state
from acorn.store import Agent, Database, get_agent, mark_verified, verification_token

router = APIRouter(prefix="/v1/agents", tags=["verification"])


class VerificationOut(BaseModel):
    agent_id: str
    token: str
    meta_name: str  # acorn-site-verification
    meta_tag: str  # the exact tag for the entry page's <head>
    file_path: str  # /.well-known/acorn-verification.txt, holding only the token
    file_url: str  # that file on the agent's site
    verified: bool
    verified_at: datetime | None
    method: Literal["meta", "file"] | None = None  # how the last POST found the token
    found_at: str | None = None  # the URL it was found at


def verification_of(db: Database, agent: Agent, **found: Any) -> VerificationOut:
    token = verification_token(db, agent.id)
    return VerificationOut(
        agent_id=agent.id,
        token=token,
        meta_name=META_NAME,
        meta_tag=meta_tag(token),
        file_path=FILE_PATH,
        file_url=urljoin(agent.root_url, FILE_PATH),
        verified=agent.verified_at is not None,
        verified_at=state.aware(agent.verified_at),
        **found,
    )


_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such agent"},
    422: {
        "description": "The live site does not show the token (what was found is given), "
        "or its address is not public"
    },
}


@router.get("/{agent_id}/verification", response_model=VerificationOut, responses=_ERRORS)
def get_verification(agent_id: str, who: Viewer, db: DbDep) -> VerificationOut:
    """The agent's verification token and how to publish it on the site."""
    return verification_of(db, owned_agent(db, who, agent_id))


@router.post("/{agent_id}/verification", response_model=VerificationOut, responses=_ERRORS)
async def verify(
    agent_id: str, who: Admin, request: Request, settings: SettingsDep, db: DbDep
) -> VerificationOut:
    """Check the live site for the token (meta tag on the entry page, or the file) and record
    the agent as verified: its next crawls run at full speed despite robots.txt Crawl-delay.
    422 with what was found when the token is missing or different."""
    agent = await asyncio.to_thread(owned_agent, db, who, agent_id)
    token = await asyncio.to_thread(verification_token, db, agent.id)
    proof = await verify_site(settings, agent.root_url, token)
    await asyncio.to_thread(mark_verified, db, agent.id, state.now())
    await asyncio.to_thread(
        record,
        db,
        who.organization_id,
        who,
        "agent.verify",
        f"agent:{agent.id}",
        {"method": proof.method, "url": proof.url},
        client_ip(request),
    )
    agent = await asyncio.to_thread(get_agent, db, agent.id)
    return await asyncio.to_thread(
        verification_of, db, agent, method=proof.method, found_at=proof.url
    )
