"""How big a chunk may be, derived from the embedder that will read it.

A chunk larger than the embedder's context is silently truncated by the model, so the bound
is the embedder's own limit (MiniLM: 256 word pieces including the heading-path prefix), or
smaller when the agent asks for it; large-context embedders are capped at a size that still
retrieves precisely.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from acorn.config import RagConfig

TokenCounter = Callable[[str], int]  # word pieces in a text, without special tokens

LARGE_CONTEXT_CAP = 512  # chunks beyond this stop being precise retrieval units


@dataclass(frozen=True, slots=True)
class ChunkBounds:
    max_tokens: int  # of Chunk.embed_text (heading prefix + content), never exceeded
    overlap_tokens: int = 24  # whole sentences carried into the next part of a long section
    min_tokens: int = 64  # sections shorter than this are merged with a sibling when it fits

    @classmethod
    def for_embedder(cls, embedder_max_tokens: int, rag: RagConfig | None = None) -> ChunkBounds:
        rag = rag or RagConfig()
        limit = min(embedder_max_tokens, LARGE_CONTEXT_CAP)
        if rag.chunk_max_tokens:
            limit = min(limit, rag.chunk_max_tokens)
        limit = max(limit, 32)
        return cls(
            max_tokens=limit,
            overlap_tokens=min(rag.chunk_overlap_tokens, limit // 4),
            min_tokens=limit // 4,
        )
