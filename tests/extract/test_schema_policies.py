"""Policies a page declares only in schema.org (payment, service languages, pets, smoking)."""

from __future__ import annotations

import json

from acorn.crawl.types import FetchedPage
from acorn.extract.page import extract_page
from acorn.extract.schema_policies import policies_from_nodes


def test_declared_policies_are_read_with_their_labels() -> None:
    data = [
        {
            "@type": "HealthClub",
            "name": "Studio Nord",
            "paymentAccepted": "Cash, Credit Card",
            "petsAllowed": False,
            "contactPoint": {
                "@type": "ContactPoint",
                "availableLanguage": ["English", {"@type": "Language", "name": "Greek"}],
            },
        }
    ]
    got = {(p.kind, p.label, p.text) for p in policies_from_nodes(data, "https://s.example/")}
    assert got == {
        ("payment", "Payment accepted", "Cash, Credit Card"),
        ("pets", "Pets allowed", "no"),
        ("languages", "Languages spoken", "English, Greek"),
    }


def test_a_page_keeps_them_beside_its_labelled_policies() -> None:
    node = {"@context": "https://schema.org", "@type": "LocalBusiness", "name": "Studio Nord",
            "availableLanguage": ["English", "Greek"]}  # fmt: skip
    html = (
        f"<html><head><script type='application/ld+json'>{json.dumps(node)}</script></head>"
        "<body><main><h1>Visit</h1><p>Classes every day.</p>"
        "<h2>Parking</h2><p>Free parking behind the studio.</p></main></body></html>"
    )
    url = "https://s.example/contact/"
    page = extract_page(FetchedPage(url=url, requested_url=url, status=200, html=html, depth=1))
    kinds = {p.kind: p.text for p in page.policies}
    assert kinds["languages"] == "English, Greek"
    assert kinds["parking"].startswith("Free parking")
    assert not policies_from_nodes([{"@type": "WebPage", "name": "Visit"}], url)
