"""Person records from team and about pages: schema.org Person nodes, and name cards in markup
(heading + role line, bold name + <br> + role, figure captions, wrapped names, "Name – Role"),
with customers' signatures, navigation and lists of names left out."""

from __future__ import annotations

from acorn.crawl.types import FetchedPage
from acorn.extract.page import extract_page
from acorn.extract.types import ExtractedPage, Person

ROOT = "http://127.0.0.1:8801"


def extract(html: str, path: str) -> ExtractedPage:
    url = ROOT + path
    return extract_page(FetchedPage(url=url, requested_url=url, status=200, html=html, depth=1))


TEAM = """<html lang="en"><head><title>Our team | Willow Lane Dental</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/team/jane">Jane Smith</a></li></ul></nav>
<main><h1>Our team</h1>
<p>Our friendly team has looked after the village for twenty years.</p>
<div class="card"><h3>Dr Jane Smith</h3><p>Principal Dentist, BDS (Lond)</p>
  <p>Jane qualified in 2005 and loves calm, careful dentistry.</p></div>
<div class="card"><div class="name"><h3>Tom Brown</h3></div><div class="role">Practice Manager</div>
  <p>Tom keeps the diary running smoothly.</p></div>
<ul class="staff"><li><strong>Amy Lee</strong><br>Dental Nurse</li>
  <li><strong>Raj Patel BDS MSc</strong><br>Associate Dentist</li></ul>
<figure><img src="lucy.jpg" alt=""><figcaption><h4>Lucy Grey</h4><p>Hygienist</p></figcaption></figure>
<h3>Sam Green – Receptionist</h3><p>Sam answers the phone and books appointments.</p>
<h2>What our patients say</h2>
<blockquote><p>Lovely staff and no waiting.</p><footer>Mary Jones<br>Patient since 2019</footer></blockquote>
<div class="kind-words"><p>&ldquo;They fixed my tooth the same day!&rdquo;</p>
  <p><strong>Peter Hall</strong></p><p>Happy customer</p></div>
<h3>Friendly Welcome</h3><p>Always with a smile</p><p>A friendly welcome for everyone.</p>
<h3>Also helping</h3><ul><li>Ann Bell</li><li>Bob Hart</li></ul>
</main><footer><p><strong>Willow Lane Dental</strong><br>Dental Practice</p></footer></body></html>"""


def test_team_page_cards() -> None:
    page = extract(TEAM, "/team/")
    url = ROOT + "/team/"
    assert page.people == [
        Person("Dr Jane Smith", "Principal Dentist", url, "BDS (Lond)"),
        Person("Tom Brown", "Practice Manager", url),
        Person("Amy Lee", "Dental Nurse", url),
        Person("Raj Patel", "Associate Dentist", url, "BDS, MSc"),
        Person("Lucy Grey", "Hygienist", url),
        Person("Sam Green", "Receptionist", url),
    ]


def test_customers_nav_links_and_name_lists_are_not_staff() -> None:
    names = {p.name for p in extract(TEAM, "/team/").people}
    assert "Mary Jones" not in names  # a testimonial's signature
    assert "Peter Hall" not in names  # signed under a quotation
    assert "Ann Bell" not in names and "Bob Hart" not in names  # names with no role
    assert "Friendly Welcome" not in names  # its words are ordinary words on this page
    assert "Willow Lane Dental" not in names  # the footer


def test_cards_are_only_read_on_team_and_about_pages() -> None:
    assert extract(TEAM, "/services/").people == []


POLISH = """<html lang="pl"><head><title>O nas | Gabinet Fizjoterapii</title></head><body>
<main><h1>O nas</h1><p>Pomagamy pacjentom wrócić do formy od 2010 roku.</p>
<section><h2>Anna Kowalska</h2><p>Właścicielka i główna fizjoterapeutka</p></section>
<section><h2>mgr Piotr Nowak</h2><p>Fizjoterapeuta, terapeuta manualny</p></section>
</main></body></html>"""

FRENCH = """<html lang="fr"><head><title>Notre équipe | Cabinet Lumière</title></head><body>
<main><h1>Notre équipe</h1>
<ul><li><strong>Mme Claire Dubois</strong><br>Kinésithérapeute, fondatrice</li>
<li><strong>Jean-Luc de la Tour</strong><br>Ostéopathe D.O.</li></ul></main></body></html>"""


def test_polish_about_page() -> None:
    url = ROOT + "/o-nas/"
    assert extract(POLISH, "/o-nas/").people == [
        Person("Anna Kowalska", "Właścicielka i główna fizjoterapeutka", url),
        Person("mgr Piotr Nowak", "Fizjoterapeuta, terapeuta manualny", url),
    ]


def test_french_team_page() -> None:
    url = ROOT + "/equipe/"
    assert extract(FRENCH, "/equipe/").people == [
        Person("Mme Claire Dubois", "Kinésithérapeute, fondatrice", url),
        Person("Jean-Luc de la Tour", "Ostéopathe", url, "D.O."),
    ]


JSONLD = """<html><head><title>Home | Oak Physio</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "MedicalBusiness",
 "name": "Oak Physio", "founder": {"@type": "Person", "name": "Nina Berg",
   "jobTitle": "Founder and lead physiotherapist", "honorificSuffix": "MCSP"},
 "employee": [{"@type": "Person", "name": "Olek Wiśniewski", "jobTitle": "Sports therapist"},
              {"@type": "Person", "name": "No Title Here"}],
 "review": {"@type": "Review", "author": {"@type": "Person", "name": "Carl Jones",
   "jobTitle": "Teacher"}, "reviewBody": "Great."}}</script></head>
<body><h1>Oak Physio</h1><p>Physiotherapy in town.</p></body></html>"""


def test_schema_org_people_on_any_page() -> None:
    url = ROOT + "/"
    assert extract(JSONLD, "/").people == [
        Person("Nina Berg", "Founder and lead physiotherapist", url, "MCSP", "jsonld"),
        Person("Olek Wiśniewski", "Sports therapist", url, None, "jsonld"),
    ]
