"""for_speech: general rewriting rules, one case per kind of thing a voice reads badly."""

from __future__ import annotations

import pytest

from acorn.voice.speech_text import for_speech, sentences

CASES = [
    # citations and markup
    ("en", "We open at noon [1].", "We open at noon."),
    ("en", "Parking is free [2, 3] behind the shop.", "Parking is free behind the shop."),
    ("en", "Yes, we do (source: https://example.com/faq).", "Yes, we do."),
    ("en", "Yes.\nSources: Home, FAQ", "Yes."),
    ("en", "See [our menu](https://example.com/menu).", "See our menu."),
    ("en", "**Note:** walk-ins welcome.", "Note: walk-ins welcome."),
    ("en", "- Tuesday\n- Thursday", "Tuesday\nThursday"),
    # addresses
    ("en", "Write to info@example.com.", "Write to info at example dot com."),
    ("en", "Mail front.desk@my-shop.co.uk", "Mail front dot desk at my dash shop dot co dot uk"),
    ("en", "Book at https://www.example.com/book?x=1.", "Book at example dot com."),
    ("en", "Visit www.example.org today", "Visit example dot org today"),
    ("de", "Schreiben Sie an info@beispiel.de", "Schreiben Sie an info at beispiel Punkt de"),
    ("fr", "Écrivez à contact@exemple.fr", "Écrivez à contact arobase exemple point fr"),
    ("es", "Escriba a hola@ejemplo.es", "Escriba a hola arroba ejemplo punto es"),
    # phone numbers: digit by digit, in the country's groups
    ("en", "Call (415) 867-5309 today.", "Call 4 1 5, 8 6 7, 5 3 0 9 today."),
    ("en", "Call +44 20 7946 0000.", "Call plus 4 4, 2 0, 7 9 4 6, 0 0 0 0."),
    ("de", "Tel. 030 1234567", "Tel. 0 3 0, 1 2 3 4 5 6 7"),
    # prices
    ("en", "A cut is $60–$80.", "A cut is 60 to 80 dollars."),
    ("en", "Lessons from £45/h.", "Lessons from 45 pounds per hour."),
    ("en", "Kids $40+", "Kids 40 dollars or more"),
    ("en", "Coffee is $4.50.", "Coffee is 4 dollars 50."),
    ("en", "It costs 120 PLN.", "It costs 120 Polish zlotys."),
    ("de", "Preis: 35-45€.", "Preis: 35 bis 45 Euro."),
    ("fr", "Un café: 4,50 €.", "Un café: 4 euros 50."),
    ("es", "Precio: 20 €.", "Precio: 20 euros."),
    # clock times
    ("en", "Open 9am–5pm.", "Open 9 a.m. to 5 p.m."),
    ("en", "Open 09:00–17:00 daily", "Open 9 a.m. to 5 p.m. daily"),
    ("en", "Open 9:30 am - 5:45 pm", "Open 9:30 a.m. to 5:45 p.m."),
    ("en", "Lunch 11-2pm", "Lunch 11 a.m. to 2 p.m."),
    ("en", "Brunch 9-11am", "Brunch 9 a.m. to 11 a.m."),
    ("en", "We close at 12pm.", "We close at noon."),
    ("en", "Bar open until 12:00 am. Come by.", "Bar open until midnight. Come by."),
    ("en", "Chapter 9 to 5", "Chapter 9 to 5"),
    ("de", "Geöffnet 9:00–17:30 Uhr.", "Geöffnet 9 Uhr bis 17 Uhr 30."),
    ("de", "Geöffnet 9am-5pm.", "Geöffnet 9 Uhr bis 17 Uhr."),
    ("fr", "Ouvert 09:00–18:30", "Ouvert 9 heures à 18 heures 30"),
    ("es", "Abierto de 09:00 a 17:00.", "Abierto de 9 a 17."),
    # days
    ("en", "Open Mon–Fri.", "Open Monday to Friday."),
    ("en", "Mon-Sat 10am-6pm, Sun: closed", "Monday to Saturday 10 a.m. to 6 p.m., Sunday: closed"),
    ("en", "Tues & Thurs 9am", "Tuesday & Thursday 9 a.m."),
    ("en", "We sat down and ate.", "We sat down and ate."),
    ("de", "Mo–Fr 8:00–16:00", "Montag bis Freitag 8 Uhr bis 16 Uhr"),
    ("de", "Mon-Fri geöffnet", "Montag bis Freitag geöffnet"),
    ("fr", "Ouvert du lun. au ven.", "Ouvert du lundi au vendredi."),
    ("es", "Abierto lun–vie", "Abierto lunes a viernes"),
    ("pl", "Czynne pon.–pt. 8:00–16:00", "Czynne poniedziałek do piątek 8 do 16"),
    # nothing to change
    ("en", "We are a family bakery.", "We are a family bakery."),
    ("en", "", ""),
]


@pytest.mark.parametrize(("language", "text", "spoken"), CASES)
def test_for_speech(language: str, text: str, spoken: str) -> None:
    assert for_speech(text, language) == spoken


def test_region_reads_local_numbers_and_dollars() -> None:
    assert for_speech("Call 020 7946 0000", "en", region="GB") == "Call 0 2 0, 7 9 4 6, 0 0 0 0"
    # a bare "$" on a Canadian business's page is Canadian dollars, said "dollars"
    assert for_speech("It is $20.", "en", region="CA") == "It is 20 dollars."


def test_unknown_language_still_rewrites() -> None:
    assert for_speech("Mail info@example.com [1]", "xx") == "Mail info at example dot com"


def test_no_url_or_marker_survives() -> None:
    spoken = for_speech(
        "Book online at https://example.com/booking/new?ref=widget [3] or call "
        "+1 415 867 5309 (source: https://example.com/contact).",
        "en",
    )
    assert "http" not in spoken and "/" not in spoken and "[" not in spoken
    assert "source" not in spoken.lower()


def test_sentences() -> None:
    text = "Dr. Smith sees patients at 9 a.m. on Mondays. Call us! Is it open? Yes."
    assert sentences(text) == [
        "Dr. Smith sees patients at 9 a.m. on Mondays.",
        "Call us!",
        "Is it open?",
        "Yes.",
    ]
    assert sentences("Wir öffnen um 9 Uhr, z. B. montags. Danke.", "de") == [
        "Wir öffnen um 9 Uhr, z. B. montags.",
        "Danke.",
    ]
    assert sentences("  ") == []
    assert sentences("One. Two.", "xx") == ["One.", "Two."]
