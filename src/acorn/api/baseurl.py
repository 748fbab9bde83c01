"""The address visitors' browsers reach this server at, for embed codes and the demo page.

``ACORN_PUBLIC_BASE_URL`` wins when it was given. Otherwise the request says where the owner
reached Acorn (``acorn serve --port 8123`` behind nothing, or a LAN address), which is better
than the guess from the bind address; a disagreement between the two is logged, since it
usually means the setting should be given. ``X-Forwarded-Host``/``-Proto`` are honoured only
from a loopback peer (a reverse proxy on the same machine, uvicorn's default trusted proxy);
uvicorn itself applies ``X-Forwarded-Proto`` from trusted proxies to ``request.base_url``.
"""

from __future__ import annotations

import logging
from ipaddress import ip_address

from fastapi import Request

from acorn.config import Settings

log = logging.getLogger(__name__)


def _loopback(host: str | None) -> bool:
    try:
        return host is not None and ip_address(host).is_loopback
    except ValueError:
        return False


def request_base_url(request: Request) -> str:
    """``scheme://host[:port]`` as the client addressed this server."""
    base = str(request.base_url).rstrip("/")
    if _loopback(request.client.host if request.client else None):
        host = request.headers.get("x-forwarded-host", "").split(",")[0].strip()
        proto = request.headers.get("x-forwarded-proto", "").split(",")[0].strip()
        if host:
            scheme = proto if proto in ("http", "https") else base.split("://", 1)[0]
            base = f"{scheme}://{host}"
    return base


def public_base_url(settings: Settings, request: Request | None) -> str:
    configured = settings.public_base_url.rstrip("/")
    if request is None or settings.public_base_url_given:
        return configured
    derived = request_base_url(request)
    warned: set[tuple[str, str]] = request.app.state._state.setdefault("base_url_warned", set())
    if derived != configured and (configured, derived) not in warned:
        warned.add((configured, derived))  # once per app and pair, not on every request
        log.warning(
            "embed code uses %s (where this request came to), not %s; "
            "set ACORN_PUBLIC_BASE_URL to the address visitors' browsers use",
            derived,
            configured,
        )
    return derived
