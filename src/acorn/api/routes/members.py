"""The organisation's people (owners manage them) and its audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from acorn.api.deps import DbDep
from acorn.api.security import Admin, Owner, client_ip
from acorn.auth import refresh as refresh_tokens
from acorn.auth.accounts import Member, add_member, members, remove_member, set_role
from acorn.auth.audit import entries, record
from acorn.auth.passwords import MAX_LENGTH
from acorn.auth.principal import Role
from acorn.jobs.state import aware

router = APIRouter(prefix="/v1", tags=["accounts"])


class MemberCreate(BaseModel):
    email: str = Field(..., max_length=320)
    role: Role = "viewer"
    password: str | None = Field(
        None, max_length=MAX_LENGTH, description="Needed when the address has no account yet"
    )
    name: str = Field("", max_length=200)


class RoleUpdate(BaseModel):
    role: Role


class MemberOut(BaseModel):
    user_id: str
    email: str
    name: str
    role: str


class AuditOut(BaseModel):
    id: int
    actor: str
    action: str
    target: str
    detail: dict[str, Any]
    ip: str | None
    created_at: datetime


def _out(m: Member) -> MemberOut:
    return MemberOut(user_id=m.user_id, email=m.email, name=m.name, role=m.role)


@router.get("/members", response_model=list[MemberOut])
def list_members(who: Owner, db: DbDep) -> list[MemberOut]:
    return [_out(m) for m in members(db, who.organization_id or "")]


@router.post("/members", status_code=201, response_model=MemberOut)
def create_member(body: MemberCreate, who: Owner, db: DbDep, request: Request) -> MemberOut:
    """Add someone with a role (making their account when the address is new)."""
    m = add_member(db, who.organization_id or "", body.email, body.role, body.password, body.name)
    record(
        db,
        who.organization_id,
        who,
        "member.add",
        f"user:{m.user_id}",
        {"email": m.email, "role": m.role},
        client_ip(request),
    )
    return _out(m)


@router.patch("/members/{user_id}", response_model=MemberOut)
def change_role(
    user_id: str, body: RoleUpdate, who: Owner, db: DbDep, request: Request
) -> MemberOut:
    """Change a member's role (the last owner cannot step down)."""
    m = set_role(db, who.organization_id or "", user_id, body.role)
    record(
        db,
        who.organization_id,
        who,
        "member.role",
        f"user:{user_id}",
        {"role": body.role},
        client_ip(request),
    )
    return _out(m)


@router.delete("/members/{user_id}", status_code=204)
def delete_member(user_id: str, who: Owner, db: DbDep, request: Request) -> Response:
    """Remove a member: their sign-ins end at once."""
    remove_member(db, who.organization_id or "", user_id)
    refresh_tokens.revoke_user(db, user_id, who.organization_id)
    record(db, who.organization_id, who, "member.remove", f"user:{user_id}", ip=client_ip(request))
    return Response(status_code=204)


@router.get("/audit", response_model=list[AuditOut])
def audit_log(
    who: Admin,
    db: DbDep,
    limit: int = Query(100, ge=1, le=1000),
    before_id: int | None = Query(None, ge=1),
) -> list[AuditOut]:
    """Who changed what, newest first (page with ``before_id``)."""
    return [
        AuditOut(**{**vars(e), "created_at": aware(e.created_at)})
        for e in entries(db, who.organization_id or "", limit, before_id)
    ]
