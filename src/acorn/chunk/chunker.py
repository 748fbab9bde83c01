"""Section-aware chunking of a crawled site.

Chunks follow the page's own structure: one section (a run of text under one heading path)
becomes one chunk when it fits, short sibling sections are merged so a chunk is never a lone
heading with one line, and long sections are split at paragraphs, then lines, then sentences
with a small overlap. Every bound is measured in the embedder's own tokens on the text the
embedder actually reads (heading context + content), so nothing is truncated when embedding.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from acorn.chunk.bounds import ChunkBounds, TokenCounter
from acorn.chunk.facts import fact_texts
from acorn.chunk.scoring import categorize, importance
from acorn.chunk.split import SectionSplitter
from acorn.chunk.types import Category, Chunk
from acorn.sitedata import PageOut, SiteData

NAMESPACE = uuid.UUID("6f1d3c52-4a0b-4c59-9d51-6a4f1c0e7a11")
FACT_CATEGORY = {
    "Phone": Category.CONTACT,
    "Email": Category.CONTACT,
    "Address": Category.CONTACT,
    "Opening hours": Category.HOURS,
    "Prices": Category.PRICING,
    "Services": Category.SERVICE,
    "About": Category.ABOUT,
    "FAQ": Category.FAQ,
    "Team": Category.TEAM,
}


def chunk_id_for(agent_id: str, url: str, text: str) -> str:
    """Deterministic: the same agent, page and text always give the same id (and vector).
    ``text`` is what gets embedded (heading context + content), so a renamed heading is a new
    chunk while an unchanged one keeps its vector across re-crawls."""
    return str(uuid.uuid5(NAMESPACE, f"{agent_id}\n{url}\n{text}"))


@dataclass(slots=True)
class _Piece:
    path: list[str]
    level: int
    blocks: list[tuple[list[str], str]] = field(default_factory=list)
    whole: bool = True  # False for parts of a split section: never merged again
    tokens: int = 0

    def render(self) -> str:
        out = []
        for path, text in self.blocks:
            rel = path[len(self.path) :]
            out.append(" > ".join(rel) + "\n" + text if rel else text)
        return "\n\n".join(out)


def _common(a: list[str], b: list[str]) -> list[str]:
    out = []
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        out.append(x)
    return out


class Chunker:
    def __init__(self, counter: TokenCounter, bounds: ChunkBounds, agent_id: str = "") -> None:
        self.count = counter
        self.bounds = bounds
        self.agent_id = agent_id
        self.splitter = SectionSplitter(counter)

    # ------------------------------------------------------------ pieces of one page

    def _budget(self, title: str, path: list[str]) -> tuple[list[str], int]:
        """Tokens left for content under this heading context (trimming a very long path)."""
        while True:
            context = " > ".join(h for h in [title, *path] if h)
            budget = self.bounds.max_tokens - (self.count(context + "\n") if context else 0)
            if budget >= self.bounds.max_tokens // 2 or not path:
                return path, max(budget, 8)
            path = path[1:]

    def _pieces(self, page: PageOut) -> list[_Piece]:
        sections = [_with_text(s.heading_path, s.level, s.text) for s in page.sections]
        sections = [s for s in sections if s[2].strip()]
        if not sections and page.clean_text.strip():
            sections = [([], 0, page.clean_text)]
        pieces: list[_Piece] = []
        for path, level, text in sections:
            path, budget = self._budget(page.title, list(path))
            text = text.strip()
            tokens = self.count(text)
            if tokens <= budget:
                pieces.append(_Piece(path, level, [(path, text)], True, tokens))
                continue
            overlap = self.bounds.overlap_tokens
            for part in self.splitter.pack(text, budget, overlap):
                pieces.append(_Piece(path, level, [(path, part)], False, self.count(part)))
        return self._merge(page.title, pieces)

    def _merge(self, title: str, pieces: list[_Piece]) -> list[_Piece]:
        merged: list[_Piece] = []
        for piece in pieces:
            prev = merged[-1] if merged else None
            if (
                prev is not None
                and prev.whole
                and piece.whole
                and min(prev.tokens, piece.tokens) < self.bounds.min_tokens
            ):
                common = _common(prev.path, piece.path)
                # siblings or parent/child under one heading (or the untitled intro); two
                # unrelated top-level sections stay apart
                related = len(common) >= max(len(prev.path), len(piece.path)) - 1
                if related and (common or not prev.path or not piece.path):
                    candidate = _Piece(
                        common, min(prev.level, piece.level), [*prev.blocks, *piece.blocks]
                    )
                    candidate.tokens = self.count(candidate.render())
                    _, budget = self._budget(title, common)
                    if candidate.tokens <= budget:
                        merged[-1] = candidate
                        continue
            merged.append(piece)
        return merged

    # ------------------------------------------------------------ chunks

    def _make(
        self,
        page_url: str,
        title: str,
        page_type: str,
        path: list[str],
        content: str,
        *,
        level: int,
        depth: int,
        kind: str = "text",
        category: Category | None = None,
        facts: list[dict[str, Any]] | None = None,
    ) -> list[Chunk]:
        chunk = Chunk(
            chunk_id="",
            page_url=page_url,
            page_title=title,
            page_type=page_type,
            heading_path=path,
            content=content,
            token_count=0,
            category=category or categorize(path, content, page_type),
            importance=importance(content, level, page_type, kind, depth),
            kind=kind,
            facts=facts or [],
            metadata={"level": level, "depth": depth},
        )
        chunk.chunk_id = chunk_id_for(self.agent_id, page_url, f"{kind}\n{chunk.embed_text}")
        chunk.token_count = self.count(chunk.embed_text)
        if chunk.token_count <= self.bounds.max_tokens:
            return [chunk]
        # Token counts are not exactly additive across joins: re-split with a safety margin.
        _, budget = self._budget(title, path)
        out: list[Chunk] = []
        for part in self.splitter.pack(content, max(budget - 8, 8), self.bounds.overlap_tokens):
            out.extend(
                self._make(
                    page_url, title, page_type, path, part, level=level, depth=depth,
                    kind=kind, category=category, facts=facts,
                )
            )  # fmt: skip
        return out

    def chunk_page(self, page: PageOut) -> list[Chunk]:
        out: list[Chunk] = []
        for piece in self._pieces(page):
            content = piece.render()
            found = [f for f in page.facts if _fact_in(f, content)]
            out.extend(
                self._make(
                    page.url, page.title, page.type, piece.path, content,
                    level=piece.level, depth=page.depth, facts=found,
                )
            )  # fmt: skip
        return out

    def chunk_site(self, site: SiteData) -> list[Chunk]:
        chunks: list[Chunk] = []
        pages = {p.url: p for p in site.pages}
        for page in site.pages:
            if not page.noindex:
                chunks.extend(self.chunk_page(page))
        for fact in fact_texts(site):
            src = pages.get(fact.url)
            title = src.title if src else (site.name or "")
            chunks.extend(
                self._make(
                    fact.url, title, src.type if src else "other", [fact.heading], fact.text,
                    level=1, depth=src.depth if src else 0, kind=fact.kind,
                    category=Category(fact.category) if fact.category
                    else FACT_CATEGORY.get(fact.heading),
                    facts=fact.facts,
                )
            )  # fmt: skip
        seen: set[str] = set()
        unique = []
        for chunk in chunks:  # repeated blocks on one page would collide on id
            if chunk.chunk_id not in seen:
                seen.add(chunk.chunk_id)
                unique.append(chunk)
        return unique


def _leaves(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _leaves(v)]
    if isinstance(value, list):
        return [s for v in value for s in _leaves(v)]
    return [str(value)] if isinstance(value, str | int | float) and len(str(value)) >= 4 else []


def _fact_in(fact: dict[str, Any], content: str) -> bool:
    leaves = _leaves(fact.get("value"))
    return any(leaf in content for leaf in leaves)


def chunk_site(
    site: SiteData, counter: TokenCounter, bounds: ChunkBounds, *, agent_id: str = ""
) -> list[Chunk]:
    """All chunks of a site: page sections, then facts and FAQs as their own small chunks."""
    return Chunker(counter, bounds, agent_id).chunk_site(site)


MAX_LEAF_HEADING_CHARS = 150


def _with_text(path: list[str], level: int, text: str) -> tuple[list[str], int, str]:
    """A section with no text of its own is a leaf heading ("Family room" above a photo):
    its heading is the content, so it becomes a line under its parent heading."""
    if text.strip() or not path or len(path[-1]) > MAX_LEAF_HEADING_CHARS:
        return path, level, text
    return path[:-1], max(level - 1, 0), path[-1]
