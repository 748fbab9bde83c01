"""Users, roles, keys and refresh tokens over the real databases (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from acorn.auth import refresh
from acorn.auth.accounts import (
    AccountError,
    add_member,
    create_organization,
    default_organization,
    find_user,
    membership_role,
    normalise_email,
    remove_member,
    set_role,
)
from acorn.auth.keys import authenticate_key, create_key, list_keys, revoke_key
from acorn.auth.passwords import verify_password
from acorn.auth.setup import complete_setup, issue_setup_token
from acorn.errors import NotFound
from acorn.store import Database
from acorn.store.models import ApiKey, RefreshToken, User

PASSWORD = "a long enough secret"


def test_email_is_normalised_and_validated() -> None:
    assert normalise_email("  Anna.Smith@Example.COM ") == "anna.smith@example.com"
    for bad in ("", "anna", "anna@", "@example.com", "a b@example.com"):
        with pytest.raises(AccountError):
            normalise_email(bad)


def test_users_passwords_and_roles(db: Database) -> None:
    org = create_organization(db, "Bakery")
    owner = add_member(db, org.id, "Owner@Bakery.example.org", "owner", PASSWORD)
    assert owner.email == "owner@bakery.example.org"
    user = find_user(db, "OWNER@bakery.example.org")
    assert user is not None and user.password_hash and PASSWORD not in user.password_hash
    assert user.password_hash.startswith("$argon2id$")
    assert verify_password(PASSWORD, user.password_hash)
    assert not verify_password("a wrong password!!", user.password_hash)
    assert not verify_password(PASSWORD, None)  # no account: same work, no match

    with pytest.raises(AccountError, match="at least"):
        add_member(db, org.id, "short@bakery.example.org", "viewer", "short")
    with pytest.raises(AccountError, match="already a member"):
        add_member(db, org.id, "owner@bakery.example.org", "viewer", PASSWORD)
    with pytest.raises(AccountError, match="unknown role"):
        add_member(db, org.id, "x@bakery.example.org", "superuser", PASSWORD)

    # The same person may belong to another organisation with another role.
    other = create_organization(db, "Florist")
    add_member(db, other.id, "owner@bakery.example.org", "viewer", None)
    assert membership_role(db, owner.user_id, other.id) == "viewer"

    # An organisation always keeps an owner.
    with pytest.raises(AccountError, match="at least one owner"):
        set_role(db, org.id, owner.user_id, "admin")
    with pytest.raises(AccountError, match="at least one owner"):
        remove_member(db, org.id, owner.user_id)
    second = add_member(db, org.id, "second@bakery.example.org", "admin", PASSWORD)
    set_role(db, org.id, second.user_id, "owner")
    set_role(db, org.id, owner.user_id, "viewer")
    assert membership_role(db, owner.user_id, org.id) == "viewer"
    with pytest.raises(NotFound):
        remove_member(db, other.id, second.user_id)


def test_api_key_is_shown_once_and_stored_as_a_digest(db: Database) -> None:
    org = default_organization(db)
    assert default_organization(db).id == org.id  # made once
    new = create_key(db, org.id, "deploy", "admin")
    assert new.key.startswith("ak_") and len(new.key) > 40
    with db.session() as s:
        row = s.scalar(select(ApiKey).where(ApiKey.id == new.info.id))
        assert row is not None
        stored = " ".join(str(v) for v in vars(row).values())
    assert new.key not in stored and new.key[10:] not in stored
    listed = list_keys(db, org.id)
    assert [k.id for k in listed] == [new.info.id] and not hasattr(listed[0], "key")

    found = authenticate_key(db, new.key)
    assert found is not None and found[0].role == "admin" and found[1] == org.id
    assert found[0].last_used_at is not None
    assert authenticate_key(db, new.key[:-1] + ("A" if new.key[-1] != "A" else "B")) is None

    other = create_organization(db, "Elsewhere")
    with pytest.raises(NotFound):
        revoke_key(db, other.id, new.info.id)  # another organisation cannot see it
    revoke_key(db, org.id, new.info.id)
    assert authenticate_key(db, new.key) is None


def test_refresh_tokens_rotate_once_and_reuse_revokes_the_family(db: Database) -> None:
    org = create_organization(db, "Bakery")
    user = add_member(db, org.id, "owner@bakery.example.org", "owner", PASSWORD)
    first = refresh.issue(db, user.user_id, org.id)
    second = refresh.rotate(db, first.token)
    assert second.family_id == first.family_id and second.token != first.token
    third = refresh.rotate(db, second.token)

    # The spent `second` comes back (stolen): the whole family dies, `third` too.
    with pytest.raises(refresh.RefreshRejected, match="already used"):
        refresh.rotate(db, second.token)
    with pytest.raises(refresh.RefreshRejected):
        refresh.rotate(db, third.token)
    with db.session() as s:
        rows = s.scalars(select(RefreshToken).where(RefreshToken.family_id == first.family_id))
        assert all(r.revoked_at is not None for r in rows)
        assert first.token not in " ".join(str(vars(r)) for r in rows)

    # Another sign-in is its own family and is unaffected; logout revokes it.
    other = refresh.issue(db, user.user_id, org.id)
    assert refresh.revoke(db, other.token)
    with pytest.raises(refresh.RefreshRejected):
        refresh.rotate(db, other.token)
    with pytest.raises(refresh.RefreshRejected, match="unknown"):
        refresh.rotate(db, "rt_made-up")


def test_setup_token_works_once_and_only_while_nobody_has_an_account(db: Database) -> None:
    stale = issue_setup_token(db)
    token = issue_setup_token(db)
    assert stale and token and stale != token
    with pytest.raises(AccountError, match="not valid"):
        complete_setup(db, stale, "owner@bakery.example.org", PASSWORD, "Bakery")  # replaced
    member, org_id = complete_setup(db, token, "owner@bakery.example.org", PASSWORD, "Bakery")
    assert member.role == "owner"
    assert membership_role(db, member.user_id, org_id) == "owner"
    with pytest.raises(AccountError):
        complete_setup(db, token, "other@bakery.example.org", PASSWORD, "Bakery")
    assert issue_setup_token(db) is None  # someone has an account: no more links
    with db.session() as s:
        assert len(s.scalars(select(User)).all()) == 1
