"""Rotating refresh tokens.

Each sign-in starts a *family*. Every refresh spends the presented token and returns the next
one; tokens are single-use. A spent token presented again means two parties hold the chain
(one of them stole it), so the whole family is revoked and both must sign in again — the
reuse detection of OAuth 2.0 Security BCP §4.14.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from acorn.auth.hashing import digest, new_secret
from acorn.store import Database
from acorn.store.models import RefreshToken, new_id, utcnow

PREFIX = "rt_"
LIFETIME = timedelta(days=30)


class RefreshRejected(Exception):
    """Unknown, expired, revoked or reused (the message says which; reuse revokes the family)."""


@dataclass(frozen=True)
class Refreshed:
    token: str
    user_id: str
    organization_id: str
    family_id: str


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def issue(
    db: Database, user_id: str, organization_id: str, family_id: str | None = None
) -> Refreshed:
    secret = new_secret(PREFIX)
    family = family_id or new_id()
    with db.session() as session:
        session.add(
            RefreshToken(
                user_id=user_id,
                organization_id=organization_id,
                family_id=family,
                token_hash=digest(secret),
                expires_at=utcnow() + LIFETIME,
            )
        )
    return Refreshed(secret, user_id, organization_id, family)


def _revoke_family(db: Database, family_id: str) -> None:
    with db.session() as session:
        session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )


def rotate(db: Database, secret: str) -> Refreshed:
    """Spend ``secret`` and return its successor in the same family."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        raise RefreshRejected("not a refresh token")
    with db.session() as session:
        row = session.scalar(
            select(RefreshToken).where(RefreshToken.token_hash == digest(secret)).with_for_update()
        )
        if row is None:
            raise RefreshRejected("unknown refresh token")
        family, user_id, org_id = row.family_id, row.user_id, row.organization_id
        reused = row.used_at is not None
        if not reused and row.revoked_at is None and _aware(row.expires_at) > utcnow():
            row.used_at = utcnow()
            spent = True
        else:
            spent = False
    if reused:
        _revoke_family(db, family)
        raise RefreshRejected("this refresh token was already used; every session of it is revoked")
    if not spent:
        raise RefreshRejected("the refresh token has expired or was revoked")
    return issue(db, user_id, org_id, family)


def revoke(db: Database, secret: str) -> bool:
    """Sign out: revoke the token's family. False when the token is unknown."""
    with db.session() as session:
        family = session.scalar(
            select(RefreshToken.family_id).where(RefreshToken.token_hash == digest(secret))
        )
    if family is None:
        return False
    _revoke_family(db, family)
    return True


def revoke_user(db: Database, user_id: str, organization_id: str | None = None) -> None:
    """End every session of a user (removed from an organisation, or password changed)."""
    with db.session() as session:
        query = update(RefreshToken).where(
            RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None)
        )
        if organization_id is not None:
            query = query.where(RefreshToken.organization_id == organization_id)
        session.execute(query.values(revoked_at=utcnow()))
