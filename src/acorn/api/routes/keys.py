"""API keys for servers and scripts (owners only): created and shown once, listed without the
secret, revoked. ``acorn keys create --name NAME`` does the same from the machine."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from acorn.api.deps import DbDep
from acorn.api.security import Owner, client_ip
from acorn.auth.audit import record
from acorn.auth.keys import KeyInfo, create_key, list_keys, revoke_key
from acorn.auth.principal import Role

router = APIRouter(prefix="/v1/keys", tags=["accounts"])


class KeyCreate(BaseModel):
    name: str = Field(..., min_length=1, max_length=200)
    role: Role = "admin"


class KeyOut(BaseModel):
    id: str
    name: str
    role: str
    prefix: str  # the key's first characters, to tell keys apart
    created_by: str | None
    created_at: datetime
    last_used_at: datetime | None
    revoked: bool


class KeyCreated(KeyOut):
    key: str = Field(..., description="The whole key. Shown only now: store it safely.")


def _out(info: KeyInfo) -> KeyOut:
    return KeyOut(
        id=info.id,
        name=info.name,
        role=info.role,
        prefix=info.prefix,
        created_by=info.created_by,
        created_at=info.created_at,
        last_used_at=info.last_used_at,
        revoked=info.revoked_at is not None,
    )


@router.post("", status_code=201, response_model=KeyCreated)
def create(body: KeyCreate, who: Owner, db: DbDep, request: Request) -> KeyCreated:
    """Create a key with a role; the response is the only time the key is shown."""
    new = create_key(db, who.organization_id or "", body.name, body.role, created_by=who.actor)
    record(
        db,
        who.organization_id,
        who,
        "key.create",
        f"key:{new.info.id}",
        {"name": new.info.name, "role": new.info.role},
        client_ip(request),
    )
    return KeyCreated(key=new.key, **_out(new.info).model_dump())


@router.get("", response_model=list[KeyOut])
def keys(who: Owner, db: DbDep) -> list[KeyOut]:
    """The organisation's keys (never the secrets)."""
    return [_out(k) for k in list_keys(db, who.organization_id or "")]


@router.delete("/{key_id}", response_model=KeyOut)
def revoke(key_id: str, who: Owner, db: DbDep, request: Request) -> KeyOut:
    """Revoke a key: it stops working at once."""
    info = revoke_key(db, who.organization_id or "", key_id)
    record(
        db,
        who.organization_id,
        who,
        "key.revoke",
        f"key:{key_id}",
        {"name": info.name},
        client_ip(request),
    )
    return _out(info)
