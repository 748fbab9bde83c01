from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import pytest

from acorn.config import Settings
from acorn.index import KnowledgeBase
from acorn.index.embedders.minilm import MiniLMEmbedder
from acorn.index.stores.qdrant import close_local_clients
from acorn.store import Database
from tests.store.conftest import backend, pg_url  # noqa: F401  (shared fixtures)
from tests.support.databases import migrated_database


class CountingEmbedder:
    """The real MiniLM embedder, counting what it is asked to embed (and optionally failing
    after a number of batches, to interrupt an ingest half-way)."""

    def __init__(self, inner: MiniLMEmbedder, *, name: str | None = None) -> None:
        self.inner = inner
        self.name = name or inner.name
        self.max_tokens = inner.max_tokens
        self.texts: list[str] = []
        self.fail_after_batches: int | None = None
        self.batches = 0

    @property
    def dim(self) -> int:
        return self.inner.dim

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if self.fail_after_batches is not None and self.batches >= self.fail_after_batches:
            raise RuntimeError("embedder went away")
        self.batches += 1
        self.texts.extend(texts)
        return self.inner.embed(texts)


@pytest.fixture(scope="session")
def minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder()


@pytest.fixture
def embedder(minilm: MiniLMEmbedder) -> CountingEmbedder:
    return CountingEmbedder(minilm)


@pytest.fixture
def db(backend: Settings) -> Iterator[Database]:  # noqa: F811
    """The database of record on SQLite and on PostgreSQL (a fresh schema per test)."""
    yield from migrated_database(backend)


@pytest.fixture
def kb(settings: Settings, db: Database, embedder: CountingEmbedder) -> Iterator[KnowledgeBase]:
    yield KnowledgeBase(settings, db, embedder=embedder, batch_size=16)
    close_local_clients(settings.qdrant_path)
