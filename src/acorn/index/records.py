"""Conversions between pipeline chunks, database rows, vector payloads and search hits.

The payload repeats what a search hit shows, so a search needs no database round trip;
the database row stays the source of truth the payload is rebuilt from."""

from __future__ import annotations

from typing import Any

from acorn.chunk.types import Category, Chunk
from acorn.index.types import SearchHit
from acorn.store import models


def chunk_row(agent_id: str, generation: int, chunk: Chunk) -> models.Chunk:
    return models.Chunk(
        chunk_id=chunk.chunk_id,
        agent_id=agent_id,
        generation=generation,
        page_url=chunk.page_url,
        content=chunk.content,
        token_count=chunk.token_count,
        metadata_={
            **chunk.metadata,
            "page_title": chunk.page_title,
            "page_type": chunk.page_type,
            "heading_path": chunk.heading_path,
            "facts": chunk.facts,
        },
        importance_score=chunk.importance,
        category=str(chunk.category),
        kind=chunk.kind,
    )


def chunk_from_row(row: models.Chunk) -> Chunk:
    meta = dict(row.metadata_ or {})
    return Chunk(
        chunk_id=row.chunk_id,
        page_url=row.page_url,
        page_title=meta.pop("page_title", ""),
        page_type=meta.pop("page_type", "other"),
        heading_path=list(meta.pop("heading_path", [])),
        content=row.content,
        token_count=row.token_count,
        category=_category(row.category),
        importance=row.importance_score,
        kind=row.kind,
        facts=list(meta.pop("facts", [])),
        metadata=meta,
    )


def payload(agent_id: str, generation: int, chunk: Chunk) -> dict[str, Any]:
    return {
        "agent_id": agent_id,
        "gen_from": generation,
        "page_url": chunk.page_url,
        "title": chunk.page_title,
        "page_type": chunk.page_type,
        "heading_path": chunk.heading_path,
        "content": chunk.content,
        "category": str(chunk.category),
        "importance": chunk.importance,
        "kind": chunk.kind,
        "facts": chunk.facts,
    }


def hit_from_payload(chunk_id: str, score: float, data: dict[str, Any]) -> SearchHit:
    return SearchHit(
        chunk_id=chunk_id,
        score=score,
        content=data.get("content", ""),
        url=data.get("page_url", ""),
        title=data.get("title", ""),
        heading_path=list(data.get("heading_path", [])),
        category=data.get("category", "other"),
        page_type=data.get("page_type", "other"),
        importance=float(data.get("importance", 0.5)),
        kind=data.get("kind", "text"),
        metadata={"facts": data.get("facts", []), "memo": data.get("memo")},
    )


def _category(value: str) -> Category:
    try:
        return Category(value)
    except ValueError:
        return Category.OTHER
