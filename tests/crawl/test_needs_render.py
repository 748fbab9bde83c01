"""The per-site render decision, on hand-made static/rendered pairs (no browser)."""

from __future__ import annotations

from acorn.crawl.needs_render import decide, visible_words

ROOT = "http://studio.test/"
PAGE = "<html><body>{}</body></html>"
TEXT = "<p>A small, friendly pottery studio with weekly classes for adults and children.</p>"


def same_site(url: str) -> bool:
    return url.startswith(ROOT)


def test_unchanged_page_stays_static() -> None:
    html = PAGE.format(TEXT + '<a href="/classes/">Classes</a>')
    decision = decide(ROOT, html, html, same_site)
    assert not decision.render_all and "changed nothing" in decision.reason


def test_a_script_filled_year_is_not_a_reason_to_render() -> None:
    static = PAGE.format(TEXT + "<footer>© 2023</footer>")
    rendered = PAGE.format(TEXT + "<footer>© 2026</footer>")
    decision = decide(ROOT, static, rendered, same_site)
    assert not decision.render_all and (decision.added_words, decision.removed_words) == (1, 1)


def test_injected_navigation_means_every_page_is_rendered() -> None:
    static = PAGE.format('<nav id="nav"></nav>' + TEXT)
    rendered = PAGE.format(
        '<nav id="nav"><a href="/classes/">Classes</a><a href="https://elsewhere.test/">x</a>'
        "</nav>" + TEXT
    )
    decision = decide(ROOT, static, rendered, same_site)
    assert decision.render_all and decision.new_links == 1 and not decision.app
    assert "1 links only in the rendered page" in decision.reason


def test_replaced_placeholders_mean_every_page_is_rendered() -> None:
    static = PAGE.format(TEXT + "<footer>Call 555-123-4567, 123 Main Street, Your City</footer>")
    rendered = PAGE.format(TEXT + "<footer>Call 020 7946 0321, 8 Kiln Row, Potterton</footer>")
    decision = decide(ROOT, static, rendered, same_site)
    assert decision.render_all and decision.removed_words >= 4
    assert "static words replaced by scripts" in decision.reason


def test_an_app_shell_that_fills_itself_is_an_app() -> None:
    static = PAGE.format('<div id="root"></div>')
    rendered = PAGE.format('<div id="root"><a href="/menu">Menu</a>' + TEXT + "</div>")
    decision = decide(ROOT, static, rendered, same_site, static_empty_root=True)
    assert decision.render_all and decision.app and "single-page app" in decision.reason


def test_visible_words_skip_scripts_templates_and_hidden_blocks() -> None:
    words = visible_words(
        PAGE.format(
            "<p>Open today</p><script>var closed</script><template><p>closed</p></template>"
            "<div hidden>closed</div>"
        )
    )
    assert set(words) == {"open", "today"}
