"""extract_page end to end: sections under heading paths, boilerplate removed, the hours table
kept, page types, FAQs, and pages that must not break extraction."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from acorn.crawl.types import FetchedPage
from acorn.extract.page import extract_page
from acorn.extract.types import ExtractedPage, FactKind, PageType

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "extract"
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def extract(html: str, url: str = "http://127.0.0.1:8801/") -> ExtractedPage:
    return extract_page(FetchedPage(url=url, requested_url=url, status=200, html=html, depth=1))


def hours_page() -> ExtractedPage:
    html = (FIXTURES / "hours_table.html").read_text(encoding="utf-8")
    return extract(html, "http://127.0.0.1:8801/contact/")


def test_hours_table_keeps_every_days_times() -> None:
    p = hours_page()
    [hours_section] = [s for s in p.sections if s.heading_path[-1] == "Opening hours"]
    lines = hours_section.text.split("\n")
    assert lines[0] == "Monday | 9:00 AM - 5:30 PM"
    assert lines[-1] == "Sunday | Closed"
    assert len(lines) == 7
    [hours] = [f for f in p.facts if f.kind == FactKind.OPENING_HOURS]
    assert hours.value == {
        "monday": [["09:00", "17:30"]],
        "tuesday": [["09:00", "17:30"]],
        "wednesday": [["09:00", "19:00"]],
        "thursday": [["09:00", "17:30"]],
        "friday": [["09:00", "16:00"]],
        "saturday": [["10:00", "13:00"]],
        "sunday": [],
    }
    assert hours.origin == "table" and "Wednesday" in hours.context


def test_sections_heading_paths_and_no_boilerplate() -> None:
    p = hours_page()
    paths = [s.heading_path for s in p.sections]
    assert paths[0] == ["Contact us"]
    assert ["Contact us", "Opening hours"] in paths
    assert ["Contact us", "Find us"] in paths
    # trafilatura drops the short H3; we put it back in front of its text
    assert ["Contact us", "Find us", "Email"] in paths
    assert p.title == "Contact | Harbour Street Physio"
    assert p.lang == "en-GB" and p.type == PageType.CONTACT
    assert p.description.startswith("Harbour Street Physio treats")
    for junk in ("cookies", "Accept all", "Treatments", "©"):
        assert junk not in p.clean_text
    # facts still come from the header and footer
    kinds = {f.kind for f in p.facts}
    assert {FactKind.PHONE, FactKind.EMAIL, FactKind.ADDRESS, FactKind.SOCIAL} <= kinds
    assert pickle.loads(pickle.dumps(p)) == p  # it crosses a process pool


def test_lists_tables_and_heading_levels() -> None:
    html = """<html><body><nav><a href='/'>Home</a><a href='/a'>About</a></nav>
    <article><h1>Our services</h1><p>We look after the whole family, from first teeth onwards.</p>
    <h2>Check-ups</h2><ul><li>Examination</li><li>X-rays when needed</li></ul>
    <h3>Children</h3><p>Children under 5 are seen with a parent in the room at all times.</p>
    <h2>Fees</h2><table><tr><th>Treatment</th><th>Price</th></tr>
    <tr><td>Check-up</td><td>£30</td></tr></table>
    <h4>Small print</h4><p>Prices include VAT where it applies to the treatment.</p>
    </article><footer>© Example Dental</footer></body></html>"""
    p = extract(html, "http://127.0.0.1:8801/services/")
    got = [(s.heading_path, s.level) for s in p.sections]
    assert got == [
        (["Our services"], 1),
        (["Our services", "Check-ups"], 2),
        (["Our services", "Check-ups", "Children"], 3),
        (["Our services", "Fees"], 2),
    ]
    assert p.sections[1].text == "- Examination\n- X-rays when needed"
    fees = p.sections[3].text.split("\n")
    assert "Check-up | £30" in fees and "Small print" in fees  # H4 stays inside the H2 section
    assert p.type == PageType.SERVICE
    assert "Home" not in p.clean_text and "©" not in p.clean_text


def test_short_page_falls_back_to_cleaned_body() -> None:
    html = """<html><body><div id="nav"><a href="/">Home</a> <a href="/x">X</a></div>
    <div class="content"><h2>Emergencies</h2><p>Phone before 10am for a same-day appointment.</p></div>
    <footer>Footer text</footer></body></html>"""
    p = extract(html, "http://127.0.0.1:8801/emergency/")
    assert p.sections and "same-day appointment" in p.clean_text
    assert "Footer text" not in p.clean_text


def test_faqs_from_headings_details_and_dl() -> None:
    html = """<html><body><main><h1>FAQ</h1>
    <h2>Do you take card payments?</h2><p>Yes, all major cards and contactless.</p>
    <h2>Is there parking nearby?</h2><p>There is a pay-and-display car park behind the shop.</p>
    <details><summary>Can I bring my dog?</summary><p>Well-behaved dogs are welcome.</p></details>
    <dl><dt>How do I cancel?</dt><dd>Call us at least 24 hours before your appointment.</dd></dl>
    </main></body></html>"""
    p = extract(html, "http://127.0.0.1:8801/help/")
    faqs = {f.question: f.answer for f in p.faqs}
    assert faqs["Do you take card payments?"] == "Yes, all major cards and contactless."
    assert faqs["Can I bring my dog?"] == "Well-behaved dogs are welcome."
    assert faqs["How do I cancel?"].startswith("Call us at least 24 hours")
    assert p.type == PageType.FAQ


@pytest.mark.parametrize(
    ("url", "title", "expected"),
    [
        ("http://x.test/", "Home", PageType.HOME),
        ("http://x.test/contact-us/", "Contact", PageType.CONTACT),
        ("http://x.test/about/", "About", PageType.ABOUT),
        ("http://x.test/our-prices/", "Prices", PageType.PRICING),
        ("http://x.test/faq/", "FAQ", PageType.FAQ),
        ("http://x.test/meet-the-team/", "Team", PageType.TEAM),
        ("http://x.test/blog/2024/05/new-chairs/", "New chairs", PageType.BLOG),
        ("http://x.test/privacy-policy/", "Privacy", PageType.LEGAL),
        ("http://x.test/treatments/whitening/", "Whitening", PageType.SERVICE),
        ("http://x.test/misc/", "Something", PageType.OTHER),
    ],
)
def test_page_types(url: str, title: str, expected: PageType) -> None:
    html = f"<html><head><title>{title}</title></head><body><p>Some words here.</p></body></html>"
    assert extract(html, url).type == expected


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html><body><script>window.app = {}</script><script>render()</script></body></html>",
        "<html><body><div><p>Unclosed <b>tags <table><tr><td>cell",
        "<?xml version='1.0' encoding='ISO-8859-1'?><html><body><p>Caf\u00e9 cr\u00e8me</p></body></html>",
        "<html><body>" + "<div>" * 3000 + "deep" + "</div>" * 3000 + "</body></html>",
        "\x00\x01 binary \udcff junk",
        "<html><body>"
        + "<p>Huge page paragraph of text about nothing at all.</p>" * 40000
        + "</body></html>",
    ],
)
def test_odd_pages_never_raise(html: str) -> None:
    p = extract(html)
    assert isinstance(p, ExtractedPage)
    assert isinstance(p.sections, list)


def test_non_utf8_text_survives() -> None:
    p = extract(
        "<?xml version='1.0' encoding='ISO-8859-1'?><html><body><h1>Menu</h1><p>Café crème, 3 €</p></body></html>"
    )
    assert "Café crème" in p.clean_text


def test_restaurant_menu_page_services_and_footer_hours() -> None:
    html = (FIXTURES / "menu.html").read_text(encoding="utf-8")
    p = extract(html, "https://luigis.example/menu/")
    services = {s.value["name"]: s.value for s in p.facts if s.kind == FactKind.SERVICE}
    assert services["Margherita"]["price"] == "£9.50"
    assert services["Diavola"]["amount"] == 12.0
    assert services["Diavola"]["description"] == "spicy salami, chilli"
    assert services["House red (175ml)"]["price"] == "£6.50"  # <dt>/<dd> pairs
    assert services["Peroni"]["section"] == "Drinks"  # the heading above the list
    assert services["Two courses"]["price"] == "£15.95"
    hours = [f for f in p.facts if f.kind == FactKind.OPENING_HOURS]
    # the set-lunch sentence and the footer's opening hours are two separate statements
    assert len(hours) == 2
    footer = next(h.value for h in hours if "monday" in h.value)
    assert footer["monday"] == [] and footer["sunday"] == [["12:00", "20:00"]]
    assert footer["saturday"] == [["12:00", "22:30"]]
    emails = [f.value for f in p.facts if f.kind == FactKind.EMAIL]
    assert emails == ["bookings@luigis-bristol.co.uk"]


def test_runs_in_a_process_pool() -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    html = (FIXTURES / "hours_table.html").read_text(encoding="utf-8")
    fetched = FetchedPage(
        url="http://127.0.0.1:8801/contact/", requested_url="", status=200, html=html, depth=1
    )
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        remote = pool.submit(extract_page, fetched).result(timeout=120)
    assert remote == extract_page(fetched)
