"""Passage vectors stored with each chunk (acorn.index.memo): a visitor's first question embeds
the question and a few of its words, never the passages of the chunks it retrieves."""

from __future__ import annotations

import numpy as np

from acorn.answer.answerers.base import AnswerRequest
from acorn.answer.answerers.extractive import ExtractiveAnswerer
from acorn.answer.intent import detect
from acorn.answer.passages import passage_texts
from acorn.answer.similarity import Similarity
from acorn.answer.types import AgentContext
from acorn.config import AgentConfig
from acorn.index import KnowledgeBase
from acorn.index.memo import decode, encode
from acorn.store import Database, create_agent
from tests.chunk.sites import ROOT, bakery_site

from .conftest import CountingEmbedder


def test_memo_round_trips_as_unit_float16_and_refuses_damage() -> None:
    vectors = np.array([[3.0, 4.0], [0.0, 2.0]])
    memo = encode(["a", "b"], vectors)
    decoded = decode(memo)
    assert decoded is not None
    texts, matrix = decoded
    assert texts == ["a", "b"]
    assert np.allclose(matrix, [[0.6, 0.8], [0.0, 1.0]], atol=1e-3)
    assert decode({**memo, "f16": "not base64!"}) is None
    assert decode({"texts": ["a"], "dim": 2, "f16": memo["f16"]}) is None  # wrong count
    assert decode(None) is None


def test_first_question_embeds_no_passage(
    kb: KnowledgeBase, db: Database, embedder: CountingEmbedder
) -> None:
    agent = create_agent(db, ROOT)
    kb.ingest(agent.id, bakery_site())
    query = "What time do you open on Saturday?"
    hits = kb.search(agent.id, query)
    passages = {t for h in hits for t in passage_texts(h.content, h.heading_path)}
    assert passages and all(decode(h.metadata["memo"]) for h in hits)

    embedder.texts.clear()
    answerer = ExtractiveAnswerer(Similarity(embedder))  # a fresh process: an empty cache
    ctx = AgentContext(agent_id=agent.id, status="ready", config=AgentConfig(), name="Bakery")
    answer = answerer.answer(AnswerRequest(ctx=ctx, query=query, intent=detect(query), hits=hits))
    assert answer.sources
    assert query in embedder.texts
    assert not passages & set(embedder.texts), passages & set(embedder.texts)
