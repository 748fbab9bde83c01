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
    payload: dict[str, Any] = field(default_factory=dict)  # must hold agent_id + gen_from


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

    def existing(self, agent_id: str, ids: list[str]) -> set[str]:
        """Which of these ids of the agent's have a stored point."""
        ...

    def has_agent(self, agent_id: str) -> bool:
        """Whether the index holds a place for the agent (False after a lost or reset index)."""
        ...

    def search_dense(
        self, agent_id: str, generation: int, vector: np.ndarray, limit: int
    ) -> list[StoredHit]: ...

    def search_sparse(
        self, agent_id: str, generation: int, sparse: tuple[list[int], list[float]], limit: int
    ) -> list[StoredHit]: ...

    def retire(self, agent_id: str, ids: list[str], last_generation: int) -> None:
        """Mark points as ending at ``last_generation`` (gone from the next one)."""
        ...

    def retain_generation(self, agent_id: str, generation: int) -> None:
        """Keep exactly what ``generation`` sees: drop points retired before it or added
        after it, and reopen points retired at it (an abandoned newer generation)."""
        ...

    def delete_page(self, agent_id: str, url: str) -> None: ...

    def delete_agent(self, agent_id: str) -> None: ...

    def count(self, agent_id: str, generation: int | None = None) -> int: ...
