"""Any OpenAI-compatible ``/embeddings`` endpoint (OpenAI, Azure-style gateways, vLLM, Ollama,
LM Studio...), over plain httpx: base URL, key and model come from settings."""

from __future__ import annotations

from collections.abc import Sequence

import httpx
import numpy as np

from acorn.config import Settings
from acorn.errors import ConfigurationError
from acorn.index.embedders.base import normalise

# Known context sizes; unknown models get a conservative default.
CONTEXT = {"text-embedding-3-small": 8191, "text-embedding-3-large": 8191}


class OpenAIEmbedder:
    def __init__(self, settings: Settings, *, batch_size: int = 64) -> None:
        if not settings.embed_base_url:
            raise ConfigurationError(
                "the openai embedder needs an endpoint",
                hint="set ACORN_EMBED_BASE_URL (e.g. https://api.openai.com/v1) and ACORN_EMBED_API_KEY",
            )
        self.base_url = settings.embed_base_url.rstrip("/")
        self.model = settings.embed_model
        self.name = f"openai:{self.model}"
        self.max_tokens = CONTEXT.get(self.model, 512)
        self.batch_size = batch_size
        headers = (
            {"Authorization": f"Bearer {settings.embed_api_key}"} if settings.embed_api_key else {}
        )
        self._client = httpx.Client(headers=headers, timeout=60.0)
        self._dim: int | None = None

    @property
    def dim(self) -> int:
        if self._dim is None:
            self._dim = int(self.embed(["dimension probe"]).shape[1])
        return self._dim

    def count_tokens(self, text: str) -> int:
        """No tokenizer offline: an over-estimate (≈ 3 characters per token) keeps chunks safe."""
        return max(1, (len(text) + 2) // 3)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        rows: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            batch = list(texts[start : start + self.batch_size])
            try:
                resp = self._client.post(
                    f"{self.base_url}/embeddings", json={"model": self.model, "input": batch}
                )
                resp.raise_for_status()
            except httpx.HTTPError as exc:
                raise ConfigurationError(
                    f"embedding request to {self.base_url} failed: {exc}",
                    hint="check ACORN_EMBED_BASE_URL, ACORN_EMBED_API_KEY and ACORN_EMBED_MODEL",
                ) from exc
            data = sorted(resp.json()["data"], key=lambda item: item["index"])
            rows.extend(item["embedding"] for item in data)
        if not rows:
            return np.zeros((0, self._dim or 0), dtype=np.float32)
        vectors = normalise(np.asarray(rows, dtype=np.float32))
        self._dim = vectors.shape[1]
        return vectors
