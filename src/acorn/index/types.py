"""What a search returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class SearchHit:
    chunk_id: str
    score: float  # fused score, higher is better (comparable within one query only)
    content: str
    url: str
    title: str
    heading_path: list[str]
    category: str
    page_type: str
    importance: float
    kind: str = "text"  # text | fact | faq
    dense_score: float | None = None  # cosine similarity, when the dense leg found it
    lexical_score: float | None = None  # BM25 score, when the lexical leg found it
    metadata: dict[str, Any] = field(default_factory=dict)
