"""Random credentials and how they are stored: only a SHA-256 digest, so a copy of the
database gives nobody a usable key or refresh token. (Passwords, being guessable, are hashed
with Argon2 instead: :mod:`acorn.auth.passwords`.)"""

from __future__ import annotations

import hashlib
import secrets


def new_secret(prefix: str) -> str:
    """``prefix`` + 256 random bits, URL-safe (``ak_…`` keys, ``rt_…`` refresh tokens)."""
    return prefix + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()
