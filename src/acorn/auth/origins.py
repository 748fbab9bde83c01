"""Which web origins may use an agent's public widget key.

By default: the agent's own site (its scheme and host, and the ``www.`` twin, since sites are
commonly served from both) and Acorn's own origin (the onboarding page's "try it" box). An
owner may replace the list in ``integrations.allowed_origins``. Origins are compared in their
serialised form (``scheme://host[:port]``), the way browsers send them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from acorn.config import AgentConfig, Settings
from acorn.errors import AcornError


class BadOrigin(AcornError):
    http_status = 422


def normalise_origin(value: str) -> str:
    """``https://Example.com:443/`` → ``https://example.com``; refuses paths and wildcards."""
    raw = value.strip()
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadOrigin(
            f"not a web origin: {value!r}", hint="give scheme and host, e.g. https://example.com"
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise BadOrigin(
            f"an origin has no path, query or credentials: {value!r}",
            hint="give only scheme, host and port, e.g. https://example.com",
        )
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    default_port = {"http": 80, "https": 443}[parts.scheme]
    port = "" if parts.port in (None, default_port) else f":{parts.port}"
    return f"{parts.scheme}://{host}{port}"


def _with_twin(origin: str) -> list[str]:
    scheme, rest = origin.split("://", 1)
    twin = rest[4:] if rest.startswith("www.") else "www." + rest
    if rest.startswith("[") or rest.replace(".", "").split(":")[0].isdigit():
        return [origin]  # an IP address has no www twin
    return [origin, f"{scheme}://{twin}"]


def default_origins(settings: Settings, root_url: str) -> list[str]:
    out = _with_twin(normalise_origin(_origin_of(root_url)))
    out.append(normalise_origin(_origin_of(settings.public_base_url)))
    return list(dict.fromkeys(out))


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def allowed_origins(settings: Settings, root_url: str, config: AgentConfig) -> list[str]:
    configured = config.integrations.allowed_origins
    if configured:
        return list(dict.fromkeys(normalise_origin(o) for o in configured))
    return default_origins(settings, root_url)


def is_allowed(origin: str | None, allowed: list[str]) -> bool:
    if not origin or origin == "null":
        return False
    try:
        return normalise_origin(origin) in allowed
    except BadOrigin:
        return False
