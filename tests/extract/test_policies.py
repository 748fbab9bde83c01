"""Labelled policies: a heading, <dt>, row header or bold lead-in naming a kind of policy, and
the text under it, in English, French, Polish, German, Italian and Spanish; policy words in
prose, in navigation or in a question heading are not labelled policies."""

from __future__ import annotations

import pytest

from acorn.crawl.types import FetchedPage
from acorn.extract.labelwords import label_kind
from acorn.extract.page import extract_page
from acorn.extract.types import ExtractedPage, Policy

ROOT = "http://127.0.0.1:8801"


def extract(html: str, path: str = "/visit/") -> ExtractedPage:
    url = ROOT + path
    return extract_page(FetchedPage(url=url, requested_url=url, status=200, html=html, depth=1))


VISIT = """<html lang="en"><head><title>Visiting us | Hazel Yoga</title></head><body>
<nav><ul><li><a href="/booking">Booking</a></li><li><a href="/parking">Parking</a></li></ul></nav>
<main><h1>Visiting us</h1>
<p>We take payment by card at the desk, and there is parking on the street nearby.</p>
<h2>Payment methods</h2><p>We accept cash, Visa and Mastercard.</p><p>No cheques, sorry.</p>
<h2>Cancellation policy</h2><div><p>Please give 24 hours notice. Late cancellations are
charged in full.</p></div>
<h3>Parking</h3>
<h2>Can I pay by card?</h2><p>Yes, at the desk.</p>
<dl><dt>Accessibility</dt><dd>Step-free access and a lift to every floor.</dd></dl>
<p><strong>Booking:</strong> online or by phone, up to a month ahead.</p>
<p>Please note that <strong>parking</strong> is limited at weekends.</p>
<table><tr><th>Car park</th><td>Free for two hours behind the hall.</td></tr></table>
</main></body></html>"""


def test_labelled_policies_in_english() -> None:
    url = ROOT + "/visit/"
    assert extract(VISIT).policies == [
        Policy("payment", "Payment methods", "We accept cash, Visa and Mastercard. No cheques, sorry.", url),
        Policy("cancellation", "Cancellation policy",
               "Please give 24 hours notice. Late cancellations are charged in full.", url),
        Policy("accessibility", "Accessibility", "Step-free access and a lift to every floor.", url),
        Policy("booking", "Booking", "online or by phone, up to a month ahead.", url),
        Policy("parking", "Car park", "Free for two hours behind the hall.", url),
    ]  # fmt: skip


def test_prose_navigation_and_questions_are_not_labels() -> None:
    texts = " ".join(p.text for p in extract(VISIT).policies)
    assert "parking on the street" not in texts  # a policy word inside prose
    assert "limited at weekends" not in texts  # a bold word mid-sentence is no label
    assert "at the desk" not in texts  # a question heading is an FAQ
    assert all(p.label != "Parking" for p in extract(VISIT).policies)  # nav link, empty heading


FRENCH = """<html lang="fr"><head><title>Infos pratiques</title></head><body><main>
<h1>Infos pratiques</h1>
<h2>Moyens de paiement</h2><p>Espèces, chèques et carte bancaire.</p>
<h2>Politique d’annulation</h2><p>Toute annulation doit être faite 48 h à l’avance.</p>
<h2>Stationnement</h2><p>Parking gratuit devant le cabinet.</p></main></body></html>"""

POLISH = """<html lang="pl"><head><title>Informacje</title></head><body><main>
<h1>Informacje</h1>
<h3>Formy płatności</h3><p>Gotówka lub karta.</p>
<h3>Odwoływanie wizyt</h3><p>Wizytę można odwołać najpóźniej 24 godziny wcześniej.</p>
<h3>Dostępność</h3><p>Gabinet jest na parterze, bez schodów.</p></main></body></html>"""


def test_french_labels() -> None:
    url = ROOT + "/infos/"
    assert extract(FRENCH, "/infos/").policies == [
        Policy("payment", "Moyens de paiement", "Espèces, chèques et carte bancaire.", url),
        Policy("cancellation", "Politique d’annulation",
               "Toute annulation doit être faite 48 h à l’avance.", url),
        Policy("parking", "Stationnement", "Parking gratuit devant le cabinet.", url),
    ]  # fmt: skip


def test_polish_labels() -> None:
    url = ROOT + "/informacje/"
    assert [(p.kind, p.label) for p in extract(POLISH, "/informacje/").policies] == [
        ("payment", "Formy płatności"),
        ("cancellation", "Odwoływanie wizyt"),
        ("accessibility", "Dostępność"),
    ]
    assert extract(POLISH, "/informacje/").policies[0].source_url == url


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Zahlungsarten", "payment"),
        ("Stornierung", "cancellation"),
        ("Parkplätze", "parking"),
        ("Barrierefreiheit", "accessibility"),
        ("Modalità di pagamento", "payment"),
        ("Cancellazioni", "cancellation"),
        ("Parcheggio", "parking"),
        ("Formas de pago", "payment"),
        ("Cancelación", "cancellation"),
        ("Aparcamiento", "parking"),
        ("Reservas", "booking"),
        ("Booking and cancellation", "cancellation"),
        ("Our story", None),
        ("We accept payment by card at reception and online", None),  # prose, not a label
        ("Can I pay by card?", None),
    ],
)
def test_label_kinds(label: str, kind: str | None) -> None:
    assert label_kind(label) == kind
