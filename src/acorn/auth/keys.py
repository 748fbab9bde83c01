"""API keys for servers and scripts: shown once, stored as a digest, named, role-bound,
revocable, and stamped with when they were last used."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from acorn.auth.accounts import check_role
from acorn.auth.hashing import digest, new_secret
from acorn.errors import NotFound
from acorn.store import Database
from acorn.store.models import ApiKey, utcnow

PREFIX = "ak_"
# A busy key would otherwise write to the database on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class KeyInfo:
    id: str
    name: str
    role: str
    prefix: str
    created_by: str | None
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class NewKey:
    key: str  # the only time the whole key exists outside the caller's hands
    info: KeyInfo


def _info(k: ApiKey) -> KeyInfo:
    return KeyInfo(
        k.id, k.name, k.role, k.prefix, k.created_by, k.created_at, k.last_used_at, k.revoked_at
    )


def create_key(
    db: Database,
    organization_id: str,
    name: str,
    role: str = "owner",
    created_by: str | None = None,
) -> NewKey:
    check_role(role)
    secret = new_secret(PREFIX)
    row = ApiKey(
        organization_id=organization_id,
        name=name.strip()[:200],
        role=role,
        prefix=secret[:10],
        key_hash=digest(secret),
        created_by=created_by,
    )
    with db.session() as session:
        session.add(row)
    return NewKey(secret, _info(row))


def list_keys(db: Database, organization_id: str) -> list[KeyInfo]:
    with db.session() as session:
        rows = session.scalars(
            select(ApiKey)
            .where(ApiKey.organization_id == organization_id)
            .order_by(ApiKey.created_at)
        ).all()
        return [_info(k) for k in rows]


def revoke_key(db: Database, organization_id: str, key_id: str) -> KeyInfo:
    with db.session() as session:
        row = session.get(ApiKey, key_id)
        if row is None or row.organization_id != organization_id:
            raise NotFound(f"no API key with id {key_id!r}", hint="list keys with GET /v1/keys")
        if row.revoked_at is None:
            row.revoked_at = utcnow()
        return _info(row)


def authenticate_key(db: Database, secret: str) -> tuple[ApiKey, str] | None:
    """The live key row and its organisation, or None (unknown or revoked)."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    with db.session() as session:
        row = session.scalar(select(ApiKey).where(ApiKey.key_hash == digest(secret)))
        if row is None or row.revoked_at is not None:
            return None
        now = utcnow()
        last = row.last_used_at
        if last is not None and last.tzinfo is None:
            last = last.replace(tzinfo=now.tzinfo)
        if last is None or now - last > LAST_USED_RESOLUTION:
            row.last_used_at = now
        return row, row.organization_id
