"""Sign-in for people: login, refresh, logout, the first-run setup, and who am I.

Login answers an access JWT (15 minutes) and a refresh token (rotating, single-use; 30 days).
Attempts are limited per client address and per e-mail address, and an unknown address costs
the same time as a wrong password, so neither guessing nor timing tells who has an account.
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from acorn.api.deps import DbDep, SettingsDep
from acorn.api.security import Viewer, client_ip, limiter_of
from acorn.auth import refresh as refresh_tokens
from acorn.auth.accounts import (
    find_user,
    find_user_by_id,
    first_organization_of,
    get_organization,
    membership_role,
)
from acorn.auth.audit import record
from acorn.auth.passwords import MAX_LENGTH, verify_password
from acorn.auth.setup import complete_setup, setup_needed
from acorn.auth.tokens import access_token
from acorn.config import Settings
from acorn.errors import Unauthorized
from acorn.store import Database

router = APIRouter(prefix="/v1/auth", tags=["auth"])


class LoginRequest(BaseModel):
    email: str = Field(..., max_length=320)
    password: str = Field(..., max_length=MAX_LENGTH)
    organization_id: str | None = Field(None, max_length=32)


class RefreshRequest(BaseModel):
    refresh_token: str = Field(..., max_length=200)


class SetupRequest(BaseModel):
    token: str = Field(..., max_length=200, description="From the link printed on first start")
    email: str = Field(..., max_length=320)
    password: str = Field(..., max_length=MAX_LENGTH)
    name: str = Field("", max_length=200)
    organization_name: str = Field("", max_length=200)


class UserOut(BaseModel):
    id: str
    email: str
    name: str


class OrganizationOut(BaseModel):
    id: str
    name: str


class TokenPair(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    refresh_token: str
    role: str
    user: UserOut
    organization: OrganizationOut


class SetupState(BaseModel):
    needed: bool  # true while the installation has no user: open the setup link


class MeOut(BaseModel):
    kind: str  # user | key
    role: str
    organization: OrganizationOut
    user: UserOut | None = None
    key_id: str | None = None
    key_name: str | None = None


def _pair(
    settings: Settings, db: Database, user_id: str, org_id: str, family: str | None = None
) -> TokenPair:
    user = find_user_by_id(db, user_id)
    role = membership_role(db, user_id, org_id)
    if user is None or role is None:
        raise Unauthorized("this account is no longer a member of the organisation")
    org = get_organization(db, org_id)
    issued = access_token(settings, user_id, org_id)
    refreshed = refresh_tokens.issue(db, user_id, org_id, family) if family is None else None
    return TokenPair(
        access_token=issued.token,
        expires_in=issued.expires_in,
        refresh_token=refreshed.token if refreshed else "",
        role=role,
        user=UserOut(id=user.id, email=user.email, name=user.name),
        organization=OrganizationOut(id=org.id, name=org.name),
    )


def _login(settings: Settings, db: Database, body: LoginRequest) -> TokenPair:
    user = find_user(db, body.email)
    ok = verify_password(body.password, user.password_hash if user else None)
    org_id = None
    if ok and user is not None:
        org_id = body.organization_id or first_organization_of(db, user.id)
        if org_id is not None and membership_role(db, user.id, org_id) is None:
            org_id = None
    if user is None or not ok or org_id is None:
        raise Unauthorized("wrong e-mail address or password", hint="check both and try again")
    return _pair(settings, db, user.id, org_id)


@router.post("/login", response_model=TokenPair)
async def login(
    body: LoginRequest, request: Request, settings: SettingsDep, db: DbDep
) -> TokenPair:
    """Sign in with e-mail and password: an access token for ``Authorization: Bearer`` and a
    refresh token for ``/v1/auth/refresh``. 429 with Retry-After after too many attempts."""
    limiter = limiter_of(request)
    limiter.hit(settings.rate_limit_login_ip, "login-ip", client_ip(request), "sign-in attempts")
    limiter.hit(
        settings.rate_limit_login_account,
        "login-account",
        body.email.strip().casefold(),
        "sign-in attempts for this account",
    )
    pair = await asyncio.to_thread(_login, settings, db, body)
    await asyncio.to_thread(
        record,
        db,
        pair.organization.id,
        f"user:{pair.user.id} {pair.user.email}",
        "auth.login",
        ip=client_ip(request),
    )
    return pair


def _refresh(settings: Settings, db: Database, token: str) -> TokenPair:
    try:
        nxt = refresh_tokens.rotate(db, token)
    except refresh_tokens.RefreshRejected as exc:
        raise Unauthorized(str(exc), hint="sign in again with POST /v1/auth/login") from None
    pair = _pair(settings, db, nxt.user_id, nxt.organization_id, family=nxt.family_id)
    return pair.model_copy(update={"refresh_token": nxt.token})


@router.post("/refresh", response_model=TokenPair)
async def refresh(body: RefreshRequest, settings: SettingsDep, db: DbDep) -> TokenPair:
    """Trade a refresh token (once) for a new access token and the next refresh token. A
    refresh token used twice revokes every token of that sign-in."""
    return await asyncio.to_thread(_refresh, settings, db, body.refresh_token)


@router.post("/logout", status_code=204)
async def logout(body: RefreshRequest, db: DbDep) -> Response:
    """Revoke the sign-in the refresh token belongs to (its access token lapses within 15
    minutes). Always 204, so it cannot be used to test tokens."""
    await asyncio.to_thread(refresh_tokens.revoke, db, body.refresh_token)
    return Response(status_code=204)


@router.get("/setup", response_model=SetupState)
def setup_state(db: DbDep) -> SetupState:
    """Whether this installation still needs its first owner (the setup link)."""
    return SetupState(needed=setup_needed(db))


@router.post("/setup", response_model=TokenPair)
async def setup(
    body: SetupRequest, request: Request, settings: SettingsDep, db: DbDep
) -> TokenPair:
    """Create the first owner with the one-time token from the console's setup link, and sign
    them in. Refused once any user exists."""
    limiter_of(request).hit(
        settings.rate_limit_login_ip, "login-ip", client_ip(request), "setup attempts"
    )

    def run() -> TokenPair:
        member, org_id = complete_setup(
            db, body.token, body.email, body.password, body.organization_name, body.name
        )
        record(
            db,
            org_id,
            f"user:{member.user_id} {member.email}",
            "auth.setup",
            target=f"user:{member.user_id}",
            ip=client_ip(request),
        )
        return _pair(settings, db, member.user_id, org_id)

    return await asyncio.to_thread(run)


@router.get("/me", response_model=MeOut)
def me(who: Viewer, db: DbDep) -> MeOut:
    """The credential's identity, organisation and role."""
    org = get_organization(db, who.organization_id or "")
    user = find_user_by_id(db, who.user_id) if who.user_id else None
    return MeOut(
        kind=who.kind,
        role=who.role or "",
        organization=OrganizationOut(id=org.id, name=org.name),
        user=UserOut(id=user.id, email=user.email, name=user.name) if user else None,
        key_id=who.key_id,
        key_name=who.key_name,
    )
