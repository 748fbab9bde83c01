"""The embedder interface: what the chunker and the index need from a model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    name: str  # registry name plus model, e.g. "minilm:all-MiniLM-L6-v2"
    max_tokens: int  # longest input (word pieces, no special tokens) read without truncation

    @property
    def dim(self) -> int:
        """Length of the vectors (may need one call to a remote model to learn it)."""
        ...

    def count_tokens(self, text: str) -> int:
        """Tokens the model would read for ``text`` (without special tokens)."""
        ...

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """float32 array (len(texts), dim), L2-normalised, computed in batches."""
        ...


def normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms
