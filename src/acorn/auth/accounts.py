"""Organisations, users and memberships.

An e-mail address is normalised once (``email-validator`` for syntax and the domain's IDNA
form, then case-folded: nobody means two accounts by ``Anna@x`` and ``anna@x``), and every
lookup uses the normalised form.
"""

from __future__ import annotations

from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from acorn.auth.passwords import check_strength, hash_password
from acorn.auth.principal import ROLES
from acorn.errors import AcornError, NotFound
from acorn.store import Database
from acorn.store.models import Membership, Organization, User

DEFAULT_ORGANIZATION = "Default"


class AccountError(AcornError):
    """A bad e-mail, a weak password, an unknown role, a duplicate user or a last owner."""

    http_status = 422
    exit_code = 2


@dataclass(frozen=True)
class Member:
    user_id: str
    email: str
    name: str
    role: str


def normalise_email(email: str) -> str:
    try:
        # Self-hosted teams may use internal domains (``.local``, ``.internal``): syntax
        # only, no DNS and no "globally deliverable" rule.
        info = validate_email(email.strip(), check_deliverability=False, globally_deliverable=False)
    except EmailNotValidError as exc:
        raise AccountError(f"not a valid e-mail address: {exc}") from None
    return info.normalized.casefold()


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}", hint=f"use one of: {', '.join(ROLES)}")
    return role


def user_count(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(User)) or 0)


def create_organization(db: Database, name: str) -> Organization:
    org = Organization(name=name.strip()[:200] or DEFAULT_ORGANIZATION)
    with db.session() as session:
        session.add(org)
    return org


def default_organization(db: Database) -> Organization:
    """The oldest organisation, made now if there is none: where the CLI's keys and users go
    on a single-tenant installation."""
    with db.session() as session:
        org = session.scalar(select(Organization).order_by(Organization.created_at).limit(1))
        if org is not None:
            return org
    return create_organization(db, DEFAULT_ORGANIZATION)


def get_organization(db: Database, organization_id: str) -> Organization:
    with db.session() as session:
        org = session.get(Organization, organization_id)
        if org is None:
            raise NotFound(f"no organisation with id {organization_id!r}")
        return org


def find_user(db: Database, email: str) -> User | None:
    try:
        normalised = normalise_email(email)
    except AccountError:
        return None
    with db.session() as session:
        return session.scalar(select(User).where(User.email == normalised))


def add_member(
    db: Database, organization_id: str, email: str, role: str, password: str | None, name: str = ""
) -> Member:
    """Make the user (with ``password``) if the address is new, and give them ``role`` in the
    organisation. An existing user keeps their password; a second membership is refused."""
    check_role(role)
    normalised = normalise_email(email)
    with db.session() as session:
        user = session.scalar(select(User).where(User.email == normalised))
        if user is None:
            if password is None:
                raise AccountError(
                    f"{normalised} has no account yet", hint="give a password for the new user"
                )
            if (why := check_strength(password)) is not None:
                raise AccountError(why)
            user = User(email=normalised, name=name[:200], password_hash=hash_password(password))
            session.add(user)
            session.flush()
        elif session.scalar(
            select(Membership).where(
                Membership.organization_id == organization_id, Membership.user_id == user.id
            )
        ):
            raise AccountError(
                f"{normalised} is already a member", hint="change their role instead"
            )
        session.add(Membership(organization_id=organization_id, user_id=user.id, role=role))
        return Member(user.id, user.email, user.name, role)


def membership_role(db: Database, user_id: str, organization_id: str) -> str | None:
    with db.session() as session:
        return session.scalar(
            select(Membership.role).where(
                Membership.user_id == user_id, Membership.organization_id == organization_id
            )
        )


def first_organization_of(db: Database, user_id: str) -> str | None:
    with db.session() as session:
        return session.scalar(
            select(Membership.organization_id)
            .where(Membership.user_id == user_id)
            .order_by(Membership.created_at, Membership.id)
            .limit(1)
        )


def members(db: Database, organization_id: str) -> list[Member]:
    with db.session() as session:
        rows = session.execute(
            select(User, Membership.role)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.organization_id == organization_id)
            .order_by(Membership.created_at, Membership.id)
        ).all()
        return [Member(u.id, u.email, u.name, role) for u, role in rows]


def _owned_membership(
    session: Session, organization_id: str, user_id: str, *, losing_owner: bool
) -> Membership:
    """The membership to change, refusing a change that would leave no owner."""
    m = session.scalar(
        select(Membership).where(
            Membership.organization_id == organization_id, Membership.user_id == user_id
        )
    )
    if m is None:
        raise NotFound(f"no member with id {user_id!r}")
    if losing_owner and m.role == "owner":
        owners = session.scalar(
            select(func.count())
            .select_from(Membership)
            .where(Membership.organization_id == organization_id, Membership.role == "owner")
        )
        if (owners or 0) <= 1:
            raise AccountError(
                "an organisation needs at least one owner", hint="make someone else owner first"
            )
    return m


def set_role(db: Database, organization_id: str, user_id: str, role: str) -> Member:
    check_role(role)
    with db.session() as session:
        m = _owned_membership(session, organization_id, user_id, losing_owner=role != "owner")
        m.role = role
        user = session.get(User, user_id)
        assert user is not None
        return Member(user.id, user.email, user.name, role)


def remove_member(db: Database, organization_id: str, user_id: str) -> None:
    with db.session() as session:
        session.delete(_owned_membership(session, organization_id, user_id, losing_owner=True))


def find_user_by_id(db: Database, user_id: str) -> User | None:
    with db.session() as session:
        return session.get(User, user_id)
