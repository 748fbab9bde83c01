"""Hours, phones and the page's language on pages not in English (made-up businesses)."""

from __future__ import annotations

import pytest

from acorn.extract.hours import find_hours, parse_hours_line
from acorn.extract.language import detect_language, page_language, region_for_language
from acorn.extract.phones import find_phones, guess_region
from acorn.extract.types import FactKind
from tests.extract.test_page import FIXTURES, extract

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"]


def facts(name: str) -> tuple[str | None, dict, list[dict]]:
    page = extract((FIXTURES / name).read_text(encoding="utf-8"), "http://127.0.0.1:8801/x/")
    [hours] = [f.value for f in page.facts if f.kind == FactKind.OPENING_HOURS]
    phones = [f.value for f in page.facts if f.kind == FactKind.PHONE]
    return page.lang, hours, phones


def test_german_page_hours_phone_and_language() -> None:
    lang, hours, phones = facts("hours_de.html")
    assert lang == "de"
    assert hours == {
        **{day: [["15:00", "20:00"]] for day in WEEKDAYS},
        "saturday": [["08:00", "13:00"]],
        "sunday": [],
    }
    assert [(p["e164"], p["display"]) for p in phones] == [("+493012345678", "(0 30) 12 34 56 78")]


def test_bulgarian_page_without_lang_attribute_is_detected() -> None:
    lang, hours, phones = facts("hours_bg.html")
    assert lang == "bg"  # no <html lang>: read from the text
    assert hours == {
        **{day: [["09:00", "18:00"]] for day in WEEKDAYS},
        "saturday": [["10:00", "14:00"]],
        "sunday": [],
    }
    assert [(p["e164"], p["display"]) for p in phones] == [("+35929876543", "02 987 6543")]


@pytest.mark.parametrize(
    ("lang", "line", "expected"),
    [
        ("fr", "lun-ven 9h-18h", {d: [["09:00", "18:00"]] for d in WEEKDAYS}),
        ("fr", "sam. 9h30 - 12h", {"saturday": [["09:30", "12:00"]]}),
        ("fr", "mar. 9h-12h, dim. fermé", {"tuesday": [["09:00", "12:00"]], "sunday": []}),
        ("it", "lunedì–venerdì 9.00–18.00", {d: [["09:00", "18:00"]] for d in WEEKDAYS}),
        ("it", "sab 9.00-13.00, dom chiuso", {"saturday": [["09:00", "13:00"]], "sunday": []}),
        ("pl", "pon.–pt. 9:00–17:00", {d: [["09:00", "17:00"]] for d in WEEKDAYS}),
        (
            "pl",
            "sob. 10:00-14:00, niedz. nieczynne",
            {"saturday": [["10:00", "14:00"]], "sunday": []},
        ),
        ("de", "Montag bis Freitag von 9 bis 18 Uhr", {d: [["09:00", "18:00"]] for d in WEEKDAYS}),
        ("nl", "ma-vr 9:00-17:30", {d: [["09:00", "17:30"]] for d in WEEKDAYS}),
        ("es", "lun-vie 9:00-14:00", {d: [["09:00", "14:00"]] for d in WEEKDAYS}),
        ("pt", "seg-sex 9h-18h", {d: [["09:00", "18:00"]] for d in WEEKDAYS}),
        ("bg", "Понеделник - Петък: 09:00 - 18:00", {d: [["09:00", "18:00"]] for d in WEEKDAYS}),
    ],
)
def test_hours_in_the_pages_language(lang: str, line: str, expected: dict) -> None:
    assert parse_hours_line(line, lang) == expected


def test_abbreviations_only_in_their_language() -> None:
    # "Mo", "pt." and "mar" are not days on an English page, and "mar 9" is March 9th there
    assert parse_hours_line("Mo–Fr 15:00 - 20:00 Uhr") == {}
    assert parse_hours_line("pon.–pt. 9:00–17:00", "en") == {}
    assert parse_hours_line("Concert mar 9 from 7-9pm") == {}
    # whole names are read whatever the page says its language is
    assert find_hours("Montag bis Freitag 9-18 Uhr", lang="en")


def test_language_declared_detected_and_region() -> None:
    assert page_language("de-AT", "whatever") == "de-AT"
    assert (
        page_language(None, "Die Bäckerei hat heute geschlossen, weil wir Urlaub machen.") == "de"
    )
    assert detect_language("Hi") is None  # too little text to guess
    assert region_for_language("de-AT") == "AT" and region_for_language("pl") == "PL"
    assert region_for_language("en") is None
    assert guess_region("http://127.0.0.1/", "tekst", "pl", None) == ("PL", False)
    assert guess_region("https://piekarnia.pl/", "tekst", "de", None) == ("PL", True)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("P. IVA: 02233730049", "IT"),
        ("NIP 599-169-76-18, REGON 211059228", "PL"),
        ("USt-IdNr.: DE 123456789", "DE"),
        ("Company No. 01983291", "GB"),
    ],
)
def test_tax_and_register_numbers_are_not_phones(text: str, region: str) -> None:
    assert find_phones(text, region) == []


def test_a_phone_beside_a_register_number_is_kept() -> None:
    found = find_phones("P. IVA: 02233730049 - Tel. 0171 955123", "IT")
    assert [(e164, display) for e164, display, _ in found] == [("+390171955123", "0171 955123")]
    found = find_phones("NIP 599-169-76-18, REGON 211059228, tel. 95 720 12 34", "PL")
    assert [display for _, display, _ in found] == ["95 720 12 34"]
