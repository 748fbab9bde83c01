"""The uvicorn configuration ``acorn serve`` runs, started for real on 127.0.0.1: no
``server: uvicorn`` header, the date header kept, the security headers on, and HSTS when a
trusted proxy says the request came over https (uvicorn's proxy_headers set the scheme)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from acorn.cli.serve import server_config
from acorn.config import Settings
from tests.api.edge_support import uvicorn_server


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path_factory.mktemp("serve") / "data",
    )
    config = server_config(settings, "127.0.0.1", 0, log_level="warning")
    with uvicorn_server(config) as url:
        yield url


def test_config_is_what_serve_runs(settings: Settings) -> None:
    config = server_config(settings, "127.0.0.1", 0)
    assert config.server_header is False and config.date_header is True
    assert config.proxy_headers is True  # X-Forwarded-Proto from a trusted proxy sets the scheme
    reloading = server_config(settings, reload=True)
    assert reloading.app == "acorn.api.app:create_app" and reloading.factory
    assert reloading.server_header is False
    assert (reloading.host, reloading.port) == (settings.host, settings.port)


def test_no_server_header_and_date_kept(served: str) -> None:
    response = httpx.get(served + "/healthz/live", timeout=10)
    assert response.status_code == 200
    assert "server" not in response.headers
    assert response.headers["date"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "strict-transport-security" not in response.headers
    missing = httpx.get(served + "/no/such/route", timeout=10)
    assert missing.status_code == 404 and "server" not in missing.headers


def test_hsts_behind_an_https_proxy(served: str) -> None:
    # uvicorn trusts X-Forwarded-Proto from 127.0.0.1 by default (forwarded_allow_ips).
    response = httpx.get(
        served + "/healthz/live", headers={"X-Forwarded-Proto": "https"}, timeout=10
    )
    assert response.headers["strict-transport-security"].startswith("max-age=")
