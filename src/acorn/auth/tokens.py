"""Signed, short-lived JWTs (PyJWT, HS256): access tokens for people (15 minutes) and visitor
tokens for the widget (at most 10 minutes, one agent, one session).

Claims are the minimum the server needs: the role is *not* in the access token but read from
the membership on every request, so removing someone takes effect at once, not 15 minutes
later. ``typ`` keeps one kind of token from being accepted as the other.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any

import jwt

from acorn.auth.secret import signing_key
from acorn.config import Settings

ALGORITHM = "HS256"
ISSUER = "acorn"
ACCESS_SECONDS = 15 * 60
VISITOR_SECONDS = 10 * 60


class InvalidToken(Exception):
    """The token is malformed, forged, expired or of the wrong kind (the message says which)."""


@dataclass(frozen=True)
class Issued:
    token: str
    expires_in: int


def _encode(settings: Settings, claims: dict[str, Any], seconds: int) -> Issued:
    now = int(time.time())
    payload = {"iss": ISSUER, "iat": now, "exp": now + seconds, "jti": secrets.token_hex(8)}
    payload.update(claims)
    return Issued(jwt.encode(payload, signing_key(settings), algorithm=ALGORITHM), seconds)


def decode(settings: Settings, token: str, typ: str | tuple[str, ...]) -> dict[str, Any]:
    """The verified claims of ``token``, which must be of kind ``typ`` (one or several)."""
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            signing_key(settings),
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require": ["exp", "iat", "iss", "typ"]},
        )
    except jwt.ExpiredSignatureError:
        raise InvalidToken("the token has expired") from None
    except jwt.PyJWTError as exc:
        raise InvalidToken(f"the token is not valid ({exc})") from None
    if claims.get("typ") not in ((typ,) if isinstance(typ, str) else typ):
        raise InvalidToken(f"a {claims.get('typ')} token cannot be used here")
    return claims


def access_token(settings: Settings, user_id: str, organization_id: str) -> Issued:
    return _encode(
        settings, {"typ": "access", "sub": user_id, "org": organization_id}, ACCESS_SECONDS
    )


def visitor_token(settings: Settings, agent_id: str, session_id: str, origin: str | None) -> Issued:
    claims = {"typ": "visitor", "sub": session_id, "agent": agent_id, "origin": origin}
    return _encode(settings, claims, VISITOR_SECONDS)


def looks_like_jwt(token: str) -> bool:
    return token.count(".") == 2 and token.startswith("eyJ")
