"""chunk stage: section-aware chunks sized by the embedder's own tokenizer."""

from acorn.chunk.bounds import ChunkBounds, TokenCounter
from acorn.chunk.chunker import Chunker, chunk_id_for, chunk_site
from acorn.chunk.types import Category, Chunk

__all__ = [
    "Category",
    "Chunk",
    "ChunkBounds",
    "Chunker",
    "TokenCounter",
    "chunk_id_for",
    "chunk_site",
]
