"""assemble_site: ranked, deduplicated site facts with their sources; conflicts kept as notes."""

from __future__ import annotations

from acorn.crawl.types import FetchedPage
from acorn.extract.page import extract_page
from acorn.extract.site import assemble_site
from acorn.sitedata import CrawlStats

ROOT = "https://www.harbourphysio.co.uk/"
FOOTER = "<footer><p>Harbour Street Physio · 01947 600123 · info@harbourphysio.co.uk</p></footer>"


def _page(path: str, body: str, title: str, depth: int = 1):
    html = (
        f"<html lang='en-GB'><head><title>{title} | Harbour Street Physio</title>"
        "<meta name='description' content='Physiotherapy for sports injuries and back pain in Whitby, North Yorkshire.'>"
        f"</head><body><main>{body}</main>{FOOTER}</body></html>"
    )
    url = ROOT + path
    return extract_page(FetchedPage(url=url, requested_url=url, status=200, html=html, depth=depth))


def site():
    pages = [
        _page(
            "", "<h1>Welcome</h1><p>We treat sports injuries. Open Mon-Fri 9am-5pm.</p>", "Home", 0
        ),
        _page(
            "contact/",
            "<h1>Contact</h1><p>Direct line: 01947 600999</p><p>Email BOOKINGS@harbourphysio.co.uk</p>"
            "<h2>Hours</h2><p>Monday to Friday 9am - 5:30pm</p><p>Saturday 10am - 1pm</p>"
            "<p>12 Harbour Street<br>Whitby<br>YO21 3PU</p>",
            "Contact",
        ),
        _page(
            "prices/",
            "<h1>Prices</h1><ul><li>Initial assessment - £55</li><li>Follow-up - £45</li></ul>",
            "Prices",
        ),
        _page("team/", "<h1>Team</h1><p>Anna leads the clinic.</p>", "Team"),
        _page(
            "blog/news/",
            "<h1>News</h1><p>Initial assessment - £55</p><p>Call our old number 01947 600555.</p>",
            "News",
            2,
        ),
    ]
    return assemble_site(
        ROOT, pages, stats=CrawlStats(fetched=5), log=[{"url": ROOT + "x", "reason": "404"}]
    )


def test_primary_facts_are_ranked_and_sourced() -> None:
    data = site()
    sd = data.structured_data
    # the footer number on every page is the site's main number; the contact page line next
    assert sd.phones[0].e164 == "+441947600123" and sd.phones[0].display == "01947 600123"
    assert sd.phones[1].e164 == "+441947600999"
    assert sd.phones[1].source_url == ROOT + "contact/"
    assert sd.phones[-1].e164 == "+441947600555"  # a one-off in a blog post ranks last
    assert [e.address for e in sd.emails] == [
        "info@harbourphysio.co.uk",
        "bookings@harbourphysio.co.uk",
    ]
    assert sd.address is not None and sd.address.postal_code == "YO21 3PU"
    assert sd.address.source_url == ROOT + "contact/"


def test_hours_prefer_contact_page_and_keep_conflicts_as_notes() -> None:
    sd = site().structured_data
    assert sd.opening_hours_source == ROOT + "contact/"
    assert sd.opening_hours["friday"] == [["09:00", "17:30"]]
    assert sd.opening_hours["saturday"] == [["10:00", "13:00"]]
    assert len(sd.opening_hours_notes) == 1
    assert ROOT in sd.opening_hours_notes[0] and "17:00" in sd.opening_hours_notes[0]


def test_services_deduped_and_pages_kept() -> None:
    data = site()
    names = [(s.name, s.price) for s in data.structured_data.services]
    assert names == [("Initial assessment", "£55"), ("Follow-up", "£45")]
    assert data.structured_data.services[0].source_url == ROOT + "prices/"
    assert data.name == "Harbour Street Physio"
    assert data.summary.startswith("Physiotherapy for sports injuries")
    assert [p.type for p in data.pages][:2] == ["home", "contact"]
    contact = data.pages[1]
    assert contact.sections[0].heading_path == ["Contact"] and contact.word_count > 5
    assert any(f["kind"] == "phone" for f in contact.facts)
    assert data.stats.fetched == 5 and data.log[0]["reason"] == "404"
    assert data.model_dump_json()  # serialisable as the scraped-data document


def test_unresolved_phone_is_read_with_the_sites_region() -> None:
    # a .com page with no country clue: its tel: link cannot be read in the default region,
    # but the contact page's UK postcode settles the site's region
    other = "https://www.example-dentist.com/"
    pages = [
        extract_page(
            FetchedPage(
                url=other,
                requested_url=other,
                status=200,
                depth=0,
                html="<body><a href='tel:01308 421877'>Call</a><p>Hello there, welcome.</p></body>",
            )
        ),
        extract_page(
            FetchedPage(
                url=other + "contact/",
                requested_url=other,
                status=200,
                depth=1,
                html="<body><p>8 Quay Road<br>West Bay<br>DT6 4EZ</p></body>",
            )
        ),
    ]
    sd = assemble_site(other, pages).structured_data
    assert [p.e164 for p in sd.phones] == ["+441308421877"]


def test_faqs_merged_across_pages() -> None:
    a = _page(
        "faq/", "<h1>FAQ</h1><h2>Do you offer home visits?</h2><p>Yes, within Whitby.</p>", "FAQ"
    )
    b = _page("help/", "<h2>Do you offer home visits?</h2><p>Yes.</p>", "Help")
    data = assemble_site(ROOT, [a, b])
    assert [f.question for f in data.auto_faqs] == ["Do you offer home visits?"]


def test_summary_skips_a_bare_welcome_line() -> None:
    html = (
        "<html><head><title>Riad Example</title><meta name='description' content='Welcome to Riad Example.'>"
        "</head><body><main><p>Welcome!</p><p>A family-run guest house in the Atlas mountains, "
        "an hour from Marrakech. Rooms have valley views.</p></main></body></html>"
    )
    home = extract_page(FetchedPage(url=ROOT, requested_url=ROOT, status=200, html=html, depth=0))
    data = assemble_site(ROOT, [home])
    assert (
        data.summary == "A family-run guest house in the Atlas mountains, an hour from Marrakech."
    )
    assert data.name == "Riad Example"


def test_closed_days_from_another_page_complete_the_declared_hours() -> None:
    data_ld = (
        '<script type="application/ld+json">{"@type": "Bakery", "name": "Crumb", '
        '"openingHours": "Tu-Sa 08:00-16:00"}</script>'
    )
    home = _page("", f"{data_ld}<h1>Crumb</h1><p>Bread every day but Monday.</p>", "Home", 0)
    contact = _page(
        "contact/",
        "<h1>Contact</h1><table><tr><td>Monday</td><td>Closed</td></tr>"
        "<tr><td>Tuesday</td><td>8am - 4pm</td></tr><tr><td>Sunday</td><td>Closed</td></tr></table>",
        "Contact",
    )
    sd = assemble_site(ROOT, [home, contact]).structured_data
    assert sd.opening_hours_source == ROOT  # the JSON-LD leads
    assert sd.opening_hours["monday"] == [] and sd.opening_hours["sunday"] == []
    assert sd.opening_hours["saturday"] == [["08:00", "16:00"]]
    assert next(iter(sd.opening_hours)) == "monday"
    assert sd.opening_hours_notes == []


def test_a_panel_repeated_on_every_page_is_indexed_once_on_the_shallowest() -> None:
    panel = (
        '<aside><div class="panel"><h3>Why choose us</h3><p>Chartered physiotherapists with '
        "twenty years of experience in sports injuries.</p></div></aside>"
    )
    pages = [
        _page(path, f"<h1>{title}</h1><p>{text}</p>{panel}", title, depth)
        for path, title, text, depth in [
            ("", "Welcome", "We treat sports injuries and back pain in Whitby.", 0),
            ("back-pain/", "Back pain", "Most back pain settles with exercise and advice.", 1),
            ("sports/", "Sports injuries", "Sprains and strains are our daily work.", 1),
            ("massage/", "Massage", "Deep tissue massage eases tight muscles after sport.", 1),
        ]
    ]
    assert all("Chartered physiotherapists" in p.clean_text for p in pages)
    data = assemble_site(ROOT, pages)
    having = [p.url for p in data.pages if "Chartered physiotherapists" in p.clean_text]
    assert having == [ROOT]
    assert all(p.sections for p in data.pages)  # each page keeps its own text
    massage = next(p for p in data.pages if p.url.endswith("massage/"))
    assert "Deep tissue massage" in massage.clean_text


def _bare(path: str, title: str, body: str, depth: int = 1):
    url = "https://atelier.example/" + path
    html = f"<html lang='pl'><head><title>{title}</title></head><body><main>{body}</main></body></html>"
    return extract_page(FetchedPage(url=url, requested_url=url, status=200, html=html, depth=depth))


def test_a_bare_home_page_takes_its_name_from_its_own_title_and_its_summary_from_about() -> None:
    pages = [
        _bare(
            "",
            "Atelier Anna Nowak",
            "<nav><a href='/o-nas/'>O nas</a></nav><p>Tel. 608 419 413</p>",
            0,
        ),
        _bare(
            "o-nas/",
            "O nas",
            "<h1>O nas</h1><p>Atelier Anna Nowak mieści się przy ulicy Polnej 3 w Krakowie od roku 2004.</p>",
        ),
        _bare("zabiegi/a/", "Lumina - Peeling", "<h1>Peeling</h1><p>Zabieg oczyszczający.</p>", 2),
        _bare("zabiegi/b/", "Lumina - Maska", "<h1>Maska</h1><p>Maska kolagenowa.</p>", 2),
    ]
    data = assemble_site("https://atelier.example/", pages)
    # a brand shared by product titles is not the business
    assert data.name == "Atelier Anna Nowak"
    assert data.summary.startswith("Atelier Anna Nowak mieści się przy ulicy Polnej 3")
