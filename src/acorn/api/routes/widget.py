"""The widget's side of an agent: its public key and allowed origins (owners), and visitor
tokens and the widget's public settings (anyone on an allowed site).

``POST /v1/agents/{agent_id}/token`` trades the public key, from a page whose ``Origin`` is
allowed, for a visitor token: a JWT valid 10 minutes for this agent and one session. A wrong
key and an unknown agent get the same 401, so the endpoint does not confirm agent ids.
"""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from acorn.api.deps import DbDep, SettingsDep
from acorn.api.routes.onboard import embed_code
from acorn.api.security import Admin, Viewer, client_ip, limiter_of, owned_agent, same_secret
from acorn.api.widget_config import WidgetConfigOut, public_config
from acorn.auth.audit import record
from acorn.auth.origins import allowed_origins, is_allowed, normalise_origin
from acorn.auth.tokens import visitor_token
from acorn.config import Settings
from acorn.errors import Forbidden, Unauthorized
from acorn.store import Agent, Database, agent_config
from acorn.store.models import new_public_key

router = APIRouter(prefix="/v1/agents", tags=["widget"])


class TokenRequest(BaseModel):
    public_key: str = Field(..., max_length=64, description="The agent's pk_… widget key")
    session_id: str | None = Field(
        None, max_length=64, pattern=r"^[A-Za-z0-9_-]+$", description="Resume a conversation"
    )


class VisitorToken(BaseModel):
    token: str
    token_type: str = "bearer"
    expires_in: int
    agent_id: str
    session_id: str


class WidgetOut(BaseModel):
    agent_id: str
    public_key: str
    allowed_origins: list[str]
    origins_are_default: bool
    embed_code: str


class OriginsUpdate(BaseModel):
    allowed_origins: list[str] = Field(
        ..., max_length=50, description="Empty: the agent's own site and Acorn's own origin"
    )


def origins_for(settings: Settings, agent: Agent) -> list[str]:
    return allowed_origins(settings, agent.root_url, agent_config(agent))


def _widget(settings: Settings, agent: Agent, request: Request) -> WidgetOut:
    return WidgetOut(
        agent_id=agent.id,
        public_key=agent.public_key,
        allowed_origins=origins_for(settings, agent),
        origins_are_default=not agent_config(agent).integrations.allowed_origins,
        embed_code=embed_code(settings, agent.id, agent.public_key, request),
    )


def admit_key(
    settings: Settings, db: Database, agent_id: str, public_key: str, origin: str | None
) -> Agent:
    """The agent if ``public_key`` is its key and ``origin`` may use it: else 401 (the same
    for an unknown agent) or 403."""
    with db.session() as session:
        agent = session.get(Agent, agent_id)
    if agent is None or not same_secret(agent.public_key, public_key):
        raise Unauthorized(
            "unknown agent or wrong public key",
            hint="copy the embed code again from the agent's page",
        )
    if not is_allowed(origin, origins_for(settings, agent)):
        raise Forbidden(
            f"origin {origin or '(none)'} may not use this agent's widget",
            hint="add the site to the agent's allowed origins (PUT /v1/agents/{id}/widget/origins)",
        )
    return agent


def _mint(
    settings: Settings, db: Database, agent_id: str, body: TokenRequest, origin: str | None
) -> VisitorToken:
    agent = admit_key(settings, db, agent_id, body.public_key, origin)
    session_id = body.session_id or secrets.token_urlsafe(12)
    issued = visitor_token(settings, agent.id, session_id, normalise_origin(origin or ""))
    return VisitorToken(
        token=issued.token, expires_in=issued.expires_in, agent_id=agent.id, session_id=session_id
    )


@router.post("/{agent_id}/token", response_model=VisitorToken)
def mint_token(
    agent_id: str, body: TokenRequest, request: Request, settings: SettingsDep, db: DbDep
) -> VisitorToken:
    """A visitor token for the widget (10 minutes, this agent, one session). Needs the public
    key and an allowed ``Origin`` (browsers send it); 429 when one address asks too often."""
    limiter_of(request).hit(
        settings.rate_limit_token, "visitor-token", client_ip(request), "visitor tokens"
    )
    return _mint(settings, db, agent_id, body, request.headers.get("origin"))


class KeyRequest(BaseModel):
    public_key: str = Field(..., max_length=64, description="The agent's pk_… widget key")


@router.post("/{agent_id}/widget-config", response_model=WidgetConfigOut)
def widget_config(
    agent_id: str, body: KeyRequest, request: Request, settings: SettingsDep, db: DbDep
) -> WidgetConfigOut:
    """The widget's public settings (greeting, colour, position, language, lead capture,
    voice). Needs the public key and an allowed ``Origin``, like the token."""
    limiter_of(request).hit(
        settings.rate_limit_token, "widget-config", client_ip(request), "widget loads"
    )
    agent = admit_key(settings, db, agent_id, body.public_key, request.headers.get("origin"))
    return public_config(request.app, agent)


@router.get("/{agent_id}/widget", response_model=WidgetOut)
def widget(
    agent_id: str, who: Viewer, settings: SettingsDep, db: DbDep, request: Request
) -> WidgetOut:
    """The embed code, the public key and the origins allowed to use it."""
    return _widget(settings, owned_agent(db, who, agent_id), request)


@router.put("/{agent_id}/widget/origins", response_model=WidgetOut)
def set_origins(
    agent_id: str,
    body: OriginsUpdate,
    who: Admin,
    settings: SettingsDep,
    db: DbDep,
    request: Request,
) -> WidgetOut:
    """Replace the allowed origins (an empty list restores the defaults)."""
    owned_agent(db, who, agent_id)
    origins = list(dict.fromkeys(normalise_origin(o) for o in body.allowed_origins))
    with db.session() as session:
        agent = session.get(Agent, agent_id)
        assert agent is not None
        config = agent_config(agent)
        config.integrations.allowed_origins = origins
        agent.config = config.model_dump(mode="json")
    record(
        db,
        who.organization_id,
        who,
        "widget.origins",
        f"agent:{agent_id}",
        {"allowed_origins": origins},
        client_ip(request),
    )
    return _widget(settings, owned_agent(db, who, agent_id), request)


@router.post("/{agent_id}/widget/rotate-key", response_model=WidgetOut)
def rotate_key(
    agent_id: str, who: Admin, settings: SettingsDep, db: DbDep, request: Request
) -> WidgetOut:
    """Replace the public key: the old embed code stops minting tokens at once."""
    owned_agent(db, who, agent_id)
    with db.session() as session:
        agent = session.get(Agent, agent_id)
        assert agent is not None
        agent.public_key = new_public_key()
    record(
        db,
        who.organization_id,
        who,
        "widget.rotate_key",
        f"agent:{agent_id}",
        ip=client_ip(request),
    )
    return _widget(settings, owned_agent(db, who, agent_id), request)
