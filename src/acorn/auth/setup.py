"""The first-run link: while an installation has no user, each server start prints a one-time
URL (like Jupyter's token URL) that opens "create the owner account". Only someone who can
read the server's console can claim a fresh installation."""

from __future__ import annotations

from datetime import UTC, timedelta

from sqlalchemy import select, update

from acorn.auth.accounts import AccountError, Member, add_member, create_organization, user_count
from acorn.auth.hashing import digest, new_secret
from acorn.store import Database
from acorn.store.models import Organization, SetupToken, utcnow

LIFETIME = timedelta(days=1)


def issue_setup_token(db: Database) -> str | None:
    """A new setup token (earlier unused ones stop working), or None once a user exists."""
    if user_count(db) > 0:
        return None
    secret = new_secret("st_")
    now = utcnow()
    with db.session() as session:
        session.execute(update(SetupToken).where(SetupToken.used_at.is_(None)).values(used_at=now))
        session.add(SetupToken(token_hash=digest(secret), expires_at=now + LIFETIME))
    return secret


def setup_needed(db: Database) -> bool:
    return user_count(db) == 0


def complete_setup(
    db: Database, token: str, email: str, password: str, organization_name: str, name: str = ""
) -> tuple[Member, str]:
    """Spend the token and create the first owner (in the organisation the CLI or an upgrade
    already made, if any). Refused once any user exists, whatever the token."""
    with db.session() as session:
        row = session.scalar(select(SetupToken).where(SetupToken.token_hash == digest(token)))
        expires = row.expires_at if row is not None else None
        if expires is not None and expires.tzinfo is None:
            expires = expires.replace(tzinfo=UTC)
        if row is None or row.used_at is not None or expires is None or expires < utcnow():
            raise AccountError(
                "this setup link is not valid (used, replaced or expired)",
                hint="restart `acorn serve` for a new link, or create an owner with "
                "`acorn users create EMAIL --role owner`",
            )
        if user_count(db) > 0:
            raise AccountError("this installation already has an owner", hint="sign in instead")
        row.used_at = utcnow()
        org = session.scalar(select(Organization).order_by(Organization.created_at).limit(1))
        org_id = org.id if org is not None else None
    if org_id is None:
        org_id = create_organization(db, organization_name).id
    elif organization_name.strip():
        with db.session() as session:
            found = session.get(Organization, org_id)
            if found is not None:
                found.name = organization_name.strip()[:200]
    return add_member(db, org_id, email, "owner", password, name), org_id
