"""Side panels, dated calendar lines and placeholder pages: content the main-content
extractors drop (or should drop) on business pages, on small pages of our own."""

from __future__ import annotations

from acorn.crawl.types import FetchedPage
from acorn.extract.page import extract_page
from acorn.extract.types import ExtractedPage

URL = "http://127.0.0.1:8801/stay/"
NAV = """<header><nav class="menu"><a href="/">Home</a> <a href="/stay/">Stay</a>
<a href="/contact/">Contact</a></nav></header>"""
FOOTER = """<footer><h5>Services</h5><ul><li><a href="/contact/">Contact</a></li></ul>
<p>Copyright 2024 Mountain Lodge</p></footer>"""
ARTICLE = """<article><h1>Rooms and Services</h1>
<p>We offer a range of rooms to meet your needs. Families, couples or single explorers,
all are welcome to stay with us in the valley.</p>
<h3>Mountain view room</h3><p><img src="a.jpg" alt=""></p>
<h3>Family room</h3><p><img src="b.jpg" alt=""></p>
<h2>Activities during your stay</h2><ul><li>Trekking</li><li>Mule hikes</li></ul></article>"""


def extract(body: str, url: str = URL, title: str = "Mountain Lodge") -> ExtractedPage:
    html = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return extract_page(FetchedPage(url=url, requested_url=url, status=200, html=html, depth=1))


def test_aside_panel_with_heading_and_list_is_kept_as_its_own_section() -> None:
    page = extract(
        NAV
        + '<div class="row"><div class="col-8">'
        + ARTICLE
        + '</div><div class="col-4"><aside><div class="panel">'
        + "<h3>Included</h3><p>With your stay comes included:</p>"
        + "<ul><li>Breakfast</li><li>Wifi</li><li>Airport transport</li></ul></div>"
        + '<div class="panel"><h3>Other ideas</h3><p>We can also help you organise:</p>'
        + "<ul><li>cooking classes</li><li>a desert trip</li></ul></div></aside></div></div>"
        + FOOTER
    )
    by_heading = {s.heading_path[-1]: s.text for s in page.sections if s.heading_path}
    assert "- Breakfast" in by_heading["Included"].split("\n")
    paths = [s.heading_path for s in page.sections]
    assert ["Rooms and Services", "Included"] in paths  # beside the article's subsections
    assert "- cooking classes" in by_heading["Other ideas"].split("\n")
    assert "Rooms and Services" in by_heading  # the main article is still there
    assert "Copyright" not in page.clean_text  # the footer stays out
    assert "Services" not in by_heading


def test_sidebar_of_links_is_not_reinjected() -> None:
    links = "".join(f'<li><a href="/blog/{i}/">Blog post number {i}</a></li>' for i in range(8))
    page = extract(
        ARTICLE + f'<aside class="sidebar"><h3>Recent posts</h3><ul>{links}</ul></aside>'
    )
    assert "Recent posts" not in page.clean_text
    assert "Blog post number" not in page.clean_text


def test_panel_already_in_the_main_text_is_not_repeated() -> None:
    page = extract(
        '<main><h1>Opening</h1><div class="card"><h3>Visit us</h3>'
        "<p>We welcome walk-in visitors every weekday morning and afternoon.</p></div>"
        "<p>Some more text about the practice so that the main region is long enough to be "
        "trusted as the page's main content by every extractor we run.</p></main>"
    )
    assert page.clean_text.count("We welcome walk-in visitors") == 1


def test_event_times_in_time_tags_reach_the_sections() -> None:
    events = "".join(
        f'<li class="event">\n  <h4>{name}</h4>\n  <time class="text-sm">{when}</time>\n</li>'
        for name, when in [
            ("Morning Service", "March 22, 2026 at 9:30 AM"),
            ("Evening Service", "March 22, 2026 at 4:45 PM"),
            ("Prayer Meeting", "March 24, 2026 at 9:00 AM"),
        ]
    )
    page = extract(
        NAV + "<main><section><h1>Welcome to our church</h1><p>Please join us for worship every "
        "Sunday. Visitors are always welcome and there is coffee after the service in the "
        "hall.</p></section><section><h2>Upcoming Events</h2>"
        + f"<ul>{events}</ul></section></main>"
        + FOOTER
    )
    lines = page.clean_text.split("\n")
    assert lines.index("Evening Service") + 1 == lines.index("- March 22, 2026 at 4:45 PM")
    assert lines.index("Prayer Meeting") + 1 == lines.index("- March 24, 2026 at 9:00 AM")
    [events_section] = [s for s in page.sections if s.heading_path[-1] == "Upcoming Events"]
    assert "4:45 PM" in events_section.text


def test_404_template_keeps_no_sections() -> None:
    page = extract(
        NAV + "<main><h1>Page not found!</h1><p>Maybe you mis-typed a link?</p></main>",
        url="http://127.0.0.1:8801/404.html",
    )
    assert page.sections == []
    assert page.clean_text == ""


def test_under_construction_and_todo_placeholders_are_dropped() -> None:
    page = extract("<main><h1>Page under construction</h1><p>Check back later.</p></main>")
    assert page.sections == []
    page = extract(
        "<main><h1>Small print</h1><h2>Privacy</h2><p>TODO: populate me!</p>"
        "<h2>Licence</h2><p>This site is published under a permissive licence that lets "
        "anyone copy and adapt it, as long as this notice is kept.</p></main>"
    )
    assert "TODO" not in page.clean_text
    assert "permissive licence" in page.clean_text


def test_lorem_ipsum_sections_are_dropped_but_real_ones_kept() -> None:
    page = extract(
        "<main><h1>About</h1><p>We are a family dentist in the town centre, open since 1986 "
        "and welcoming new patients of every age.</p><h2>Our values</h2><p>Lorem ipsum dolor "
        "sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p></main>"
    )
    assert "family dentist" in page.clean_text
    assert "Lorem" not in page.clean_text


def test_coming_soon_notice_with_context_is_kept() -> None:
    page = extract(
        "<main><h1>Sermons</h1><p>Listen to past sermons from our pastor.</p>"
        "<h2>Sermons Coming Soon</h2><p>Our archive is being set up.</p></main>"
    )
    assert "being set up" in page.clean_text


def test_headings_only_main_region_is_not_flattened_with_the_menu() -> None:
    menu = " ".join(f'<a href="/{n}/">{n}</a>' for n in ["Home", "Beliefs", "Team", "Contact"])
    people = "".join(
        f'<div><img src="{n}.jpg" alt="{n}"><h3>{n}</h3></div>'
        for n in ["Mark Isenhoff", "Ken Jackson", "David Raih"]
    )
    page = extract(
        f'<a href="#main">Skip to main content</a><header><nav>{menu}</nav></header>'
        f'<main id="main"><section><h1>Leadership</h1></section><section><h2>Our Pastor</h2>'
        f"<div><h3>Rev. Marc Scaturro</h3></div></section><section><h2>Our Elders</h2>"
        f"{people}</section></main>"
    )
    assert "Skip to main content" not in page.clean_text
    assert "Beliefs" not in page.clean_text
    assert page.clean_text.split("\n") == [
        "Leadership",
        "Our Pastor",
        "Rev. Marc Scaturro",
        "Our Elders",
        "Mark Isenhoff",
        "Ken Jackson",
        "David Raih",
    ]
