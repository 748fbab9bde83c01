"""Qdrant: local mode on disk (``$ACORN_DATA_DIR/qdrant``) by default, a server by
``ACORN_QDRANT_URL``.

One collection for all agents; the tenant is the ``agent_id`` payload (indexed on a server,
``is_tenant``) and every search, count and delete filters on it. Each point has a named
dense vector and a BM25 sparse vector. The embedder that filled the collection is stored in
the collection's metadata so a different embedder is detected instead of mixing vectors.

Qdrant's local mode allows only ONE client per storage folder per process (it takes a file
lock), so local clients are shared per path through :func:`local_client`.
"""

from __future__ import annotations

import atexit
import threading
from pathlib import Path
from typing import Any, cast

import numpy as np
from qdrant_client import QdrantClient, models

from acorn.config import Settings
from acorn.index.stores.base import StoredHit, VectorPoint

DENSE = "dense"
SPARSE = "bm25"

_LOCAL: dict[str, QdrantClient] = {}
_LOCK = threading.Lock()


class _Serialised:
    """Local mode keeps its index in plain Python structures that are not thread-safe (the
    API's threads search while a job ingests): one call at a time per folder."""

    def __init__(self, client: QdrantClient) -> None:
        self._client = client
        self._lock = threading.RLock()

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._client, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                return attr(*args, **kwargs)

        return call


def local_client(path: Path) -> QdrantClient:
    """The process-wide client for a local storage folder (local mode locks the folder)."""
    key = str(path.resolve())
    with _LOCK:
        client = _LOCAL.get(key)
        if client is None:
            path.mkdir(parents=True, exist_ok=True)
            client = cast(QdrantClient, _Serialised(QdrantClient(path=key)))
            _LOCAL[key] = client
        return client


def close_local_clients(path: Path | None = None) -> None:
    """Close the shared local client of ``path`` (all of them when None): releases the folder
    lock, e.g. between tests or before another process opens the folder."""
    with _LOCK:
        keys = [str(path.resolve())] if path is not None else list(_LOCAL)
        for key in keys:
            client = _LOCAL.pop(key, None)
            if client is not None:
                client.close()


atexit.register(close_local_clients)  # close before interpreter teardown, not in __del__


def _agent(agent_id: str) -> models.FieldCondition:
    return models.FieldCondition(key="agent_id", match=models.MatchValue(value=agent_id))


def visible_at(generation: int) -> list[models.Condition]:
    """A point belongs to every generation from ``gen_from`` to ``gen_to`` (open-ended when
    unset): unchanged chunks stay valid across re-crawls without a single write."""
    return [
        models.FieldCondition(key="gen_from", range=models.Range(lte=generation)),
        models.Filter(
            should=[
                models.IsEmptyCondition(is_empty=models.PayloadField(key="gen_to")),
                models.FieldCondition(key="gen_to", range=models.Range(gte=generation)),
            ]
        ),
    ]


class QdrantStore:
    def __init__(self, settings: Settings) -> None:
        self.collection = settings.qdrant_collection
        self.local = not settings.qdrant_url
        if settings.qdrant_url:
            self.client = QdrantClient(url=settings.qdrant_url, api_key=settings.qdrant_api_key)
        else:
            self.client = local_client(settings.qdrant_path)
        self._ready_for: str | None = None

    def ensure_collection(self, embedder_key: str, dim: int) -> bool:
        if self._ready_for == embedder_key:
            return False
        recreated = False
        if self.client.collection_exists(self.collection):
            meta = self.client.get_collection(self.collection).config.metadata or {}
            if meta.get("embedder") != embedder_key:
                self.client.delete_collection(self.collection)
                recreated = True
        if not self.client.collection_exists(self.collection):
            self.client.create_collection(
                self.collection,
                vectors_config={
                    DENSE: models.VectorParams(size=dim, distance=models.Distance.COSINE)
                },
                sparse_vectors_config={
                    SPARSE: models.SparseVectorParams(modifier=models.Modifier.IDF)
                },
                metadata={"embedder": embedder_key, "dim": dim},
            )
            if not self.local:  # payload indexes are a no-op in local mode
                self.client.create_payload_index(
                    self.collection,
                    "agent_id",
                    models.KeywordIndexParams(type=models.KeywordIndexType.KEYWORD, is_tenant=True),
                )
                for key in ("gen_from", "gen_to"):
                    self.client.create_payload_index(
                        self.collection, key, models.PayloadSchemaType.INTEGER
                    )
                self.client.create_payload_index(
                    self.collection, "page_url", models.PayloadSchemaType.KEYWORD
                )
            recreated = True
        self._ready_for = embedder_key
        return recreated

    def upsert(self, points: list[VectorPoint], batch: int = 256) -> None:
        for start in range(0, len(points), batch):
            structs = [
                models.PointStruct(
                    id=p.id,
                    vector={
                        DENSE: p.dense.tolist(),
                        SPARSE: models.SparseVector(indices=p.sparse[0], values=p.sparse[1]),
                    },
                    payload=p.payload,
                )
                for p in points[start : start + batch]
            ]
            self.client.upsert(self.collection, structs, wait=True)

    def existing(self, ids: list[str]) -> set[str]:
        out: set[str] = set()
        for start in range(0, len(ids), 256):
            records = self.client.retrieve(
                self.collection, ids[start : start + 256], with_vectors=False, with_payload=False
            )
            out.update(str(rec.id) for rec in records)
        return out

    def _scoped(self, agent_id: str, generation: int) -> models.Filter:
        return models.Filter(must=[_agent(agent_id), *visible_at(generation)])

    def search_dense(
        self, agent_id: str, generation: int, vector: np.ndarray, limit: int
    ) -> list[StoredHit]:
        res = self.client.query_points(
            self.collection,
            query=vector.tolist(),
            using=DENSE,
            query_filter=self._scoped(agent_id, generation),
            limit=limit,
            with_payload=True,
        )
        return [StoredHit(str(p.id), float(p.score), p.payload or {}) for p in res.points]

    def search_sparse(
        self, agent_id: str, generation: int, sparse: tuple[list[int], list[float]], limit: int
    ) -> list[StoredHit]:
        if not sparse[0]:
            return []
        res = self.client.query_points(
            self.collection,
            query=models.SparseVector(indices=sparse[0], values=sparse[1]),
            using=SPARSE,
            query_filter=self._scoped(agent_id, generation),
            limit=limit,
            with_payload=True,
        )
        return [StoredHit(str(p.id), float(p.score), p.payload or {}) for p in res.points]

    def retire(self, agent_id: str, ids: list[str], last_generation: int) -> None:
        if ids:
            self.client.set_payload(
                self.collection,
                payload={"gen_to": last_generation},
                points=models.Filter(must=[_agent(agent_id), models.HasIdCondition(has_id=ids)]),
                wait=True,
            )

    def retain_generation(self, agent_id: str, generation: int) -> None:
        if not self.client.collection_exists(self.collection):
            return
        gone = models.Filter(
            must=[_agent(agent_id)],
            should=[
                models.FieldCondition(key="gen_from", range=models.Range(gt=generation)),
                models.FieldCondition(key="gen_to", range=models.Range(lt=generation)),
            ],
        )
        self.client.delete(self.collection, models.FilterSelector(filter=gone), wait=True)
        retired = models.Filter(
            must=[
                _agent(agent_id),
                models.FieldCondition(key="gen_to", range=models.Range(gte=generation)),
            ]
        )
        self.client.delete_payload(self.collection, keys=["gen_to"], points=retired, wait=True)

    def _delete(self, must: list[models.Condition]) -> None:
        if self.client.collection_exists(self.collection):
            self.client.delete(
                self.collection, models.FilterSelector(filter=models.Filter(must=must)), wait=True
            )

    def delete_page(self, agent_id: str, url: str) -> None:
        page = models.FieldCondition(key="page_url", match=models.MatchValue(value=url))
        self._delete([_agent(agent_id), page])

    def delete_agent(self, agent_id: str) -> None:
        self._delete([_agent(agent_id)])

    def count(self, agent_id: str, generation: int | None = None) -> int:
        if not self.client.collection_exists(self.collection):
            return 0
        must: list[models.Condition] = [_agent(agent_id)]
        if generation is not None:
            must.extend(visible_at(generation))
        return self.client.count(
            self.collection, count_filter=models.Filter(must=must), exact=True
        ).count
