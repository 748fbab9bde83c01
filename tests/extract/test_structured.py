"""schema.org JSON-LD (with @graph and LocalBusiness subtypes) and microdata → facts, FAQs."""

from __future__ import annotations

import json

from acorn.crawl.types import FetchedPage
from acorn.extract.page import extract_page
from acorn.extract.types import ExtractedPage, Fact, FactKind

GRAPH = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebSite", "name": "Smile Studio website", "url": "https://smile.example.com/"},
        {
            "@type": ["Dentist", "MedicalBusiness"],
            "name": "Smile Studio",
            "description": "Family and cosmetic dentistry in the centre of Leeds.",
            "telephone": "0113 496 0000",
            "email": "mailto:hello@smilestudio.co.uk",
            "priceRange": "££",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "5 Park Row",
                "addressLocality": "Leeds",
                "postalCode": "LS1 5HD",
                "addressCountry": "GB",
            },
            "openingHoursSpecification": [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": ["https://schema.org/Monday", "Tuesday", "Wednesday"],
                    "opens": "08:30",
                    "closes": "17:00",
                },
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": "Saturday",
                    "opens": "09:00:00",
                    "closes": "13:00:00",
                },
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": "Sunday",
                    "opens": "10:00",
                    "closes": "12:00",
                    "validFrom": "2024-12-24",
                    "validThrough": "2024-12-24",
                },
            ],
            "contactPoint": {
                "@type": "ContactPoint",
                "telephone": "+44 113 496 0999",
                "contactType": "emergencies",
            },
            "sameAs": [
                "https://www.facebook.com/smilestudioleeds",
                "https://www.instagram.com/smilestudio/",
            ],
            "makesOffer": [
                {
                    "@type": "Offer",
                    "itemOffered": {"@type": "Service", "name": "Teeth whitening"},
                    "price": "250",
                    "priceCurrency": "GBP",
                },
            ],
        },
        {
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": "Do you take NHS patients?",
                    "acceptedAnswer": {
                        "@type": "Answer",
                        "text": "<p>No, we are a private practice.</p>",
                    },
                },
            ],
        },
        {
            "@type": "Service",
            "name": "Invisalign",
            "offers": {"@type": "Offer", "price": "2500.00", "priceCurrency": "GBP"},
        },
    ],
}


def extract(html: str, url: str = "https://smile.example.com/") -> ExtractedPage:
    return extract_page(FetchedPage(url=url, requested_url=url, status=200, html=html, depth=0))


def facts(p: ExtractedPage, kind: FactKind) -> list[Fact]:
    return [f for f in p.facts if f.kind == kind]


def test_jsonld_graph_with_subtypes() -> None:
    html = (
        "<html><head><title>Smile Studio</title>"
        f'<script type="application/ld+json">{json.dumps(GRAPH)}</script>'
        "</head><body><h1>Welcome</h1><p>Gentle dentistry.</p></body></html>"
    )
    p = extract(html)
    names = [f.value for f in facts(p, FactKind.NAME) if f.origin == "jsonld"]
    assert names == ["Smile Studio"]  # the WebSite node is not the business
    phones = {f.value["e164"]: f for f in facts(p, FactKind.PHONE)}
    # region comes from addressCountry even though the URL ends in .com
    assert set(phones) == {"+441134960000", "+441134960999"}
    assert phones["+441134960000"].origin == "jsonld"
    assert phones["+441134960000"].value["display"] == "0113 496 0000"
    assert [f.value for f in facts(p, FactKind.EMAIL)] == ["hello@smilestudio.co.uk"]
    [addr] = facts(p, FactKind.ADDRESS)
    assert addr.value["street"] == "5 Park Row" and addr.value["postal_code"] == "LS1 5HD"
    [hours] = facts(p, FactKind.OPENING_HOURS)
    assert hours.value == {
        "monday": [["08:30", "17:00"]],
        "tuesday": [["08:30", "17:00"]],
        "wednesday": [["08:30", "17:00"]],
        "saturday": [["09:00", "13:00"]],
    }  # the one-off Christmas Eve opening is not the regular week
    assert [f.value for f in facts(p, FactKind.PRICE_RANGE)] == ["££"]
    assert {f.value["network"] for f in facts(p, FactKind.SOCIAL)} == {"facebook", "instagram"}
    services = {f.value["name"]: f.value for f in facts(p, FactKind.SERVICE)}
    assert (
        services["Invisalign"]["amount"] == 2500.0 and services["Invisalign"]["currency"] == "GBP"
    )
    assert services["Teeth whitening"]["amount"] == 250.0
    assert [(q.question, q.answer, q.origin) for q in p.faqs] == [
        ("Do you take NHS patients?", "No, we are a private practice.", "jsonld")
    ]
    descriptions = [f.value for f in facts(p, FactKind.DESCRIPTION) if f.origin == "jsonld"]
    assert descriptions == ["Family and cosmetic dentistry in the centre of Leeds."]


def test_opening_hours_strings_and_restaurant_subtype() -> None:
    data = {
        "@context": "https://schema.org",
        "@type": "Restaurant",
        "name": "Luigi's",
        "openingHours": ["Mo-Fr 11:00-22:00", "Sa 12:00-23:00"],
        "telephone": "+1 616-887-2330",
        "address": "12 Main St, Grand Rapids, MI 49503",
    }
    html = f'<script type="application/ld+json">{json.dumps(data)}</script><p>Pasta.</p>'
    p = extract(html, "https://luigis.example.com/")
    [hours] = facts(p, FactKind.OPENING_HOURS)
    assert hours.value["friday"] == [["11:00", "22:00"]] and hours.value["saturday"] == [
        ["12:00", "23:00"]
    ]
    assert "sunday" not in hours.value
    assert [f.value["e164"] for f in facts(p, FactKind.PHONE)] == ["+16168872330"]
    [addr] = facts(p, FactKind.ADDRESS)
    assert addr.value["formatted"] == "12 Main St, Grand Rapids, MI 49503"
    assert addr.value["street"] == "12 Main St" and addr.value["postal_code"] == "49503"


def test_broken_jsonld_is_skipped_not_fatal() -> None:
    html = '<script type="application/ld+json">{"@type": "Church", "name": </script><p>Hello there.</p>'
    p = extract(html)
    assert not facts(p, FactKind.NAME) or all(f.origin != "jsonld" for f in facts(p, FactKind.NAME))
    assert "Hello there." in p.clean_text


def test_microdata_local_business() -> None:
    html = """<html><body><main>
    <div itemscope itemtype="https://schema.org/Church">
      <h1 itemprop="name">Grace Chapel</h1>
      <p>Telephone: <span itemprop="telephone">(616) 887-2330</span></p>
      <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
        <span itemprop="streetAddress">100 Elm Street</span>,
        <span itemprop="addressLocality">Cedar Springs</span>,
        <span itemprop="addressRegion">MI</span> <span itemprop="postalCode">49319</span>
        <meta itemprop="addressCountry" content="US">
      </div>
      <meta itemprop="openingHours" content="Su 10:00-12:00">
    </div></main></body></html>"""
    p = extract(html, "https://gracechapel.example.org/")
    assert "Grace Chapel" in [f.value for f in facts(p, FactKind.NAME) if f.origin == "microdata"]
    assert any(
        f.origin == "microdata" and f.value["e164"] == "+16168872330"
        for f in facts(p, FactKind.PHONE)
    )
    addr = next(f.value for f in facts(p, FactKind.ADDRESS) if f.origin == "microdata")
    assert addr["street"] == "100 Elm Street" and addr["postal_code"] == "49319"
    hours = next(f.value for f in facts(p, FactKind.OPENING_HOURS) if f.origin == "microdata")
    assert hours == {"sunday": [["10:00", "12:00"]]}


def test_a_recipe_does_not_name_the_business() -> None:
    data = {
        "@context": "https://schema.org",
        "@type": "Recipe",
        "name": "Sourdough loaf",
        "description": "Our recipe.",
    }
    html = f'<script type="application/ld+json">{json.dumps(data)}</script><p>Bake it.</p>'
    p = extract(html, "https://bakery.example.com/blog/recipe/")
    assert not [
        f
        for f in p.facts
        if f.origin == "jsonld" and f.kind in (FactKind.NAME, FactKind.DESCRIPTION)
    ]
