"""Qdrant: local mode on disk (``$ACORN_DATA_DIR/qdrant``) by default, a server by
``ACORN_QDRANT_URL``.

On a server, one collection for all agents; the tenant is the ``agent_id`` payload (indexed,
``is_tenant``) and every search, count and delete filters on it. In local mode each agent has
a collection of its own (``<collection>__<agent id>``) beside an empty marker collection that
holds the metadata: local mode keeps no payload index, so a filter is checked point by point
in Python and the sparse leg scores every point of a collection; with twelve agents in one
collection that was ~80 % of a first answer's time. The ``agent_id`` payload is written either
way. Each point has a named dense vector and a BM25 sparse vector. The embedder that filled the
index is stored in the (marker) collection's metadata so a different embedder is detected
instead of mixing vectors.

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
from acorn.index.stores.lock import index_in_use

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
            try:
                client = cast(QdrantClient, _Serialised(QdrantClient(path=key)))
            except RuntimeError as exc:
                if "already accessed" not in str(exc):
                    raise
                raise index_in_use(path) from None  # another process holds the folder
            _LOCAL[key] = client
        return client


def holds_local_client(path: Path) -> bool:
    """Whether this process has the local storage folder ``path`` open."""
    with _LOCK:
        return str(path.resolve()) in _LOCAL


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
        self._dim = 0
        self._embedder_key = ""

    # ------------------------------------------------------------ collections

    def _coll(self, agent_id: str) -> str:
        """The collection that holds ``agent_id``'s points."""
        return f"{self.collection}__{agent_id}" if self.local else self.collection

    def _tenant(self, agent_id: str) -> list[models.Condition]:
        """The filter that keeps to one agent: none needed in its own collection."""
        return [] if self.local else [_agent(agent_id)]

    def _create(self, name: str, embedder_key: str, dim: int) -> None:
        self.client.create_collection(
            name,
            vectors_config={DENSE: models.VectorParams(size=dim, distance=models.Distance.COSINE)},
            sparse_vectors_config={SPARSE: models.SparseVectorParams(modifier=models.Modifier.IDF)},
            metadata={"embedder": embedder_key, "dim": dim},
        )

    def _agent_collections(self) -> list[str]:
        prefix = f"{self.collection}__"
        return [
            c.name for c in self.client.get_collections().collections if c.name.startswith(prefix)
        ]

    def ensure_collection(self, embedder_key: str, dim: int) -> bool:
        if self._ready_for == embedder_key:
            return False
        self._dim, self._embedder_key = dim, embedder_key
        recreated = False
        if self.client.collection_exists(self.collection):
            meta = self.client.get_collection(self.collection).config.metadata or {}
            legacy = self.local and self.client.count(self.collection, exact=True).count > 0
            if meta.get("embedder") != embedder_key or legacy:
                # another embedder's vectors (or, in local mode, every agent in one
                # collection as before): start afresh; agents re-index from the database
                self.client.delete_collection(self.collection)
                for name in self._agent_collections() if self.local else []:
                    self.client.delete_collection(name)
                recreated = True
        if not self.client.collection_exists(self.collection):
            self._create(self.collection, embedder_key, dim)
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

    def has_agent(self, agent_id: str) -> bool:
        """Whether the index holds a place for the agent (its own collection in local mode)."""
        return self.client.collection_exists(self._coll(agent_id))

    def _agent_ready(self, agent_id: str) -> str:
        name = self._coll(agent_id)
        if self.local and not self.client.collection_exists(name):
            self._create(name, self._embedder_key, self._dim)
        return name

    # ------------------------------------------------------------ points

    def upsert(self, points: list[VectorPoint], batch: int = 256) -> None:
        by_agent: dict[str, list[VectorPoint]] = {}
        for p in points:
            by_agent.setdefault(str(p.payload.get("agent_id", "")), []).append(p)
        for agent_id, mine in by_agent.items():
            name = self._agent_ready(agent_id)
            for start in range(0, len(mine), batch):
                structs = [
                    models.PointStruct(
                        id=p.id,
                        vector={
                            DENSE: p.dense.tolist(),
                            SPARSE: models.SparseVector(indices=p.sparse[0], values=p.sparse[1]),
                        },
                        payload=p.payload,
                    )
                    for p in mine[start : start + batch]
                ]
                self.client.upsert(name, structs, wait=True)

    def existing(self, agent_id: str, ids: list[str]) -> set[str]:
        out: set[str] = set()
        name = self._coll(agent_id)
        if not ids or not self.client.collection_exists(name):
            return out
        for start in range(0, len(ids), 256):
            records = self.client.retrieve(
                name, ids[start : start + 256], with_vectors=False, with_payload=False
            )
            out.update(str(rec.id) for rec in records)
        return out

    def _scoped(self, agent_id: str, generation: int) -> models.Filter:
        return models.Filter(must=[*self._tenant(agent_id), *visible_at(generation)])

    def search_dense(
        self, agent_id: str, generation: int, vector: np.ndarray, limit: int
    ) -> list[StoredHit]:
        if self.local and not self.has_agent(agent_id):
            return []
        res = self.client.query_points(
            self._coll(agent_id),
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
        if not sparse[0] or (self.local and not self.has_agent(agent_id)):
            return []
        res = self.client.query_points(
            self._coll(agent_id),
            query=models.SparseVector(indices=sparse[0], values=sparse[1]),
            using=SPARSE,
            query_filter=self._scoped(agent_id, generation),
            limit=limit,
            with_payload=True,
        )
        return [StoredHit(str(p.id), float(p.score), p.payload or {}) for p in res.points]

    def retire(self, agent_id: str, ids: list[str], last_generation: int) -> None:
        if ids and self.has_agent(agent_id):
            self.client.set_payload(
                self._coll(agent_id),
                payload={"gen_to": last_generation},
                points=models.Filter(
                    must=[*self._tenant(agent_id), models.HasIdCondition(has_id=ids)]
                ),
                wait=True,
            )

    def retain_generation(self, agent_id: str, generation: int) -> None:
        if not self.has_agent(agent_id):
            return
        name = self._coll(agent_id)
        gone = models.Filter(
            must=self._tenant(agent_id),
            should=[
                models.FieldCondition(key="gen_from", range=models.Range(gt=generation)),
                models.FieldCondition(key="gen_to", range=models.Range(lt=generation)),
            ],
        )
        self.client.delete(name, models.FilterSelector(filter=gone), wait=True)
        retired = models.Filter(
            must=[
                *self._tenant(agent_id),
                models.FieldCondition(key="gen_to", range=models.Range(gte=generation)),
            ]
        )
        self.client.delete_payload(name, keys=["gen_to"], points=retired, wait=True)

    def _delete(self, agent_id: str, must: list[models.Condition]) -> None:
        if self.has_agent(agent_id):
            self.client.delete(
                self._coll(agent_id),
                models.FilterSelector(filter=models.Filter(must=[*self._tenant(agent_id), *must])),
                wait=True,
            )

    def delete_page(self, agent_id: str, url: str) -> None:
        page = models.FieldCondition(key="page_url", match=models.MatchValue(value=url))
        self._delete(agent_id, [page])

    def delete_agent(self, agent_id: str) -> None:
        if self.local:
            if self.has_agent(agent_id):
                self.client.delete_collection(self._coll(agent_id))
            return
        self._delete(agent_id, [])

    def count(self, agent_id: str, generation: int | None = None) -> int:
        if not self.has_agent(agent_id):
            return 0
        must: list[models.Condition] = self._tenant(agent_id)
        if generation is not None:
            must.extend(visible_at(generation))
        return self.client.count(
            self._coll(agent_id), count_filter=models.Filter(must=must), exact=True
        ).count
