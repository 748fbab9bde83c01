"""Store → chunk → embed → index → search, with real MiniLM, real Qdrant (local mode) and
SQLite: relevance, tenant isolation, reindex, incremental re-ingest and generation flips."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from acorn.index import KnowledgeBase
from acorn.store import Agent, Database, Page, create_agent
from acorn.store import Chunk as ChunkRow
from tests.chunk.sites import ROOT, bakery_site

from .conftest import CountingEmbedder

OTHER = "http://other.test/"


def top_urls(
    kb: KnowledgeBase, agent_id: str, query: str, k: int = 3, mode: str = "hybrid"
) -> list[str]:
    return [h.url for h in kb.search(agent_id, query, k=k, mode=mode)]  # type: ignore[arg-type]


def test_round_trip_finds_the_right_page(kb: KnowledgeBase, db: Database) -> None:
    agent = create_agent(db, ROOT, "Crumb & Co")
    report = kb.ingest(agent.id, bakery_site())
    assert report.generation == 1 and report.embedded == report.chunks > 0 and report.reused == 0
    for mode in ("hybrid", "dense", "lexical"):
        assert (
            top_urls(kb, agent.id, "What is your phone number?", mode=mode)[0] == ROOT + "contact/"
        )
    hits = kb.search(agent.id, "How much is a sourdough loaf?", k=3)
    assert hits[0].url == ROOT + "prices/"
    assert hits[0].dense_score is not None and hits[0].lexical_score is not None
    assert hits[0].score >= hits[-1].score
    hours = kb.search(agent.id, "Are you open on Sunday?", k=3)
    assert any(h.category == "hours" for h in hours)
    with db.session() as s:
        stored = s.get(Agent, agent.id)
        assert stored is not None and stored.status == "ready" and stored.live_generation == 1
        assert stored.profile["structured_data"]["phones"][0]["display"] == "01983 555123"


def test_tenant_isolation(kb: KnowledgeBase, db: Database) -> None:
    a = create_agent(db, ROOT)
    b = create_agent(db, OTHER)
    kb.ingest(a.id, bakery_site())
    kb.ingest(b.id, bakery_site(OTHER))
    for agent, root in ((a, ROOT), (b, OTHER)):
        for mode in ("hybrid", "dense", "lexical"):
            hits = kb.search(
                agent.id, "phone number opening hours sourdough price", k=50, mode=mode
            )  # type: ignore[arg-type]
            assert hits and all(h.url.startswith(root) for h in hits)
    kb.delete_agent(b.id)
    assert kb.store.count(b.id) == 0 and kb.store.count(a.id) > 0


def test_reindex_from_the_database_gives_the_same_results(kb: KnowledgeBase, db: Database) -> None:
    agent = create_agent(db, ROOT)
    kb.ingest(agent.id, bakery_site())
    queries = ["phone number", "cancel a cake order", "who is the head baker", "delivery cost"]
    before = [[(h.chunk_id, round(h.score, 6)) for h in kb.search(agent.id, q)] for q in queries]
    count = kb.store.count(agent.id)
    kb.store.delete_agent(agent.id)  # the index is lost
    assert kb.store.count(agent.id) == 0 and not kb.store.has_agent(agent.id)
    assert kb.reindex(agent.id) == count
    after = [[(h.chunk_id, round(h.score, 6)) for h in kb.search(agent.id, q)] for q in queries]
    assert after == before
    kb.store.delete_agent(agent.id)  # lost again: the next search rebuilds it by itself
    healed = [[(h.chunk_id, round(h.score, 6)) for h in kb.search(agent.id, q)] for q in queries]
    assert healed == before and kb.store.count(agent.id) == count


def test_changing_embedder_reindexes(
    settings, db: Database, kb: KnowledgeBase, embedder: CountingEmbedder
) -> None:  # type: ignore[no-untyped-def]
    agent = create_agent(db, ROOT)
    kb.ingest(agent.id, bakery_site())
    other = CountingEmbedder(embedder.inner, name="minilm:renamed")
    kb2 = KnowledgeBase(settings, db, embedder=other)
    assert top_urls(kb2, agent.id, "What is your phone number?")[0] == ROOT + "contact/"
    assert len(other.texts) > 1  # every chunk re-embedded with the new embedder
    with db.session() as s:
        stored = s.get(Agent, agent.id)
        assert stored is not None and stored.index_embedder == kb2.embedder_key


def test_incremental_reingest_embeds_only_changes(
    kb: KnowledgeBase, db: Database, embedder: CountingEmbedder
) -> None:
    agent = create_agent(db, ROOT)
    first = kb.ingest(agent.id, bakery_site())
    embedder.texts.clear()
    same = kb.ingest(agent.id, bakery_site())
    assert same.generation == 2 and same.embedded == 0 and same.reused == first.chunks
    assert embedder.texts == []

    site = bakery_site(hours_text="Every day 9am to 4pm.")
    site.pages = [p for p in site.pages if not p.url.endswith("/policies/")]
    changed = kb.ingest(agent.id, site)
    assert changed.removed_pages == 1
    assert 0 < changed.embedded < changed.chunks
    # only the changed chunk: its text, and its passages for the answerer (index/memo.py)
    with db.session() as s:
        row = s.scalars(select(ChunkRow).where(ChunkRow.content.like("%Every day 9am%"))).one()
        meta = row.metadata_
        parts = [row.content, meta.get("page_title", ""), *meta.get("heading_path", [])]
        words = set(re.findall(r"\w+", " ".join(parts)))
    assert any("Every day 9am" in t for t in embedder.texts)
    assert all(set(re.findall(r"\w+", t)) <= words for t in embedder.texts), embedder.texts
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(ChunkRow)) == changed.chunks
        assert set(s.scalars(select(ChunkRow.generation))) == {3}
        assert not s.scalar(
            select(func.count()).select_from(Page).where(Page.url.like("%policies%"))
        )
    assert kb.store.count(agent.id) == changed.chunks
    assert all("policies" not in h.url for h in kb.search(agent.id, "cancellation policy", k=20))
    assert any("Every day 9am" in h.content for h in kb.search(agent.id, "opening hours", k=5))


def test_old_generation_serves_until_the_new_one_is_complete(
    kb: KnowledgeBase, db: Database, embedder: CountingEmbedder
) -> None:
    agent = create_agent(db, ROOT)
    kb.ingest(agent.id, bakery_site())
    new_site = bakery_site(hours_text="Open around the clock, every single day of the year.")
    seen_during: list[list[str]] = []

    def during(done: int, total: int) -> None:
        seen_during.append([h.content for h in kb.search(agent.id, "around the clock", k=30)])

    kb.ingest(agent.id, new_site, progress=during)
    assert seen_during and all(
        not any("around the clock" in c for c in contents) for contents in seen_during
    )
    assert any("around the clock" in h.content for h in kb.search(agent.id, "around the clock"))


def test_failed_ingest_leaves_the_old_generation_serving(
    kb: KnowledgeBase, db: Database, embedder: CountingEmbedder
) -> None:
    agent = create_agent(db, ROOT)
    first = kb.ingest(agent.id, bakery_site())
    before = [h.chunk_id for h in kb.search(agent.id, "opening hours", k=8)]
    site = bakery_site(hours_text="Closed for the whole of August for refurbishment.")
    for page in site.pages:
        page.title += " (new)"  # every chunk changes: nothing can be carried over
    embedder.fail_after_batches = embedder.batches + 1
    with pytest.raises(RuntimeError):
        kb.ingest(agent.id, site)
    embedder.fail_after_batches = None
    assert [h.chunk_id for h in kb.search(agent.id, "opening hours", k=8)] == before
    assert kb.store.count(agent.id) == first.chunks
    with db.session() as s:
        stored = s.get(Agent, agent.id)
        assert stored is not None and stored.live_generation == 1
        assert set(s.scalars(select(ChunkRow.generation))) == {1}
    retry = kb.ingest(agent.id, site)
    assert retry.generation == 2 and kb.store.count(agent.id) == retry.chunks


def test_search_of_an_agent_never_indexed_is_empty(kb: KnowledgeBase, db: Database) -> None:
    agent = create_agent(db, ROOT)
    assert kb.search(agent.id, "anything") == []


def test_searches_from_other_threads_while_ingesting(kb: KnowledgeBase, db: Database) -> None:
    import threading

    agent = create_agent(db, ROOT)
    kb.ingest(agent.id, bakery_site())
    stop = threading.Event()
    errors: list[BaseException] = []
    results: list[int] = []

    def searcher() -> None:
        while not stop.is_set():
            try:
                results.append(len(kb.search(agent.id, "opening hours", k=5)))
            except BaseException as exc:
                errors.append(exc)
                return

    threads = [threading.Thread(target=searcher) for _ in range(2)]
    for t in threads:
        t.start()
    kb.ingest(agent.id, bakery_site(hours_text="Open every day from dawn to dusk."))
    stop.set()
    for t in threads:
        t.join()
    assert not errors and results and all(n == 5 for n in results)


def test_delete_page_and_count_are_scoped_to_the_agent(kb: KnowledgeBase, db: Database) -> None:
    a = create_agent(db, ROOT)
    b = create_agent(db, ROOT)  # same site, another tenant
    report = kb.ingest(a.id, bakery_site())
    kb.ingest(b.id, bakery_site())
    prices = [h for h in kb.search(a.id, "sourdough loaf price", k=50) if h.url == ROOT + "prices/"]
    assert prices
    kb.store.delete_page(a.id, ROOT + "prices/")
    assert kb.store.count(a.id) == report.chunks - len(
        [h for h in kb.search(b.id, "sourdough loaf price", k=50) if h.url == ROOT + "prices/"]
    )
    assert all(h.url != ROOT + "prices/" for h in kb.search(a.id, "sourdough loaf price", k=50))
    assert kb.store.count(b.id) == report.chunks
    assert kb.store.count(a.id, generation=1) == kb.store.count(a.id)
