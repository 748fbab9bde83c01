"""``acorn search`` and ``acorn reindex`` against an agent indexed in this process."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from acorn.config import Settings
from acorn.index import KnowledgeBase
from acorn.store import Database, create_agent
from tests.chunk.sites import ROOT, bakery_site


@pytest.fixture
def indexed(
    backend: Settings, monkeypatch: pytest.MonkeyPatch, kb: KnowledgeBase, db: Database
) -> str:
    monkeypatch.setenv("ACORN_DATA_DIR", str(backend.data_dir))
    if backend.database_url:
        monkeypatch.setenv("ACORN_DATABASE_URL", backend.database_url)
    else:
        monkeypatch.delenv("ACORN_DATABASE_URL", raising=False)
    monkeypatch.delenv("ACORN_EMBEDDER", raising=False)
    agent = create_agent(db, ROOT, "Crumb & Co")
    kb.ingest(agent.id, bakery_site())
    return agent.id


def test_search_prints_ranked_chunks(indexed: str) -> None:
    from acorn.cli import app

    result = CliRunner().invoke(app, ["search", indexed, "What is your phone number?", "-k", "3"])
    assert result.exit_code == 0, result.output
    assert "01983" in result.output and "contact" in result.output
    lexical = CliRunner().invoke(app, ["search", indexed, "sourdough", "--mode", "lexical"])
    assert lexical.exit_code == 0 and "sourdough" in lexical.output.lower()


def test_search_unknown_agent_is_a_clear_error(indexed: str) -> None:
    from acorn.cli import app
    from acorn.errors import NotFound

    result = CliRunner().invoke(app, ["search", "nope", "hours"])
    assert isinstance(result.exception, NotFound)


def test_reindex_rebuilds_vectors(indexed: str, kb: KnowledgeBase) -> None:
    from acorn.cli import app

    count = kb.store.count(indexed)
    kb.store.delete_agent(indexed)
    result = CliRunner().invoke(app, ["reindex", indexed])
    assert result.exit_code == 0, result.output
    assert f"re-indexed {count} chunks" in result.output
    assert kb.store.count(indexed) == count
