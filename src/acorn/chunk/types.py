"""A chunk: the unit of retrieval, carrying its context so it can be understood alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Category(StrEnum):
    FAQ = "faq"
    PRICING = "pricing"
    SERVICE = "service"
    CONTACT = "contact"
    HOURS = "hours"
    ABOUT = "about"
    POLICY = "policy"
    TEAM = "team"
    OTHER = "other"


@dataclass(slots=True)
class Chunk:
    """``chunk_id`` doubles as the vector id (a UUID string, stable for the same agent, url
    and content so unchanged pages keep their vectors)."""

    chunk_id: str
    page_url: str
    page_title: str
    page_type: str
    heading_path: list[str]
    content: str  # the text shown/quoted to the visitor
    token_count: int
    category: Category = Category.OTHER
    importance: float = 0.5  # 0..1
    kind: str = "text"  # text | fact | faq
    facts: list[dict[str, Any]] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def embed_text(self) -> str:
        """What the embedder sees: the heading path as context, then the content."""
        context = " > ".join(h for h in [self.page_title, *self.heading_path] if h)
        return f"{context}\n{self.content}" if context else self.content
