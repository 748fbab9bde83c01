"""Search hits built by hand, for answer tests that feed the answerer or the re-ranker a page
without crawling one."""

from __future__ import annotations

from acorn.index.types import SearchHit

URL = "https://bakery.example"


def search_hit(path: str, title: str, content: str = "Some text.", score: float = 1.0) -> SearchHit:
    """A chunk of the page at ``URL + path`` titled ``title``, its one heading the title."""
    return SearchHit(
        chunk_id=path,
        score=score,
        content=content,
        url=f"{URL}{path}",
        title=title,
        heading_path=[title],
        category="other",
        page_type="page",
        importance=0.5,
    )
