"""Qdrant local mode: one collection per agent beside a marker collection, so a search never
scans another agent's points; an index in the old one-collection layout is rebuilt."""

from __future__ import annotations

import uuid

import numpy as np
from qdrant_client import models

from acorn.config import Settings
from acorn.index.stores.base import VectorPoint
from acorn.index.stores.qdrant import QdrantStore, close_local_clients

KEY, DIM = "test:4", 4


def point(agent_id: str, vector: list[float], text: str) -> VectorPoint:
    return VectorPoint(
        id=str(uuid.uuid5(uuid.NAMESPACE_URL, agent_id + text)),
        dense=np.array(vector, dtype=np.float32),
        sparse=([1], [1.0]),
        payload={"agent_id": agent_id, "gen_from": 1, "content": text},
    )


def test_each_agent_has_its_own_collection(settings: Settings) -> None:
    store = QdrantStore(settings)
    try:
        assert store.ensure_collection(KEY, DIM)
        store.upsert([point("a", [1, 0, 0, 0], "a1"), point("b", [1, 0, 0, 0], "b1")])
        names = {c.name for c in store.client.get_collections().collections}
        assert {store.collection, f"{store.collection}__a", f"{store.collection}__b"} <= names
        assert store.client.count(store.collection, exact=True).count == 0  # only the marker
        hits = store.search_dense("a", 1, np.array([1, 0, 0, 0], dtype=np.float32), 10)
        assert [h.payload["content"] for h in hits] == ["a1"]
        store.delete_agent("a")
        assert not store.has_agent("a") and store.count("b") == 1
        assert store.search_dense("a", 1, np.array([1, 0, 0, 0], dtype=np.float32), 10) == []
    finally:
        close_local_clients(settings.qdrant_path)


def test_the_one_collection_layout_is_rebuilt(settings: Settings) -> None:
    store = QdrantStore(settings)
    try:  # an index written before: every agent's points in the shared collection
        store.client.create_collection(
            store.collection,
            vectors_config={
                "dense": models.VectorParams(size=DIM, distance=models.Distance.COSINE)
            },
            sparse_vectors_config={"bm25": models.SparseVectorParams()},
            metadata={"embedder": KEY, "dim": DIM},
        )
        old = point("a", [1, 0, 0, 0], "a1")
        store.client.upsert(
            store.collection,
            [models.PointStruct(id=old.id, vector={"dense": [1.0, 0, 0, 0]}, payload=old.payload)],
        )
        assert store.ensure_collection(KEY, DIM)  # recreated: agents re-index from the database
        assert store.client.count(store.collection, exact=True).count == 0
        assert not store.has_agent("a")
    finally:
        close_local_clients(settings.qdrant_path)
