"""Credentials for tests that drive the API: an API key of the default organisation (where
agents made with :func:`default_org` live), set on a TestClient or returned as headers."""

from __future__ import annotations

from typing import Any

from acorn.auth.accounts import default_organization
from acorn.auth.keys import create_key
from acorn.store import Database


def default_org(db: Database) -> str:
    return default_organization(db).id


def key_for(db: Database, role: str = "owner", organization_id: str | None = None) -> str:
    return create_key(db, organization_id or default_org(db), f"tests-{role}", role).key


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def sign_in(client: Any, role: str = "owner") -> str:
    """Give ``client`` (a started TestClient) an API key of ``role``; returns the key."""
    key = key_for(client.app.state.db, role)
    client.headers.update(bearer(key))
    return key
