"""The vector store interface. Every read and delete is scoped to one agent (the tenant)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np


@dataclass(slots=True)
class VectorPoint:
    id: str  # the chunk id
    dense: np.ndarray
    sparse: tuple[list[int], list[float]]
    payload: dict[str, Any] = field(default_factory=dict)  # must hold agent_id + generations


@dataclass(slots=True)
class StoredHit:
    id: str
    score: float
    payload: dict[str, Any]


class VectorStore(Protocol):
    def ensure_collection(self, embedder_key: str, dim: int) -> bool:
        """Create the collection for this embedder; True when it had to be (re)created, in
        which case every agent's vectors are gone and must be re-indexed."""
        ...

    def upsert(self, points: list[VectorPoint]) -> None: ...

    def dense_vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """Stored dense vectors by id (to carry unchanged chunks into a new generation)."""
        ...

    def search_dense(
        self, agent_id: str, generation: int, vector: np.ndarray, limit: int
    ) -> list[StoredHit]: ...

    def search_sparse(
        self, agent_id: str, generation: int, sparse: tuple[list[int], list[float]], limit: int
    ) -> list[StoredHit]: ...

    def retain_generation(self, agent_id: str, generation: int) -> None:
        """Drop the agent's points not in ``generation``; the rest belong to it alone."""
        ...

    def delete_page(self, agent_id: str, url: str) -> None: ...

    def delete_agent(self, agent_id: str) -> None: ...

    def count(self, agent_id: str, generation: int | None = None) -> int: ...
