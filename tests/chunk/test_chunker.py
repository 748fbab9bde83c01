"""Section-aware chunking on a realistic hand-built site."""

from __future__ import annotations

from acorn.chunk import Category, ChunkBounds, TokenCounter, chunk_site

from .sites import ROOT, bakery_site


def by_url(chunks, url):  # type: ignore[no-untyped-def]
    return [c for c in chunks if c.page_url == url and c.kind == "text"]


def test_every_chunk_fits_the_embedder(counter: TokenCounter, bounds: ChunkBounds) -> None:
    chunks = chunk_site(bakery_site(), counter, bounds, agent_id="a1")
    assert chunks
    for chunk in chunks:
        assert counter(chunk.embed_text) == chunk.token_count <= bounds.max_tokens


def test_long_section_is_split_at_sentences_with_overlap(
    counter: TokenCounter, bounds: ChunkBounds
) -> None:
    chunks = [c for c in by_url(chunk_site(bakery_site(), counter, bounds), ROOT + "about/")]
    story = [c for c in chunks if c.heading_path == ["Our story"]]
    assert len(story) >= 2
    for chunk in story:
        assert chunk.content.startswith("In ") and chunk.content.endswith("sourdough.")
    # the second part starts with the last sentence of the first
    last_sentence = story[0].content.rsplit(". In ", 1)[1]
    assert story[1].content.startswith("In " + last_sentence)


def test_short_sibling_sections_merge_under_their_parent(
    counter: TokenCounter, bounds: ChunkBounds
) -> None:
    contact = by_url(chunk_site(bakery_site(), counter, bounds), ROOT + "contact/")
    assert len(contact) == 1
    chunk = contact[0]
    assert chunk.heading_path == ["Contact us"]
    assert "Opening hours\nMonday to Friday" in chunk.content
    assert "Find us\nWe are at 12 High Street" in chunk.content
    assert chunk.embed_text.startswith("Contact us > Contact us\n")


def test_categories_on_realistic_text(counter: TokenCounter, bounds: ChunkBounds) -> None:
    chunks = chunk_site(bakery_site(), counter, bounds)
    cat = {(c.page_url, tuple(c.heading_path), c.kind): c.category for c in chunks}
    assert cat[(ROOT + "contact/", ("Contact us",), "text")] == Category.CONTACT
    assert cat[(ROOT + "prices/", ("Price list",), "text")] == Category.PRICING
    assert cat[(ROOT + "policies/", ("Cancellation policy",), "text")] == Category.POLICY
    assert cat[(ROOT + "about/", ("Meet the team",), "text")] == Category.TEAM
    assert cat[(ROOT + "contact/", ("Opening hours",), "fact")] == Category.HOURS
    assert cat[(ROOT + "about/", ("FAQ",), "faq")] == Category.FAQ


def test_importance_ranks_contact_and_prices_above_history(
    counter: TokenCounter, bounds: ChunkBounds
) -> None:
    chunks = chunk_site(bakery_site(), counter, bounds)
    contact = next(c for c in chunks if c.page_url == ROOT + "contact/" and c.kind == "text")
    prices = next(c for c in chunks if c.heading_path == ["Price list"])
    history = next(c for c in chunks if c.heading_path == ["Our story"])
    assert contact.importance > history.importance
    assert prices.importance > history.importance
    assert all(0.0 <= c.importance <= 1.0 for c in chunks)


def test_facts_and_faqs_become_their_own_chunks(counter: TokenCounter, bounds: ChunkBounds) -> None:
    chunks = chunk_site(bakery_site(), counter, bounds)
    facts = {c.heading_path[0]: c for c in chunks if c.kind == "fact"}
    assert facts["Opening hours"].content == (
        "Opening hours: Monday 07:00–18:00; Tuesday 07:00–18:00; Wednesday 07:00–18:00; "
        "Thursday 07:00–18:00; Friday 07:00–18:00; Saturday 08:00–14:00; Sunday closed."
    )
    assert "01983 555123" in facts["Phone"].content
    assert facts["Prices"].content.startswith("Celebration cake (8 inch): £35")
    assert facts["Phone"].page_url == ROOT + "contact/"
    faq = next(c for c in chunks if c.kind == "faq")
    assert faq.content == "Q: Do you make gluten-free bread?\nA: Yes, every Friday."


def test_chunk_ids_are_deterministic_per_agent(counter: TokenCounter, bounds: ChunkBounds) -> None:
    a = [c.chunk_id for c in chunk_site(bakery_site(), counter, bounds, agent_id="a")]
    again = [c.chunk_id for c in chunk_site(bakery_site(), counter, bounds, agent_id="a")]
    other = [c.chunk_id for c in chunk_site(bakery_site(), counter, bounds, agent_id="b")]
    assert a == again and len(set(a)) == len(a)
    assert not set(a) & set(other)


def test_configured_smaller_bound_is_respected(counter: TokenCounter) -> None:
    from acorn.config import RagConfig

    small = ChunkBounds.for_embedder(254, RagConfig(chunk_max_tokens=64))
    assert small.max_tokens == 64
    for chunk in chunk_site(bakery_site(), counter, small):
        assert chunk.token_count <= 64


def test_headings_without_text_stay_searchable(counter: TokenCounter, bounds: ChunkBounds) -> None:
    """Room names under photos are headings with no text: they are the page's content."""
    from acorn.sitedata import SiteData

    from .sites import page

    rooms = page(ROOT + "rooms/", "Rooms", "service", [
        (["Rooms"], 1, "We offer a range of rooms to meet your needs."),
        (["Rooms", "Garden view room"], 3, ""),
        (["Rooms", "Family room"], 3, ""),
        (["Rooms", "Breakfast"], 2, "Served from 7am in the courtyard."),
    ])  # fmt: skip
    chunks = by_url(
        chunk_site(SiteData(root_url=ROOT, pages=[rooms]), counter, bounds), ROOT + "rooms/"
    )
    text = "\n".join(c.content for c in chunks)
    assert "Garden view room" in text
    assert "Family room" in text
    assert "Served from 7am" in text


def test_a_split_never_parts_an_item_from_its_price(counter: TokenCounter) -> None:
    from acorn.chunk.split import SectionSplitter

    items = []
    for n in range(12):
        items += [f"Cake number {n}", "sponge, cream and seasonal fruit", f"{n + 3}.50"]
    parts = SectionSplitter(counter).pack("\n".join(items), budget=40, overlap=0)
    assert len(parts) > 1
    for n in range(12):
        [holder] = [p for p in parts if f"{n + 3}.50" in p.split("\n")]
        assert f"Cake number {n}\nsponge, cream and seasonal fruit\n{n + 3}.50" in holder
