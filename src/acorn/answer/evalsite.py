"""What ``acorn eval`` needs around the evaluation itself: an indexed agent for a site (crawl
and ingest once, reuse after), and static site folders served on loopback."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sqlalchemy import select

from acorn.answer import evaluate
from acorn.answer.evaluate import EvalReport, QAItem
from acorn.answer.types import Answer
from acorn.config import AgentConfig, ScrapingConfig, Settings
from acorn.index import KnowledgeBase
from acorn.store import Agent, Database


def prepare_agent(
    settings: Settings,
    db: Database,
    kb: KnowledgeBase,
    site_url: str,
    *,
    agent_id: str | None = None,
    scraping: ScrapingConfig | None = None,
    fresh: bool = False,
) -> str:
    """The id of an answering agent for ``site_url``: the one given, an existing ready agent
    for the same root URL, or a new one crawled and indexed now."""
    if agent_id:
        return agent_id
    if not fresh:
        with db.session() as s:
            existing = s.scalar(
                select(Agent.id)
                .where(Agent.root_url == site_url, Agent.live_generation > 0)
                .order_by(Agent.created_at.desc())
            )
        if existing:
            return existing
    from acorn.ingest import index_site
    from acorn.scrape import scrape_site_sync

    # The same crawl and the same indexing step as `acorn crawl`, keyed by the URL given so
    # the lookup above finds this agent next time.
    config = AgentConfig(scraping=scraping or ScrapingConfig())
    site = scrape_site_sync(site_url, settings, config.scraping)
    return index_site(kb, site, root_url=site_url, config=config).agent_id


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_directory(folder: Path) -> Iterator[str]:
    """Serve ``folder`` like a static host (``/x/`` → ``x/index.html``) on a free loopback port."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def evaluate_sites(
    settings: Settings,
    urls: dict[str, str],
    items: list[QAItem],
    *,
    agent_ids: dict[str, str] | None = None,
    scraping: ScrapingConfig | None = None,
) -> EvalReport:
    """Index each site (or reuse its agent) and ask its questions through the same
    :class:`AnswerService` the API uses. ``urls`` maps a qa ``site`` name to its root URL; items
    whose site is not in ``urls`` are skipped (a single-site run takes every item: key "")."""
    from acorn.answer.service import AnswerService

    db = Database(settings).ensure_ready()
    kb = KnowledgeBase(settings, db)
    service = AnswerService(settings, db, kb)
    agents: dict[str, str] = {}
    for name, url in urls.items():
        agents[name] = prepare_agent(
            settings, db, kb, url, agent_id=(agent_ids or {}).get(name), scraping=scraping
        )

    def ask(item: QAItem) -> Answer:
        agent = agents.get(item.site) or agents[""]
        return service.answer(agent, item.question, record=False)

    chosen = [i for i in items if i.site in agents or "" in agents]
    return evaluate.run(ask, chosen)
