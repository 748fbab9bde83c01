"""Cosine similarity on top of the index's embedder, with a cache of sentence vectors.

Retrieved chunks repeat across questions, so their sentences are embedded once and reused;
only the visitor's question is new each time. Bounded so a long-running server stays flat.

The visitor's question is embedded as a query (``embed_query`` where the model has one, see
acorn.index.embedders.base) and everything it is compared with as a passage; the two are
cached apart because an asymmetric model gives the same text two different vectors.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from acorn.index.embedders.base import embed_queries


class TextEmbedder(Protocol):
    def embed(self, texts: list[str]) -> Any: ...


class Similarity:
    """Also usable *as* the embedder (same name, size and tokenizer, cached vectors), so the
    knowledge base and the answerer share one cache and a question is embedded once."""

    def __init__(self, embedder: TextEmbedder, cache_size: int = 50_000) -> None:
        self.embedder = embedder
        self.cache_size = cache_size
        self._cache: OrderedDict[tuple[bool, str], np.ndarray] = OrderedDict()
        self._asymmetric = callable(getattr(embedder, "embed_query", None))
        self._lock = threading.Lock()
        # One inference at a time: the model already uses every core per call, and concurrent
        # calls from server threads only thrash (seconds of tail latency on a small box).
        self._model_lock = threading.Lock()

    def _embed(self, texts: list[str], query: bool) -> np.ndarray:
        with self._model_lock:
            raw = embed_queries(self.embedder, texts) if query else self.embedder.embed(texts)
        return _normalise(np.asarray(raw, dtype=np.float32))

    def vectors(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        """Unit vectors for ``texts`` (rows), embedding only those not seen before; ``query``
        embeds them as search queries rather than passages."""
        query = query and self._asymmetric
        missing: list[str] = []
        with self._lock:
            for text in texts:
                if (query, text) in self._cache:
                    self._cache.move_to_end((query, text))
                elif text not in missing:
                    missing.append(text)
        if missing:
            fresh = self._embed(missing, query)
            with self._lock:
                for text, vec in zip(missing, fresh, strict=True):
                    self._cache[(query, text)] = vec
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        with self._lock:
            rows = [self._cache.get((query, t)) for t in texts]
        if any(r is None for r in rows):  # evicted between the two locks: embed again
            return self._embed(list(texts), query)
        if not rows:
            return np.zeros((0, 1), dtype=np.float32)
        return np.vstack(rows)  # type: ignore[arg-type]

    def remember(self, texts: Sequence[str], matrix: np.ndarray) -> None:
        """Take passage vectors computed elsewhere (the index stores them with each chunk,
        see acorn.index.memo) so that they are never embedded on a visitor's first ask."""
        if len(texts) != len(matrix) or (len(matrix) and matrix.shape[1] != self.dim):
            return  # written by another embedder: embed afresh instead
        with self._lock:
            for text, vec in zip(texts, matrix, strict=True):
                key = (False, text)
                if key in self._cache:
                    self._cache.move_to_end(key)
                else:
                    self._cache[key] = vec
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)

    # -- the Embedder protocol, delegated (see acorn.index.embedders.base)
    @property
    def name(self) -> str:
        return str(getattr(self.embedder, "name", "unknown"))

    @property
    def dim(self) -> int:
        return int(getattr(self.embedder, "dim", 0))

    @property
    def max_tokens(self) -> int:
        return int(getattr(self.embedder, "max_tokens", 256))

    def count_tokens(self, text: str) -> int:
        return int(self.embedder.count_tokens(text))  # type: ignore[attr-defined]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.vectors(list(texts))

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        return self.vectors(list(texts), query=True)

    def scores(self, query: str, texts: Sequence[str]) -> np.ndarray:
        """Cosine similarity of ``query`` with each text."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        q = self.vectors([query], query=True)[0]
        return self.vectors(texts) @ q


def _normalise(matrix: np.ndarray) -> np.ndarray:
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms
