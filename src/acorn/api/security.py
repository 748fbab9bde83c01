"""Authentication and authorisation at the HTTP edge.

Every owner route depends on :func:`require` with the least role it needs (``Viewer``,
``Admin``, ``Owner`` aliases); the dependency carries that role (``acorn_role``) so the
route-walking test and the route table in the docs read it from the app itself. Agents are
fetched through :func:`owned_agent`, which answers 404 for another organisation's agent, so a
credential never learns whether someone else's agent exists.

Credentials travel only in ``Authorization: Bearer``: access JWTs (people, 15 minutes), API
keys (``ak_…``) and visitor tokens (the widget, one agent). No cookies are used, so a
cross-site page cannot make a signed-in owner's browser act (no CSRF surface).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.requests import HTTPConnection

from acorn.auth.accounts import find_user_by_id, membership_role
from acorn.auth.keys import PREFIX as KEY_PREFIX
from acorn.auth.keys import authenticate_key
from acorn.auth.principal import Principal
from acorn.auth.ratelimit import RateLimiter
from acorn.auth.tokens import InvalidToken, decode, looks_like_jwt
from acorn.config import Settings
from acorn.errors import Forbidden, NotFound, Unauthorized
from acorn.store import Agent, Database

bearer = HTTPBearer(
    auto_error=False,
    description="An access token from POST /v1/auth/login, an API key (ak_…), or on "
    "visitor endpoints a visitor token from POST /v1/agents/{agent_id}/token",
)
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def _state(request: HTTPConnection) -> tuple[Settings, Database]:
    return request.app.state.settings, request.app.state.db


def limiter_of(request: HTTPConnection) -> RateLimiter:
    limiter: RateLimiter | None = getattr(request.app.state, "limiter", None)
    if limiter is None:
        limiter = request.app.state.limiter = RateLimiter(request.app.state.settings)
    return limiter


def client_ip(request: HTTPConnection) -> str:
    return request.client.host if request.client else "unknown"


def authenticate(request: HTTPConnection, creds: HTTPAuthorizationCredentials | None) -> Principal:
    """The caller's verified credential, or 401 saying what is wrong with it."""
    if creds is None or not creds.credentials:
        raise Unauthorized(
            "this endpoint needs a credential",
            hint="send Authorization: Bearer <access token or API key> "
            "(sign in with POST /v1/auth/login, or `acorn keys create --name NAME`)",
        )
    settings, db = _state(request)
    token = creds.credentials.strip()
    if token.startswith(KEY_PREFIX):
        found = authenticate_key(db, token)
        if found is None:
            raise Unauthorized(
                "this API key is unknown or revoked", hint="create a new one with POST /v1/keys"
            )
        key, org = found
        return Principal("key", org, role=key.role, key_id=key.id, key_name=key.name)
    if not looks_like_jwt(token):
        raise Unauthorized(
            "the credential is neither a token nor an API key",
            hint="send Authorization: Bearer <access token or API key>",
        )
    try:
        claims = decode(settings, token, ("access", "visitor"))
    except InvalidToken as exc:
        raise Unauthorized(
            str(exc), hint="sign in again (POST /v1/auth/login or /v1/auth/refresh)"
        ) from None
    if claims["typ"] == "visitor":
        return Principal(
            "visitor",
            None,
            agent_id=str(claims.get("agent")),
            session_id=str(claims.get("sub")),
            origin=claims.get("origin"),
            expires_at=float(claims["exp"]),
        )
    user_id, org = str(claims.get("sub")), str(claims.get("org"))
    role = membership_role(db, user_id, org)
    if role is None:
        raise Unauthorized(
            "this account is no longer a member of the organisation", hint="sign in again"
        )
    user = find_user_by_id(db, user_id)
    email = user.email if user else None
    return Principal(
        "user", org, role=role, user_id=user_id, email=email, expires_at=float(claims["exp"])
    )


def require(role: str) -> Callable[..., Principal]:
    """A dependency admitting people and keys with at least ``role`` in their organisation."""

    def dependency(request: Request, creds: BearerDep) -> Principal:
        who = authenticate(request, creds)
        if who.kind == "visitor":
            raise Forbidden(
                "a visitor token can only ask this agent questions",
                hint="owner endpoints need an access token or an API key",
            )
        if not who.can(role):
            raise Forbidden(
                f"this needs the {role} role; this credential has {who.role}",
                hint="ask an owner of the organisation for a higher role",
            )
        return who

    dependency.acorn_role = role  # type: ignore[attr-defined]
    return dependency


def optional_visitor(request: Request, creds: BearerDep) -> Principal:
    """Visitor endpoints: a visitor token, or any member's credential (the owner trying their
    agent). Which agent it may ask is checked by the route (:func:`acorn.api.routes.query.admit_visitor`)."""
    return authenticate(request, creds)


optional_visitor.acorn_role = "visitor"  # type: ignore[attr-defined]

Viewer = Annotated[Principal, Depends(require("viewer"))]
Admin = Annotated[Principal, Depends(require("admin"))]
Owner = Annotated[Principal, Depends(require("owner"))]
VisitorOrMember = Annotated[Principal, Depends(optional_visitor)]


def owned_agent(db: Database, who: Principal, agent_id: str) -> Agent:
    """The agent if it belongs to the caller's organisation; 404 otherwise (never 403)."""
    with db.session() as session:
        agent = session.get(Agent, agent_id)
        if (
            agent is None
            or agent.organization_id is None
            or (agent.organization_id != who.organization_id)
        ):
            raise NotFound(
                f"no agent with id {agent_id!r}",
                hint="list your agents with GET /v1/agents",
            )
        return agent


def same_secret(a: str, b: str) -> bool:
    return secrets.compare_digest(a.encode(), b.encode())
