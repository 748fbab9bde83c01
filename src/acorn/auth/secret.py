"""The key access and visitor tokens are signed with.

``ACORN_SECRET_KEY`` in production. On a laptop (``make run``) nobody should have to invent
one, and a fixed default would let anyone forge tokens, so a random key is made once and kept
in the data folder (mode 0600). Serving on a non-loopback interface without an explicit key is
refused: a copied data folder must not be what protects a public server.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path

from acorn.config import INSECURE_SECRET, Settings
from acorn.errors import ConfigurationError

MIN_SECRET_CHARS = 32


def has_explicit_secret(settings: Settings) -> bool:
    return bool(settings.secret_key) and settings.secret_key != INSECURE_SECRET


def signing_key(settings: Settings) -> str:
    if has_explicit_secret(settings):
        return settings.secret_key
    path = settings.data_dir / "secret_key"
    try:
        return path.read_text().strip() or _create(path)
    except FileNotFoundError:
        return _create(path)


def _create(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_can_serve(settings: Settings, host: str) -> None:
    """Refuse to listen beyond this machine with a default, missing or short secret."""
    if is_loopback(host):
        return
    if not has_explicit_secret(settings) or len(settings.secret_key) < MIN_SECRET_CHARS:
        raise ConfigurationError(
            f"refusing to serve on {host} without ACORN_SECRET_KEY "
            f"(a random value of at least {MIN_SECRET_CHARS} characters): "
            "it signs every sign-in and visitor token",
            hint='set ACORN_SECRET_KEY=$(python3 -c "import secrets; '
            'print(secrets.token_urlsafe(48))"), or serve on 127.0.0.1',
        )
