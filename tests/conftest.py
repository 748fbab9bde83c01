"""Shared fixtures: settings isolated in tmp_path, real local site servers, the shared sites."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from acorn.config import Settings
from tests.support.siteserver import SiteServer

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_SITES = Path(os.environ.get("ACORN_SHARED_SITES", REPO.parent / "shared" / "sites"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Embedded-default settings with state in tmp_path and loopback allowed (tests only)."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path / "data",
        allow_private_networks=["127.0.0.0/8", "::1/128"],
    )


@pytest.fixture(scope="session")
def shared_sites() -> Path:
    if not (SHARED_SITES / "qa.jsonl").is_file():
        pytest.skip(f"shared sites not found at {SHARED_SITES} (set ACORN_SHARED_SITES)")
    return SHARED_SITES


@pytest.fixture(scope="session")
def shared_qa(shared_sites: Path) -> list[dict]:
    lines = (shared_sites / "qa.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def shared_site_servers(shared_sites: Path) -> Iterator[dict[str, SiteServer]]:
    """Each shared site on its own loopback port: {"ids": server, ...}."""
    servers = {}
    for folder in sorted(p for p in shared_sites.iterdir() if p.is_dir()):
        servers[folder.name] = SiteServer(folder).start()
    yield servers
    for server in servers.values():
        server.stop()


@pytest.fixture
def fixture_site() -> Iterator[SiteServer]:
    """The Hazel & Crumb Bakery fixture site (see tests/fixtures/site_server.py), started."""
    from tests.fixtures.site_server import fixture_site_server

    with fixture_site_server() as server:
        yield server
