"""Passage vectors computed when a chunk is written, so a visitor's first question embeds
only itself.

The extractive answerer compares the question with every candidate passage of the chunks it
retrieved (``acorn.answer.passages``). Embedding those on the first ask of each question cost
most of its latency (p95 810 ms with MiniLM, measured in issue 10). The index embeds the same
texts once, at ingest, and keeps them in the chunk's payload beside its content: they are
written, carried over and retired with the chunk, so no second store has to be kept in step,
and a hit brings its passages' vectors with it. Unit vectors are stored as float16 (half the
bytes; cosine scores move by ~1e-3).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import numpy as np

PassageTexts = Callable[[str, list[str]], list[str]]  # (content, heading_path) -> texts


def default_passage_texts() -> PassageTexts:
    """The extractive answerer's own split. Imported late: the index must not need the answer
    stage to load, only to know what it will compare."""
    from acorn.answer.passages import passage_texts

    return passage_texts


def unit(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def encode(texts: list[str], vectors: np.ndarray) -> dict[str, Any]:
    """Payload form: the texts and their unit vectors (float16, base64)."""
    data = unit(vectors).astype(np.float16)
    return {
        "texts": texts,
        "dim": int(data.shape[1]),
        "f16": base64.b64encode(data.tobytes()).decode(),
    }


def decode(memo: Any) -> tuple[list[str], np.ndarray] | None:
    """(texts, float32 unit vectors), or None when the payload holds none or is damaged."""
    if not isinstance(memo, dict):
        return None
    try:
        texts = list(memo["texts"])
        raw = np.frombuffer(base64.b64decode(memo["f16"]), dtype=np.float16)
        matrix = raw.reshape(len(texts), int(memo["dim"])).astype(np.float32)
    except (KeyError, ValueError, TypeError):
        return None
    return texts, matrix
