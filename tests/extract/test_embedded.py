"""Content shipped as data for scripts (Next.js, Nuxt, JSON-LD menus), read without a browser."""

from __future__ import annotations

import json
from pathlib import Path

from acorn.crawl.types import FetchedPage
from acorn.extract.page import extract_page

SCRIPTED = Path(__file__).resolve().parent.parent / "fixtures" / "scripted"


def extract(html: str, url: str = "http://diner.test/menu/"):
    return extract_page(FetchedPage(url=url, requested_url=url, status=200, html=html, depth=0))


def test_next_data_tabs_become_sections_under_their_labels() -> None:
    page = extract((SCRIPTED / "nextjs" / "index.html").read_text(encoding="utf-8"))
    by_heading = {tuple(s.heading_path): s.text for s in page.sections}
    assert by_heading[("Our menu", "Lunch")] == (
        "- Smoked trout salad — new potatoes, dill and capers — $14.25\n"
        "- Kettle club sandwich — turkey, bacon, tomato and aioli — $13.00"
    )
    assert by_heading[("Our menu", "Drinks")] == (
        "- Rhubarb lemonade — $4.75\n- Cold brew coffee — $5.00"
    )
    # the server-rendered first tab is not repeated, and no id, slug or build id is read
    assert page.clean_text.count("Buttermilk pancakes") == 1
    for noise in ("k3ttl3b41ld", "kettle.3f2a1c", "b1", "menu.js"):
        assert noise not in page.clean_text


def test_nuxt_state_is_read_when_it_is_json() -> None:
    state = {
        "data": [
            {
                "team": {
                    "title": "Our team",
                    "people": [
                        {"name": "Ada Brightwater", "description": "Head baker since 2015"},
                        {"name": "Tomas Reed", "description": "Pastry and wedding cakes"},
                    ],
                }
            }
        ]
    }
    html = (
        "<html><body><div id='__nuxt'><h1>About</h1><p>We bake every morning.</p>"
        "<h2>Our team</h2><h3>Ada Brightwater</h3><p>Head baker since 2015</p></div>"
        f"<script>window.__NUXT__={json.dumps(state)};</script></body></html>"
    )
    page = extract(html)
    team = [s for s in page.sections if s.heading_path == ["Our team"]]
    assert [s.text for s in team] == ["- Tomas Reed — Pastry and wedding cakes"]


def test_framework_state_the_page_does_not_show_is_not_read() -> None:
    """An article's state also holds its related stories: not what this page shows."""
    state = {
        "props": {
            "pageProps": {
                "article": {
                    "title": "Harbour swim returns",
                    "body": ["The harbour swim is back on Sunday morning."],
                },
                "related": [
                    {
                        "title": "Lifeboat open day",
                        "description": "Tours of the station all day long",
                    }
                ],
            }
        }
    }
    html = (
        "<html><body><h1>Harbour swim returns</h1><p>The harbour swim is back on Sunday morning.</p>"
        f"<script id='__NEXT_DATA__' type='application/json'>{json.dumps(state)}</script>"
        "</body></html>"
    )
    assert "Lifeboat" not in extract(html).clean_text


def test_nuxt_state_as_a_function_is_left_to_the_browser() -> None:
    html = (
        "<html><body><h1>About</h1><p>We bake every morning.</p>"
        "<script>window.__NUXT__=(function(a){return {x:a}}('Secret'));</script></body></html>"
    )
    assert "Secret" not in extract(html).clean_text


def test_jsonld_menu_sections_and_offer_catalogue() -> None:
    menu = {
        "@context": "https://schema.org",
        "@type": "Restaurant",
        "name": "The Copper Kettle Diner",
        "hasMenu": {
            "@type": "Menu",
            "name": "Dinner",
            "hasMenuSection": [
                {
                    "@type": "MenuSection",
                    "name": "Mains",
                    "hasMenuItem": [
                        {
                            "@type": "MenuItem",
                            "name": "Braised short rib",
                            "offers": {"@type": "Offer", "price": "24", "priceCurrency": "USD"},
                        }
                    ],
                }
            ],
        },
        "hasOfferCatalog": {
            "@type": "OfferCatalog",
            "name": "Catering",
            "itemListElement": [
                {"@type": "Offer", "itemOffered": {"name": "Office breakfast box"}, "price": "85"}
            ],
        },
    }
    html = (
        "<html><body><h1>Dinner</h1><p>Served from five until late, every day.</p>"
        f'<script type="application/ld+json">{json.dumps(menu)}</script></body></html>'
    )
    by_heading = {tuple(s.heading_path): s.text for s in extract(html).sections}
    assert by_heading[("Dinner", "Mains")] == "- Braised short rib — 24 USD"
    assert by_heading[("Catering",)] == "- Office breakfast box — 85"
