from __future__ import annotations

import pytest

from acorn.chunk import ChunkBounds, TokenCounter
from acorn.index.embedders.minilm import MiniLMEmbedder


@pytest.fixture(scope="session")
def counter() -> TokenCounter:
    """MiniLM's real tokenizer (loads in milliseconds; the model is not needed)."""
    return MiniLMEmbedder().count_tokens


@pytest.fixture(scope="session")
def bounds() -> ChunkBounds:
    return ChunkBounds.for_embedder(MiniLMEmbedder().max_tokens)
