"""FAQ pairs from every kind of markup a small site writes them in, and never from text a
visitor cannot open."""

from __future__ import annotations

import json

from acorn.crawl.types import FetchedPage
from acorn.extract.page import extract_page

URL = "http://127.0.0.1:8801/faq/"


def pairs(body: str, head: str = "") -> list[tuple[str, str]]:
    html = f"<html><head><title>FAQ</title>{head}</head><body><main>{body}</main></body></html>"
    page = extract_page(FetchedPage(url=URL, requested_url=URL, status=200, html=html, depth=1))
    assert all(f.source_url == URL for f in page.faqs)
    return sorted((f.question, f.answer) for f in page.faqs)


def test_details_summary_even_when_closed() -> None:
    assert pairs(
        "<details><summary>Can I bring my dog?</summary><p>Dogs are welcome.</p></details>"
    ) == [("Can I bring my dog?", "Dogs are welcome.")]


def test_definition_list() -> None:
    assert pairs(
        "<dl><dt>Is there parking?</dt><dd>Yes, free parking behind the shop.</dd>"
        "<dt>Opening</dt><dd>Daily.</dd></dl>"
    ) == [("Is there parking?", "Yes, free parking behind the shop.")]


def test_question_heading_and_its_paragraphs() -> None:
    assert pairs(
        "<h1>Questions</h1><h2>Do you cater for allergies?</h2>"
        "<p>Yes, tell us when you book.</p><p>Our kitchen handles nuts.</p>"
    ) == [("Do you cater for allergies?", "Yes, tell us when you book.\nOur kitchen handles nuts.")]


def test_accordion_buttons_label_their_panels() -> None:
    got = pairs(
        '<div class="accordion">'
        '<button aria-expanded="false" aria-controls="a1">Do you take cards?</button>'
        '<div id="a1" hidden>Yes, all major cards.</div>'
        '<h3><button aria-expanded="false">Do you deliver?</button></h3>'
        '<div style="display:none">Within five miles, free over £30.</div>'
        '<div class="faq-item"><button>Can I book online?</button><div>Yes, on our '
        "booking page.</div></div></div>"
        '<form><button type="submit">Submit</button></form><button aria-expanded="false">Menu'
        "</button><div hidden>Home About Contact</div>"
    )
    assert got == [
        ("Can I book online?", "Yes, on our booking page."),
        ("Do you deliver?", "Within five miles, free over £30."),
        ("Do you take cards?", "Yes, all major cards."),
    ]


def test_faqpage_jsonld() -> None:
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": "Do you offer gift vouchers?",
                "acceptedAnswer": {"@type": "Answer", "text": "Yes, in any amount."},
            }
        ],
    }
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    assert pairs("<p>Welcome.</p>", head) == [
        ("Do you offer gift vouchers?", "Yes, in any amount.")
    ]


def test_comments_templates_and_hidden_text_are_never_read() -> None:
    assert (
        pairs(
            "<p>Welcome to our shop, open daily.</p>"
            "<!-- <details><summary>Do you open at night?</summary>Yes.</details> -->"
            "<template><details><summary>Do you sell gifts?</summary>Soon.</details></template>"
            '<div style="display:none"><details><summary>Is it free?</summary>No.</details>'
            "</div><div hidden><dl><dt>Are you hiring?</dt><dd>Not now.</dd></dl></div>"
        )
        == []
    )
