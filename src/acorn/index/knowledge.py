"""The knowledge base of one Acorn instance: chunk, embed, index and search agents' sites.

Generations keep a half-indexed agent from ever answering: an ingest writes its rows and
vectors as ``live_generation + 1`` while searches keep filtering on the live generation;
only when everything is written does one transaction flip ``live_generation`` (and drop the
old rows), after which the old vectors are dropped. If the ingest fails, its rows and
vectors are discarded and the old generation keeps serving. Chunks whose id (agent, page,
embedded text) is already live are carried over untouched: each vector point is valid from
``gen_from`` to ``gen_to`` (open-ended), so an unchanged chunk costs no embedding and no write,
and a removed or changed one is only marked as ending with the live generation.

One ingest per agent at a time (the job queue serialises them).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import numpy as np
from sqlalchemy import delete, select

from acorn.chunk import ChunkBounds, chunk_site
from acorn.chunk.types import Chunk
from acorn.config import Settings
from acorn.errors import NotFound
from acorn.index.embedders import Embedder, embed_queries, get_embedder
from acorn.index.fusion import fuse, single
from acorn.index.lexical import LexicalEncoder
from acorn.index.memo import PassageTexts, default_passage_texts, encode, unit
from acorn.index.records import chunk_from_row, chunk_row, payload
from acorn.index.stores import VectorPoint, VectorStore, get_vector_store
from acorn.index.types import SearchHit
from acorn.sitedata import SiteData
from acorn.store import Agent, Database, Page, agent_config
from acorn.store import Chunk as ChunkRow
from acorn.voice.models import build_voice_models

log = logging.getLogger(__name__)

Mode = Literal["hybrid", "dense", "lexical"]
Progress = Callable[[int, int], None]  # (done, total) chunks embedded


@dataclass(slots=True)
class IngestReport:
    agent_id: str
    generation: int
    pages: int
    chunks: int
    embedded: int  # chunks sent to the embedder
    reused: int  # chunks carried over with their stored vector
    removed_pages: int
    seconds: float


class KnowledgeBase:
    def __init__(
        self,
        settings: Settings,
        db: Database,
        *,
        embedder: Embedder | None = None,
        store: VectorStore | None = None,
        batch_size: int = 64,
        passage_texts: PassageTexts | None = None,
    ) -> None:
        self.settings = settings
        self.db = db
        self.embedder = embedder or get_embedder(settings)
        self.store = store or get_vector_store(settings)
        self.lexical = LexicalEncoder()
        self.batch_size = batch_size
        # what the answer stage will compare questions with, embedded at ingest (memo.py)
        self.passage_texts = passage_texts or default_passage_texts()

    @property
    def embedder_key(self) -> str:
        return f"{self.embedder.name}:{self.embedder.dim}"

    def _agent(self, agent_id: str) -> Agent:
        with self.db.session() as s:
            agent = s.get(Agent, agent_id)
            if agent is None:
                raise NotFound(f"no agent with id {agent_id!r}", hint="check the agent id")
            return agent

    def bounds(self, agent: Agent) -> ChunkBounds:
        return ChunkBounds.for_embedder(self.embedder.max_tokens, agent_config(agent).rag)

    def chunk(self, agent: Agent, site: SiteData) -> list[Chunk]:
        chunks = chunk_site(site, self.embedder.count_tokens, self.bounds(agent), agent_id=agent.id)
        # The page's language travels with its chunks (and their rows, for a re-index) so the
        # lexical leg stems them in it; see acorn.index.lexical.
        langs = {p.url: p.lang for p in site.pages if p.lang}
        for c in chunks:
            if c.page_url in langs:
                c.metadata.setdefault("lang", langs[c.page_url])
        return chunks

    # ---------------------------------------------------------------- writing

    def _points(
        self,
        agent_id: str,
        gen: int,
        chunks: list[Chunk],
        vectors: list[np.ndarray],
        memos: list[dict[str, Any]],
    ) -> list[VectorPoint]:
        return [
            VectorPoint(
                id=c.chunk_id,
                dense=v,
                sparse=self.lexical.document(c.embed_text, c.metadata.get("lang")),
                payload={**payload(agent_id, gen, c), "memo": m},
            )
            for c, v, m in zip(chunks, vectors, memos, strict=True)
        ]

    def _memos(self, chunks: list[Chunk]) -> list[dict[str, Any]]:
        """Each chunk's passages with their vectors, the batch's distinct texts embedded in
        one call."""
        texts = [self.passage_texts(c.content, list(c.heading_path)) for c in chunks]
        distinct = list(dict.fromkeys(t for ts in texts for t in ts))
        if not distinct:
            return [encode([], np.zeros((0, max(self.embedder.dim, 1)))) for _ in chunks]
        matrix = unit(np.asarray(self.embedder.embed(distinct), dtype=np.float32))
        row = {t: i for i, t in enumerate(distinct)}
        return [
            encode(ts, matrix[[row[t] for t in ts]] if ts else np.zeros((0, matrix.shape[1])))
            for ts in texts
        ]

    def _embed_and_upsert(
        self, agent_id: str, gen: int, chunks: list[Chunk], progress: Progress | None
    ) -> None:
        for start in range(0, len(chunks), self.batch_size):
            batch = chunks[start : start + self.batch_size]
            vectors = self.embedder.embed([c.embed_text for c in batch])
            points = self._points(agent_id, gen, batch, list(vectors), self._memos(batch))
            self.store.upsert(points)
            if progress:
                progress(start + len(batch), len(chunks))

    def ingest(
        self,
        agent_id: str,
        site: SiteData,
        *,
        generation: int | None = None,
        progress: Progress | None = None,
    ) -> IngestReport:
        """Make ``site`` the agent's searchable knowledge, atomically (see module doc)."""
        started = time.perf_counter()
        agent = self._agent(agent_id)
        live = agent.live_generation
        gen = generation if generation is not None else live + 1
        if gen <= live:
            raise ValueError(f"generation {gen} is not newer than the live generation {live}")
        same_embedder = agent.index_embedder == self.embedder_key
        if self.store.ensure_collection(self.embedder_key, self.embedder.dim):
            same_embedder = False
        self._discard_unfinished(agent_id, live)

        chunks = self.chunk(agent, site)
        with self.db.session() as s:
            live_ids = set(
                s.scalars(
                    select(ChunkRow.chunk_id).where(
                        ChunkRow.agent_id == agent_id, ChunkRow.generation == live
                    )
                )
            )
            live_urls = set(
                s.scalars(
                    select(Page.url).where(Page.agent_id == agent_id, Page.generation == live)
                )
            )
        new_ids = {c.chunk_id for c in chunks}
        carried_ids = (
            self.store.existing(agent_id, [i for i in new_ids if i in live_ids])
            if same_embedder
            else set()
        )
        # Embed in length order: each batch pads to its longest text, so mixing a 10-token fact
        # with a 250-token section wastes most of the batch's compute (~20% CPU measured).
        fresh = sorted(
            (c for c in chunks if c.chunk_id not in carried_ids), key=lambda c: len(c.embed_text)
        )
        retired = sorted(live_ids - carried_ids)

        try:
            with self.db.session() as s:
                s.add_all(_page_rows(agent_id, gen, site))
                s.add_all(chunk_row(agent_id, gen, c) for c in chunks)
            # Unchanged chunks keep their point as is; the others end with the live generation.
            self.store.retire(agent_id, retired, live)
            self._embed_and_upsert(agent_id, gen, fresh, progress)
            with self.db.session() as s:
                row = s.get(Agent, agent_id)
                if row is None:
                    raise NotFound(f"agent {agent_id!r} was deleted during indexing")
                row.live_generation = gen
                row.index_embedder = self.embedder_key
                row.profile = {
                    "name": site.name or site.structured_data.name,
                    "summary": site.summary,
                    "structured_data": site.structured_data.model_dump(mode="json"),
                    # the site's own question-answer pairs, for the answer fast path
                    "auto_faqs": [f.model_dump(mode="json") for f in site.auto_faqs],
                    "lang": site_language(site),
                }
                row.status = "ready"
                row.last_scraped_at = site.crawled_at or datetime.now(UTC)
                for model in (ChunkRow, Page):
                    s.execute(
                        delete(model).where(model.agent_id == agent_id, model.generation != gen)
                    )
        except BaseException:
            self._discard_unfinished(agent_id, live)
            raise
        self.store.retain_generation(agent_id, gen)
        # the agent's own speech model, from what was just indexed (never fails the ingest)
        build_voice_models(self.db, agent_id)
        new_urls = {p.url for p in site.pages}
        return IngestReport(
            agent_id=agent_id,
            generation=gen,
            pages=len(site.pages),
            chunks=len(chunks),
            embedded=len(fresh),
            reused=len(carried_ids),
            removed_pages=len(live_urls - new_urls),
            seconds=time.perf_counter() - started,
        )

    def _discard_unfinished(self, agent_id: str, live: int) -> None:
        """Forget rows and vectors of any generation that never went live."""
        self.store.retain_generation(agent_id, live)
        with self.db.session() as s:
            for model in (ChunkRow, Page):
                s.execute(delete(model).where(model.agent_id == agent_id, model.generation != live))

    def reindex(self, agent_id: str, progress: Progress | None = None) -> int:
        """Rebuild the agent's vectors from the ``chunks`` table alone (lost index, new
        embedder). Returns the number of chunks indexed."""
        agent = self._agent(agent_id)
        live = agent.live_generation
        self.store.ensure_collection(self.embedder_key, self.embedder.dim)
        with self.db.session() as s:
            rows = s.scalars(
                select(ChunkRow)
                .where(ChunkRow.agent_id == agent_id, ChunkRow.generation == live)
                .order_by(ChunkRow.id)
            ).all()
            chunks = [chunk_from_row(r) for r in rows]
        self.store.delete_agent(agent_id)
        self._embed_and_upsert(agent_id, live, chunks, progress)
        with self.db.session() as s:
            row = s.get(Agent, agent_id)
            if row is not None:
                row.index_embedder = self.embedder_key
        log.info("re-indexed agent %s: %d chunks with %s", agent_id, len(chunks), self.embedder_key)
        return len(chunks)

    def delete_agent(self, agent_id: str) -> None:
        """Remove the agent's vectors, then the agent and (by cascade) all its rows."""
        self.store.delete_agent(agent_id)
        with self.db.session() as s:
            row = s.get(Agent, agent_id)
            if row is not None:
                s.delete(row)

    # ---------------------------------------------------------------- reading

    def search(
        self,
        agent_id: str,
        query: str,
        k: int = 8,
        mode: Mode = "hybrid",
        lexical_query: str | None = None,
    ) -> list[SearchHit]:
        """The agent's best chunks for ``query``, from its live generation only.

        ``lexical_query`` (default ``query``) is what the keyword leg searches: a question
        widened with synonyms helps BM25 but would blur the question's embedding."""
        agent = self._agent(agent_id)
        live = agent.live_generation
        if live == 0 or not query.strip():
            return []
        recreated = self.store.ensure_collection(self.embedder_key, self.embedder.dim)
        if recreated or agent.index_embedder != self.embedder_key:
            log.warning("agent %s was indexed with %s: re-indexing", agent_id, agent.index_embedder)
            self.reindex(agent_id)
        elif not self.store.has_agent(agent_id):  # the index was reset or lost: rebuild it
            log.warning("agent %s has no vectors in the index: re-indexing", agent_id)
            self.reindex(agent_id)
        depth = max(3 * k, 24)
        dense = lexical = []
        if mode in ("hybrid", "dense"):
            vector = embed_queries(self.embedder, [query])[0]
            dense = self.store.search_dense(agent_id, live, vector, depth)
        if mode in ("hybrid", "lexical"):
            lang = (agent.profile or {}).get("lang")  # also stem the question as the site would
            sparse = self.lexical.query(lexical_query or query, lang)
            lexical = self.store.search_sparse(agent_id, live, sparse, depth)
        if mode == "dense":
            return single(dense, "dense", k)
        if mode == "lexical":
            return single(lexical, "lexical", k)
        return fuse(dense, lexical, k)


def site_language(site: SiteData) -> str | None:
    """The language most of the site's pages declare (None when none does)."""
    counts = Counter(p.lang.split("-")[0].lower() for p in site.pages if p.lang)
    return counts.most_common(1)[0][0] if counts else None


def _page_rows(agent_id: str, generation: int, site: SiteData) -> list[Page]:
    return [
        Page(
            agent_id=agent_id,
            generation=generation,
            url=p.url,
            title=p.title,
            type=p.type,
            depth=p.depth,
            content_hash=p.content_hash,
            fetched_at=p.fetched_at,
            word_count=p.word_count,
        )
        for p in {p.url: p for p in site.pages}.values()
    ]
