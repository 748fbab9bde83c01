"""Vector stores, chosen by settings: Qdrant local mode by default, a Qdrant server by
``ACORN_QDRANT_URL``."""

from __future__ import annotations

from acorn.config import Settings
from acorn.index.stores.base import StoredHit, VectorPoint, VectorStore


def get_vector_store(settings: Settings) -> VectorStore:
    from acorn.index.stores.qdrant import QdrantStore

    return QdrantStore(settings)


__all__ = ["StoredHit", "VectorPoint", "VectorStore", "get_vector_store"]
