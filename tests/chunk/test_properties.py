"""Property tests: whatever the text, chunks fit the embedder and never cut a sentence."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acorn.chunk import ChunkBounds, TokenCounter, chunk_site
from acorn.sitedata import PageOut, SectionOut, SiteData

WORDS = st.sampled_from(
    (  # noqa: SIM905
        "the bakery opens early on weekdays and sells fresh sourdough bread croissants cakes "
        "we deliver orders over thirty pounds free of charge call our friendly team today "
        "appointment dentist examination price hygienist emergency Monday Tuesday 8:30am"
    ).split()
)
SENTENCE = st.lists(WORDS, min_size=3, max_size=20).map(lambda ws: " ".join(ws).capitalize() + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=8).map(" ".join)
SECTION_TEXT = st.lists(PARAGRAPH, min_size=1, max_size=6).map("\n\n".join)
HEADING = st.lists(WORDS, min_size=1, max_size=3).map(lambda ws: " ".join(ws).title())


@st.composite
def sites(draw: st.DrawFn) -> SiteData:
    sections = []
    for _ in range(draw(st.integers(1, 6))):
        depth = draw(st.integers(1, 3))
        path = [draw(HEADING) for _ in range(depth)]
        sections.append(SectionOut(heading_path=path, level=depth, text=draw(SECTION_TEXT)))
    text = "\n\n".join(s.text for s in sections)
    page = PageOut(
        url="http://p.test/x",
        title=draw(HEADING),
        depth=1,
        type="other",
        word_count=len(text.split()),
        clean_text=text,
        sections=sections,
    )
    return SiteData(root_url="http://p.test/", pages=[page])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(site=sites(), max_tokens=st.sampled_from([96, 160, 254]))
def test_chunks_fit_and_keep_sentences_whole(
    counter: TokenCounter, site: SiteData, max_tokens: int
) -> None:
    bounds = ChunkBounds(max_tokens=max_tokens, overlap_tokens=16, min_tokens=max_tokens // 4)
    chunks = chunk_site(site, counter, bounds)
    joined = "\n".join(c.content for c in chunks)
    for chunk in chunks:
        assert counter(chunk.embed_text) <= max_tokens
    for section in site.pages[0].sections:
        for para in section.text.split("\n\n"):
            for sentence in para.split(". "):
                sentence = sentence.rstrip(".")
                assert sentence in joined, sentence  # every sentence survives, uncut


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(WORDS, min_size=150, max_size=400))
def test_a_run_on_sentence_larger_than_the_bound_loses_no_word(
    counter: TokenCounter, words: list[str]
) -> None:
    text = " ".join(words) + "."
    page = PageOut(
        url="http://p.test/x", title="T", depth=1, type="other", word_count=len(words),
        clean_text=text, sections=[SectionOut(heading_path=["H"], level=1, text=text)],
    )  # fmt: skip
    bounds = ChunkBounds(max_tokens=96, overlap_tokens=0, min_tokens=24)
    chunks = chunk_site(SiteData(root_url="http://p.test/", pages=[page]), counter, bounds)
    assert len(chunks) > 1
    assert all(c.token_count <= 96 for c in chunks)
    assert " ".join(c.content for c in chunks).split() == text.split()
