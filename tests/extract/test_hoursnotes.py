"""Lines that qualify the opening hours ("closed on bank holidays", "evenings by
arrangement", seasonal hours) are kept word for word with their page; the same words far
from any hours, or without hours on the page, are not hours notes."""

from __future__ import annotations

from acorn.crawl.types import FetchedPage
from acorn.extract.page import extract_page
from acorn.extract.site import assemble_site
from acorn.extract.types import ExtractedPage, HoursNote

ROOT = "http://127.0.0.1:8801"


def extract(html: str, path: str) -> ExtractedPage:
    url = ROOT + path
    return extract_page(FetchedPage(url=url, requested_url=url, status=200, html=html, depth=1))


CONTACT = """<html lang="en"><head><title>Contact | Hazel Yoga</title></head><body><main>
<h1>Contact us</h1>
<p>Our summer retreat runs every year and is very popular with members of all ages.</p>
<p>Call us any time to ask about classes for beginners.</p>
<p>We reply to messages within a working day.</p>
<h2>Opening hours</h2>
<p>Monday to Friday: 9am - 5pm</p><p>Saturday: 10am - 1pm (by appointment only)</p>
<p>Evenings by arrangement.</p>
<p>Closed on bank holidays.</p>
<p>Summer hours (July and August): 8am - 2pm</p>
</main></body></html>"""

FRENCH = """<html lang="fr"><head><title>Contact</title></head><body><main>
<h1>Horaires</h1><p>Lundi - Vendredi : 9h00 - 18h00</p><p>Samedi : 9h00 - 12h00</p>
<p>Fermé les jours fériés.</p></main></body></html>"""


def test_notes_beside_the_hours_are_kept() -> None:
    url = ROOT + "/contact/"
    assert extract(CONTACT, "/contact/").hours_notes == [
        HoursNote("Saturday: 10am - 1pm (by appointment only)", url),
        HoursNote("Evenings by arrangement.", url),
        HoursNote("Closed on bank holidays.", url),
        HoursNote("Summer hours (July and August): 8am - 2pm", url),
    ]


def test_french_note() -> None:
    assert [n.text for n in extract(FRENCH, "/contact/").hours_notes] == ["Fermé les jours fériés."]


def test_no_hours_no_notes() -> None:
    html = "<html><body><main><h1>About</h1><p>Closed on bank holidays.</p></main></body></html>"
    assert extract(html, "/about/").hours_notes == []


def test_notes_reach_the_site_document_once() -> None:
    pages = [extract(CONTACT, "/contact/"), extract(CONTACT, "/visit/")]
    sd = assemble_site(ROOT + "/", pages).structured_data
    assert [n.text for n in sd.hours_notes][:1] == ["Saturday: 10am - 1pm (by appointment only)"]
    assert len(sd.hours_notes) == 4 and sd.hours_notes[0].source_url == ROOT + "/contact/"
