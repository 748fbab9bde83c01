"""Page signals read by the crawler and content dedupe."""

from __future__ import annotations

from acorn.crawl.dedupe import ContentDeduper
from acorn.crawl.html import decode_html, read_page

WORDS = [
    "our",
    "bakery",
    "bakes",
    "sourdough",
    "loaves",
    "rye",
    "bread",
    "croissants",
    "and",
    "celebration",
    "cakes",
    "every",
    "morning",
    "from",
    "organic",
    "flour",
    "milled",
    "nearby",
    "and",
    "sells",
    "them",
    "until",
    "the",
    "shelves",
    "are",
    "empty",
]


def long_text(seed: int, n: int = 300) -> str:
    return " ".join(WORDS[(i * (seed + 3) + seed) % len(WORDS)] + str(i % 17) for i in range(n))


def test_read_page_links_meta_canonical_and_main_text() -> None:
    html = """<html><head><title> Bakes </title><base href="/sub/">
      <meta name="robots" content="noindex, nofollow"><link rel="canonical" href="/bakes/"></head>
      <body><header><nav><a href="/">Home</a></nav></header>
      <main><h1>Bakes</h1><p>Sourdough <a href="loaf#top">loaf</a></p>
      <a href="mailto:x@y.z">mail</a><a href="tel:123">call</a><a href="#top">top</a></main>
      <footer>Footer text</footer><script>var x = "not text";</script></body></html>"""
    signals = read_page(html)
    assert signals.title == "Bakes"
    assert signals.links == ["/", "loaf#top"]
    assert signals.base == "/sub/" and signals.canonical == "/bakes/"
    assert signals.noindex and signals.nofollow
    assert signals.text == "Bakes Sourdough loaf mail call top"
    assert len(signals.content_hash) == 64


def test_render_hints() -> None:
    spa = '<html><body><nav>Menu</nav><div id="root"> </div><script src="/app.js"></script></body></html>'
    assert read_page(spa).render_reason == "empty app root"
    noscript = (
        "<html><body><p>" + long_text(1, 60) + "</p><noscript>Please enable JavaScript to "
        "view this site.</noscript><script>go()</script></body></html>"
    )
    assert read_page(noscript).render_reason == "page asks for JavaScript"
    thin = "<html><body><p>Loading…</p><script>go()</script></body></html>"
    assert read_page(thin).render_reason == "only 1 words of static text"
    no_script = "<html><body><p>Short but static.</p></body></html>"
    assert read_page(no_script).render_reason is None
    full = f"<html><body><p>{long_text(2, 100)}</p><script>x()</script></body></html>"
    assert read_page(full).render_reason is None


def test_decode_html_uses_header_then_meta() -> None:
    body = "<html><head><meta charset='windows-1252'></head><body>café</body></html>"
    assert "café" in decode_html(body.encode("cp1252"), None)
    assert "café" in decode_html(body.encode("utf-8"), "text/html; charset=utf-8")


def test_exact_and_near_duplicates() -> None:
    dedupe = ContentDeduper()
    original = long_text(1)
    assert dedupe.duplicate_of("/a", original) is None
    assert dedupe.duplicate_of("/a-copy", original) == "/a"
    assert dedupe.duplicate_of("/a-print", original + " Printed from our website") == "/a"
    assert dedupe.duplicate_of("/b", long_text(5)) is None
    # short texts only dedupe when identical
    assert dedupe.duplicate_of("/s1", "Opening hours Monday closed") is None
    assert dedupe.duplicate_of("/s2", "Opening hours Tuesday closed") is None
