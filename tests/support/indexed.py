"""The fixture bakery crawled on loopback and indexed with the real pipeline (crawl → extract
→ chunk → embed → Qdrant local) into a fresh data folder: the agent API and voice tests share
this one way of building it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from acorn.config import AgentConfig, ScrapingConfig, Settings
from acorn.index import KnowledgeBase
from acorn.index.stores.qdrant import close_local_clients
from acorn.scrape import scrape_site
from acorn.store import Database, create_agent
from tests.support.auth import default_org


@dataclass
class Indexed:
    settings: Settings
    db: Database
    agent_id: str
    site_url: str


@contextmanager
def indexed_bakery(data_dir: Path, name: str) -> Iterator[Indexed]:
    """The indexed agent, in the default organisation, while the site is being served."""
    from tests.fixtures.site_server import fixture_site_server

    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=data_dir,
        allow_private_networks=["127.0.0.0/8", "::1/128"],
    )
    db = Database(settings).ensure_ready()
    kb = KnowledgeBase(settings, db)
    try:
        with fixture_site_server() as server:
            config = AgentConfig(scraping=ScrapingConfig(delay_seconds=0))
            agent = create_agent(
                db, server.url + "/", name=name, config=config, organization_id=default_org(db)
            )
            site = asyncio.run(scrape_site(server.url + "/", settings, config.scraping))
            kb.ingest(agent.id, site)
            yield Indexed(settings, db, agent.id, server.url)
    finally:
        db.dispose()
        close_local_clients(settings.qdrant_path)
