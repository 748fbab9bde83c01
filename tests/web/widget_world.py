"""What the widget's browser tests and ``bench/widget.py`` share: the small bike-workshop
fixture site (whose scraped text and titles carry markup that must stay text) crawled and
indexed with the real pipeline, the real app on uvicorn, and host pages on other loopback
ports (other origins) that embed the widget, one of them full of hostile CSS."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from acorn.config import AgentConfig, Settings
from acorn.index import KnowledgeBase
from acorn.scrape import scrape_site
from acorn.store import Database, create_agent
from tests.jobs.harness import Server, make_app, serve
from tests.support.auth import default_org
from tests.support.siteserver import Response, SiteServer

SITE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"

# Everything a careless or hostile page does to third-party widgets.
HOSTILE_CSS = """
* { all: unset !important; font-size: 64px !important; line-height: 3 !important; }
html, body { display: block !important; }
div, button, input, section { z-index: 2147483647 !important; transform: rotate(0.5deg) !important; }
.cover { position: fixed !important; inset: 0 !important; z-index: 2147483647 !important;
         background: rgba(200, 0, 0, 0.08) !important; display: block !important; }
"""


def host_page(server_url: str, agent_id: str, key: str, css: str = HOSTILE_CSS) -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>A host page</title><style>{css}</style></head>
<body><a id="first" href="#top">Skip</a><h1>Welcome to a page with opinions</h1>
<p>Lots of text. <button>A host button</button></p><div class="cover"></div>
<script src="{server_url}/widget.js" data-agent="{agent_id}" data-key="{key}" async></script>
</body></html>"""


@dataclass
class World:
    settings: Settings
    server: Server
    site: SiteServer
    host: SiteServer  # an allowed origin with hostile CSS
    stranger: SiteServer  # an origin the agent does not allow
    agent_id: str
    public_key: str

    @property
    def db(self) -> Database:
        return self.server.app.state.db  # type: ignore[no-any-return]


def index_site(settings: Settings, site_url: str, config: AgentConfig) -> tuple[str, str]:
    db = Database(settings).ensure_ready()
    try:
        agent = create_agent(
            db, site_url + "/", "Bramble Bikes", config=config, organization_id=default_org(db)
        )
        site = asyncio.run(scrape_site(site_url + "/", settings, config.scraping))
        KnowledgeBase(settings, db).ingest(agent.id, site)
        return agent.id, agent.public_key
    finally:
        db.dispose()


@contextmanager
def widget_world(data_dir: Path) -> Iterator[World]:
    from acorn.index.stores.qdrant import close_local_clients

    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=data_dir,
        allow_private_networks=["127.0.0.0/8", "::1/128"],
    )
    with ExitStack() as stack:
        site = stack.enter_context(SiteServer(SITE))
        host = stack.enter_context(SiteServer())
        stranger = stack.enter_context(SiteServer())
        config = AgentConfig.model_validate(
            {
                "scraping": {"delay_seconds": 0, "render_js": "never"},
                "integrations": {"lead_capture": True, "allowed_origins": [host.url]},
            }
        )
        agent_id, key = index_site(settings, site.url, config)
        close_local_clients(settings.qdrant_path)  # the server opens the index itself
        server = stack.enter_context(serve(make_app(settings)))
        settings.guess_public_base_url(server.url)  # as `acorn serve` does
        page = host_page(server.url, agent_id, key)
        for s in (host, stranger):
            s.routes["/"] = lambda _n, page=page: Response(200, page)
        yield World(settings, server, site, host, stranger, agent_id, key)
