"""An indexed agent for the fixture bakery site, built once per module with the real pipeline
(crawl on loopback → extract → chunk → embed → Qdrant local), and the app serving it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from acorn.api import create_app
from acorn.config import AgentConfig, ScrapingConfig, Settings
from acorn.index import KnowledgeBase
from acorn.index.stores.qdrant import close_local_clients
from acorn.scrape import scrape_site
from acorn.store import Database, create_agent
from tests.support.auth import default_org, sign_in


@dataclass
class Indexed:
    settings: Settings
    agent_id: str
    site_url: str


@pytest.fixture(scope="module")
def indexed(tmp_path_factory) -> Iterator[Indexed]:
    from tests.fixtures.site_server import fixture_site_server

    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path_factory.mktemp("api") / "data",
        allow_private_networks=["127.0.0.0/8", "::1/128"],
    )
    db = Database(settings).ensure_ready()
    kb = KnowledgeBase(settings, db)
    with fixture_site_server() as server:
        config = AgentConfig(scraping=ScrapingConfig(delay_seconds=0))
        agent = create_agent(
            db,
            server.url + "/",
            name="Hazel & Crumb",
            config=config,
            organization_id=default_org(db),
        )
        site = asyncio.run(scrape_site(server.url + "/", settings, config.scraping))
        kb.ingest(agent.id, site)
        yield Indexed(settings, agent.id, server.url)
    db.dispose()
    close_local_clients(settings.qdrant_path)


@pytest.fixture(scope="module")
def client(indexed: Indexed) -> Iterator[TestClient]:
    with TestClient(create_app(indexed.settings)) as c:
        sign_in(c, "viewer")  # any member may try the agent
        yield c
