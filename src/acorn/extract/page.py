"""``extract_page``: one fetched page → sections, facts and FAQs.

Runs in a process pool, so it is pure (no settings, no I/O) and takes and returns picklable
dataclasses. The HTML is parsed once; structured data, the whole-page text (for facts) and
the main content (for sections) are all read from that one tree. A page that cannot be read
yields an empty ``ExtractedPage`` rather than an exception: one bad page must not stop a crawl.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from lxml import html

from acorn.crawl.types import FetchedPage
from acorn.extract.content import main_blocks, own_blocks
from acorn.extract.dom import blocks, blocks_text, meta_content, page_lang, page_title, parse_html
from acorn.extract.embedded import embedded_sections
from acorn.extract.facts import dedupe, resolve_structured_phones, text_facts
from acorn.extract.faqs import dedupe_faqs, faqs_from_dom, faqs_from_sections
from acorn.extract.hoursnotes import hours_notes
from acorn.extract.icons import write_icon_signs
from acorn.extract.jsonld import facts_from_nodes, load_jsonld, microdata_items
from acorn.extract.language import page_language
from acorn.extract.pagetype import guess_page_type
from acorn.extract.people import people_from_markup, people_from_nodes
from acorn.extract.phones import guess_region
from acorn.extract.placeholder import drop_placeholders
from acorn.extract.policies import policies_from_markup
from acorn.extract.pricelists import drop_covered, item_facts, price_items
from acorn.extract.recover import may_hold_calendar, reinject_dated, reinject_panels
from acorn.extract.schema_policies import policies_from_nodes
from acorn.extract.sections import sections_text, to_sections
from acorn.extract.types import ExtractedPage, Fact, FactKind, PageType, Person
from acorn.extract.visibility import drop_invisible
from acorn.values.money import page_currency
from acorn.values.person import name_key

log = logging.getLogger(__name__)

MAX_FACT_TEXT = 300_000  # characters of page text scanned for facts


def empty_page(page: FetchedPage, title: str = "") -> ExtractedPage:
    return ExtractedPage(
        url=page.url,
        title=title,
        depth=page.depth,
        type=PageType.OTHER,
        description="",
        lang=None,
        clean_text="",
        sections=[],
        content_hash=page.content_hash,
        noindex=page.noindex,
        rendered=page.rendered,
        fetched_at=page.fetched_at,
        etag=page.etag,
        last_modified=page.last_modified,
    )


def extract_page(page: FetchedPage) -> ExtractedPage:
    """Main content as ordered sections, plus facts and FAQs, for one page. Never raises."""
    try:
        root = parse_html(page.html)
        if root is None:
            return empty_page(page)
        return _extract(page, root)
    except Exception:  # a crawl survives one bad page; the page is kept, empty
        log.exception("extraction failed for %s", page.url)
        return empty_page(page)


def _meta_facts(root: html.HtmlElement, url: str, description: str) -> list[Fact]:
    facts = []
    site_name = meta_content(root, "og:site_name", "application-name")
    if site_name:
        facts.append(Fact(FactKind.NAME, site_name, url, "meta", "og:site_name"))
    if description:
        facts.append(Fact(FactKind.DESCRIPTION, description, url, "meta", "meta description"))
    return facts


def _extract(page: FetchedPage, root: html.HtmlElement) -> ExtractedPage:
    url = page.url
    drop_invisible(root)
    write_icon_signs(root)  # "120 <i class='fa-euro-sign'>" reads "120 €", as a visitor sees it
    title = page_title(root)
    description = meta_content(root, "description", "og:description", "twitter:description")
    lang = page_lang(root)

    structured = load_jsonld(root)
    sd_facts, faqs, country = facts_from_nodes(structured, url, "jsonld")
    people = people_from_nodes(structured, url, "jsonld")
    micro = microdata_items(root, url)
    if micro:
        m_facts, m_faqs, m_country = facts_from_nodes(micro, url, "microdata")
        sd_facts += m_facts
        faqs += m_faqs
        country = country or m_country
        people += people_from_nodes(micro, url, "microdata")

    body = root.find("body")
    full = blocks(body if body is not None else root, max_chars=MAX_FACT_TEXT)
    full_text = blocks_text(full)
    lang = page_language(lang, full_text)
    region, confident = guess_region(url, full_text, lang, country)

    main, _which = main_blocks(root, url)
    main = reinject_panels(root, main)
    if may_hold_calendar(full, capped=len(full_text) >= MAX_FACT_TEXT):
        main = reinject_dated(own_blocks(root), main)
    sections = drop_placeholders(title, to_sections(main))
    sections += embedded_sections(root, structured, full_text)

    facts = resolve_structured_phones(sd_facts, region, confident)
    facts += text_facts(root, url, full_text, main, region, confident, lang=lang)
    items = price_items(root, url, page_currency(full_text, region))
    facts = drop_covered(facts + item_facts(items), items)
    facts += _meta_facts(root, url, description)
    facts = dedupe(facts)

    # markup pairs first: a panel's own text beats a question heading's whole section
    faqs = dedupe_faqs(faqs + faqs_from_dom(root, url) + faqs_from_sections(sections, url))
    page_type = guess_page_type(
        url, title, sections, facts, meta_content(root, "og:site_name", "application-name")
    )
    if page_type in {PageType.TEAM, PageType.ABOUT}:  # name-and-role cards mean staff there
        people += people_from_markup(root, url, full_text)
    contexts = [
        f.context
        for f in facts
        if f.kind == FactKind.OPENING_HOURS and f.origin in {"text", "table"}
    ]
    return replace(
        empty_page(page, title),  # what the fetch already knew
        type=page_type,
        description=description,
        lang=lang,
        clean_text=sections_text(sections),
        sections=sections,
        facts=facts,
        faqs=faqs,
        people=_unique_people(people),
        policies=policies_from_nodes([*structured, *micro], url) + policies_from_markup(root, url),
        hours_notes=hours_notes(full_text, contexts, url),
    )


def _unique_people(people: list[Person]) -> list[Person]:
    """One record per person on a page; declared (schema.org) first, so it wins."""
    seen: set[str] = set()
    out: list[Person] = []
    for person in people:
        key = name_key(person.name)
        if key not in seen:
            seen.add(key)
            out.append(person)
    return out
