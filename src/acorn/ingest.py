"""Turning a scraped site into an agent that answers: the step after the crawl that ``acorn crawl``
(with its progress bar) and ``acorn eval`` share, so an evaluated agent is made exactly like one a
user makes. Background jobs index into the agent the API created for them, through the same
:meth:`KnowledgeBase.ingest`."""

from __future__ import annotations

from acorn.config import AgentConfig
from acorn.index import IngestReport, KnowledgeBase
from acorn.index.knowledge import Progress
from acorn.sitedata import SiteData
from acorn.store import create_agent, get_agent


def index_site(
    kb: KnowledgeBase,
    site: SiteData,
    *,
    agent_id: str | None = None,
    root_url: str | None = None,
    name: str | None = None,
    config: AgentConfig | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Make ``site`` an agent's searchable knowledge; the agent is ``ready`` when this returns
    and ``report.agent_id`` names it.

    ``agent_id`` (an id or public key): re-index that agent, reusing the vectors of unchanged
    text. Otherwise a new agent is created for ``root_url`` (default: the site's own), named
    ``name`` (default: the site's), with ``config``; only now, after the crawl worked, so a
    failed crawl leaves no empty agent behind. A new agent belongs to the default
    organisation, where the machine's owner (``acorn users create``, the setup link) finds it."""
    from acorn.auth.accounts import default_organization

    if agent_id:
        agent_id = get_agent(kb.db, agent_id).id
    else:
        org = default_organization(kb.db).id
        agent = create_agent(
            kb.db, root_url or site.root_url, name or site.name, config, organization_id=org
        )
        agent_id = agent.id
    return kb.ingest(agent_id, site, progress=progress)
