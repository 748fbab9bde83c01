"""The BM25 leg stems a page in its own language beside English, and leaves English as it was."""

from __future__ import annotations

from acorn.index import KnowledgeBase
from acorn.index.knowledge import site_language
from acorn.index.lexical import LexicalEncoder, snowball_language, term_index
from acorn.store import Agent, Database, create_agent
from tests.chunk.sites import ROOT, bakery_site


def test_page_language_to_snowball() -> None:
    assert snowball_language("fr-FR") == "french"
    assert snowball_language("it") == "italian"
    assert snowball_language("pl_PL") == "polish"
    assert snowball_language("en-GB") is None
    assert snowball_language("xx") is None
    assert snowball_language(None) is None


def test_english_pages_are_stemmed_as_before() -> None:
    enc = LexicalEncoder()
    text = "Our prices for 2 haircuts, opening hours and bookings"
    assert enc.tokens(text) == enc.tokens(text, "en-US")
    assert enc.tokens(text) == ["price", "2", "haircut", "open", "hour", "book"]
    assert enc.document(text) == enc.document(text, "en")


def test_french_page_meets_its_inflections_and_keeps_english_stems() -> None:
    enc = LexicalEncoder()
    doc_indices, _ = enc.document("Réservations en ligne pour les soins", "fr")
    query_indices, _ = enc.query("réservation soin", "fr")
    assert set(query_indices) <= set(doc_indices)
    # An English question's stems still match as before.
    english = {term_index(t) for t in enc.tokens("Réservations")}
    assert english <= set(doc_indices)


def test_a_second_stem_does_not_lengthen_the_page() -> None:
    enc = LexicalEncoder()
    _, fr_weights = enc.document("réservations réservations", "fr")
    _, en_weights = enc.document("réservations réservations")
    assert max(fr_weights) == max(en_weights)


def test_pages_pass_their_language_to_their_chunks(kb: KnowledgeBase, db: Database) -> None:
    site = bakery_site()
    for p in site.pages:
        p.lang = "fr-FR"
    agent = create_agent(db, ROOT)
    assert {c.metadata.get("lang") for c in kb.chunk(agent, site) if c.kind == "text"} == {"fr-FR"}
    assert site_language(site) == "fr"
    kb.ingest(agent.id, site)
    assert kb.search(agent.id, "sourdough", k=1, mode="lexical")[0].url.startswith(ROOT)
    with db.session() as s:
        stored = s.get(Agent, agent.id)
        assert stored is not None and stored.profile["lang"] == "fr"
