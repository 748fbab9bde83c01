"""index stage: embeddings, the hybrid (dense + BM25) vector index, and the knowledge base."""

from acorn.index.knowledge import IngestReport, KnowledgeBase
from acorn.index.types import SearchHit

__all__ = ["IngestReport", "KnowledgeBase", "SearchHit"]
