"""Password hashing with pwdlib's recommended scheme (Argon2id), so parameters follow the
library's maintained defaults rather than numbers chosen here."""

from __future__ import annotations

from functools import lru_cache

from pwdlib import PasswordHash

MIN_LENGTH = 10
MAX_LENGTH = 256  # Argon2 hashes any length, but megabyte passwords would be a cheap DoS


@lru_cache(maxsize=1)
def _hasher() -> PasswordHash:
    return PasswordHash.recommended()


def check_strength(password: str) -> str | None:
    """Why the password is refused, or None."""
    if len(password) < MIN_LENGTH:
        return f"the password must have at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"the password must have at most {MAX_LENGTH} characters"
    if password.strip() == "" or len(set(password)) < 4:
        return "the password is too simple"
    return None


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password: str, hashed: str | None) -> bool:
    """True when it matches. With no stored hash a dummy hash is still checked, so an unknown
    e-mail costs the same time as a wrong password and does not reveal who has an account."""
    if len(password) > MAX_LENGTH:
        return False
    if not hashed:
        _hasher().verify(password, _dummy_hash())
        return False
    try:
        return bool(_hasher().verify(password, hashed))
    except Exception:  # a malformed stored hash is a failed check, not a 500
        return False


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher().hash("not a real password, only here for constant time")
