"""Quality gate on the shared real sites: for each answerable question in qa.jsonl, the page
holding the answer appears in the top 8 hybrid results, with the default embedder. Floors are
pinned under what was measured on all twelve sites with `use` (recall@8 0.968, recall@1 0.752;
bench/embedders.py) and must not go down. Across this session's runs recall@8 was 0.959-0.968
(one question, chopsalon-14, flips when the machine is loaded), so the floor leaves one
question of room below the lowest run rather than failing CI on noise."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from acorn.config import Settings
from acorn.index import KnowledgeBase
from acorn.index.embedders import get_embedder
from acorn.index.stores.qdrant import close_local_clients
from acorn.store import Database, create_agent
from tests.index.shared import crawl, first_rank
from tests.support.siteserver import SiteServer

RECALL_AT_8_FLOOR = 0.955
RECALL_AT_1_FLOOR = 0.74


@pytest.fixture(scope="module")
def indexed(
    shared_site_servers: dict[str, SiteServer], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[KnowledgeBase, dict[str, str]]]:
    data_dir: Path = tmp_path_factory.mktemp("shared") / "data"
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=data_dir,
        allow_private_networks=["127.0.0.0/8"],
    )
    db = Database(settings).ensure_ready()
    kb = KnowledgeBase(settings, db, embedder=get_embedder(settings))  # the default
    agents = {}
    for name, server in shared_site_servers.items():
        agent = create_agent(db, server.url, name)
        kb.ingest(agent.id, crawl(server.url, settings))
        agents[name] = agent.id
    yield kb, agents
    close_local_clients(settings.qdrant_path)
    db.dispose()


def test_answer_page_is_in_the_top_8(
    indexed: tuple[KnowledgeBase, dict[str, str]], shared_qa: list[dict]
) -> None:
    kb, agents = indexed
    ranks: dict[str, int | None] = {}
    for q in shared_qa:
        if q["answerable"]:
            hits = kb.search(agents[q["site"]], q["question"], k=8)
            ranks[q["id"]] = first_rank([h.url for h in hits], q["sources"])
    n = len(ranks)
    at8 = sum(1 for r in ranks.values() if r) / n
    at1 = sum(1 for r in ranks.values() if r == 1) / n
    missed = sorted(qid for qid, r in ranks.items() if not r)
    assert at8 >= RECALL_AT_8_FLOOR, f"recall@8 {at8:.3f}; not in top 8: {missed}"
    assert at1 >= RECALL_AT_1_FLOOR, f"recall@1 {at1:.3f}"


def test_agents_on_the_same_index_stay_apart(
    indexed: tuple[KnowledgeBase, dict[str, str]], shared_site_servers: dict[str, SiteServer]
) -> None:
    kb, agents = indexed
    for name, agent_id in agents.items():
        root = shared_site_servers[name].url + "/"
        hits = kb.search(agent_id, "opening hours phone price pastor breakfast", k=40)
        assert hits and all(h.url.startswith(root) for h in hits)
