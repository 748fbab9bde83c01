"""Who is calling: the one value every authorisation decision is made from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ROLES = ("viewer", "admin", "owner")  # each role can do everything the ones before it can
Role = Literal["viewer", "admin", "owner"]


def role_at_least(role: str, needed: str) -> bool:
    """``owner`` ≥ ``admin`` ≥ ``viewer``; an unknown role is below all of them."""
    if role not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(needed)


@dataclass(frozen=True)
class Principal:
    """A verified credential. ``kind`` says which: a person's access token (``user``), an API
    key (``key``) or an anonymous visitor's token (``visitor``, scoped to one agent)."""

    kind: Literal["user", "key", "visitor"]
    organization_id: str | None
    role: str | None = None  # None for visitors: they hold no role in the organisation
    user_id: str | None = None
    email: str | None = None
    key_id: str | None = None
    key_name: str | None = None
    agent_id: str | None = None  # visitors only
    session_id: str | None = None  # visitors only
    origin: str | None = None  # visitors only: the site the token was minted for
    expires_at: float | None = None  # tokens: when it stops working (epoch seconds)

    @property
    def actor(self) -> str:
        """How the audit log names this caller."""
        if self.kind == "user":
            return f"user:{self.user_id} {self.email or ''}".strip()
        if self.kind == "key":
            return f"key:{self.key_id} {self.key_name or ''}".strip()
        return f"visitor:{self.session_id}"

    def can(self, needed: str) -> bool:
        return self.kind != "visitor" and role_at_least(self.role or "", needed)
