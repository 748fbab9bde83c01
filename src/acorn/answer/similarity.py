"""Cosine similarity on top of the index's embedder, with a cache of sentence vectors.

Retrieved chunks repeat across questions, so their sentences are embedded once and reused;
only the visitor's question is new each time. Bounded so a long-running server stays flat.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np


class TextEmbedder(Protocol):
    def embed(self, texts: list[str]) -> Any: ...


class Similarity:
    """Also usable *as* the embedder (same name, size and tokenizer, cached vectors), so the
    knowledge base and the answerer share one cache and a question is embedded once."""

    def __init__(self, embedder: TextEmbedder, cache_size: int = 50_000) -> None:
        self.embedder = embedder
        self.cache_size = cache_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        # One inference at a time: the model already uses every core per call, and concurrent
        # calls from server threads only thrash (seconds of tail latency on a small box).
        self._model_lock = threading.Lock()

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors for ``texts`` (rows), embedding only those not seen before."""
        missing: list[str] = []
        with self._lock:
            for text in texts:
                if text in self._cache:
                    self._cache.move_to_end(text)
                elif text not in missing:
                    missing.append(text)
        if missing:
            with self._model_lock:
                fresh = _normalise(np.asarray(self.embedder.embed(missing), dtype=np.float32))
            with self._lock:
                for text, vec in zip(missing, fresh, strict=True):
                    self._cache[text] = vec
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        with self._lock:
            rows = [self._cache.get(t) for t in texts]
        if any(r is None for r in rows):  # evicted between the two locks: embed again
            with self._model_lock:
                again = self.embedder.embed(list(texts))
            return _normalise(np.asarray(again, dtype=np.float32))
        if not rows:
            return np.zeros((0, 1), dtype=np.float32)
        return np.vstack(rows)  # type: ignore[arg-type]

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

    def scores(self, query: str, texts: Sequence[str]) -> np.ndarray:
        """Cosine similarity of ``query`` with each text."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        q = self.vectors([query])[0]
        return self.vectors(texts) @ q


def _normalise(matrix: np.ndarray) -> np.ndarray:
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms
