"""A site's own FAQ pairs (here an accordion whose question is a ``<button>``) are crawled,
indexed and answered through the whole answer pipeline, citing the page they are on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from acorn.answer.service import AnswerService
from acorn.config import Settings
from acorn.crawl.types import FetchedPage
from acorn.extract.page import extract_page
from acorn.extract.site import assemble_site
from acorn.index import KnowledgeBase
from acorn.index.stores.qdrant import close_local_clients
from acorn.ingest import index_site
from acorn.store import Database

ROOT = "http://127.0.0.1:8801/"
HOME = """<html lang="en-GB"><head><title>Fernleaf Tea Rooms</title></head><body><main>
<h1>Fernleaf Tea Rooms</h1><p>Loose-leaf teas, scones and light lunches by the river.</p>
<p>Call us on 01632 960123.</p></main></body></html>"""
FAQ = """<html lang="en-GB"><head><title>FAQ – Fernleaf Tea Rooms</title></head><body><main>
<h1>Frequently asked questions</h1>
<div class="accordion">
  <div class="accordion-item">
    <button class="accordion-button" aria-expanded="false" aria-controls="q1">
      Do you take cards?</button>
    <div id="q1" class="accordion-collapse" hidden>Yes, we take all major credit and debit
      cards, and contactless.</div>
  </div>
  <div class="accordion-item">
    <button class="accordion-button" aria-expanded="false" aria-controls="q2">
      Can I bring my dog?</button>
    <div id="q2" class="accordion-collapse" hidden>Dogs are welcome in the garden room.</div>
  </div>
</div>
<button type="submit">Submit</button>
<!-- <details><summary>Do you open on bank holidays?</summary>Never.</details> -->
<template><details><summary>Do you sell gift cards?</summary>Soon.</details></template>
</main></body></html>"""


def _page(url: str, html: str, depth: int) -> FetchedPage:
    return FetchedPage(url=url, requested_url=url, status=200, html=html, depth=depth)


@pytest.fixture
def service(settings: Settings) -> Iterator[tuple[AnswerService, str]]:
    pages = [extract_page(_page(ROOT, HOME, 0)), extract_page(_page(ROOT + "faq/", FAQ, 1))]
    site = assemble_site(ROOT, pages)
    db = Database(settings).ensure_ready()
    kb = KnowledgeBase(settings, db)
    agent_id = index_site(kb, site).agent_id
    yield AnswerService(settings, db, kb), agent_id
    close_local_clients(settings.qdrant_path)
    db.dispose()


def test_crawled_faqs_are_the_visible_pairs_only() -> None:
    page = extract_page(_page(ROOT + "faq/", FAQ, 1))
    assert [(f.question, f.answer) for f in page.faqs] == [
        ("Do you take cards?", "Yes, we take all major credit and debit cards, and contactless."),
        ("Can I bring my dog?", "Dogs are welcome in the garden room."),
    ]
    assert "Submit" not in page.clean_text and "bank holidays" not in page.clean_text
    assert "Do you take cards?" in page.clean_text  # the button's question is content


def test_accordion_faq_answered_with_the_sites_answer(service) -> None:  # type: ignore[no-untyped-def]
    answers, agent_id = service
    a = answers.answer(agent_id, "Do you take credit cards?", record=False)
    assert a.answered
    assert a.text == "Yes, we take all major credit and debit cards, and contactless."
    assert a.sources[0].url == ROOT + "faq/"


def test_crawled_faq_pair_is_matched_on_the_fast_path(service) -> None:  # type: ignore[no-untyped-def]
    # matched like an owner-approved FAQ (rag.faq_match_threshold), cited by its page
    answers, agent_id = service
    a = answers.answer(agent_id, "do you take cards", record=False)
    assert a.path == "faq" and a.answered
    assert a.text == "Yes, we take all major credit and debit cards, and contactless."
    assert a.sources[0].url == ROOT + "faq/" and a.sources[0].chunk_id.startswith("faq:site")


def test_unrelated_question_is_not_taken_for_a_faq(service) -> None:  # type: ignore[no-untyped-def]
    answers, agent_id = service
    a = answers.answer(agent_id, "What is your phone number?", record=False)
    assert a.path != "faq"
