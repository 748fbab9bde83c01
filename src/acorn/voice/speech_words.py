"""The handful of words :mod:`acorn.voice.speech_text` says itself, per language.

Everything a locale database knows (day names, currency names, which clock a country reads)
comes from CLDR through babel; only the joining words CLDR has no entry for live here. A
language missing from the table is spoken with English joining words and its own CLDR names,
which an eSpeak voice still reads sensibly.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    to: str  # "9 to 5", "60 to 80 dollars"
    days_to: str  # "Monday to Friday" (French says "lundi au vendredi")
    at: str  # the @ of an e-mail address
    dot: str
    dash: str
    underscore: str
    plus: str  # a phone number's leading +
    or_more: str  # "$40+"
    per: str  # "/hour"
    hour: str = ""  # "17 Uhr 30": the word after the hour on a 24-hour clock ("" = "17:30")
    and_: str = "and"


WORDS: dict[str, Words] = {
    "en": Words("to", "to", "at", "dot", "dash", "underscore", "plus", "or more", "per"),
    "de": Words(
        "bis",
        "bis",
        "at",
        "Punkt",
        "Strich",
        "Unterstrich",
        "plus",
        "oder mehr",
        "pro",
        "Uhr",
        "und",
    ),
    "fr": Words(
        "à",
        "au",
        "arobase",
        "point",
        "tiret",
        "tiret bas",
        "plus",
        "ou plus",
        "par",
        "heures",
        "et",
    ),
    "es": Words("a", "a", "arroba", "punto", "guion", "guion bajo", "más", "o más", "por", "", "y"),
    "it": Words(
        "a",
        "a",
        "chiocciola",
        "punto",
        "trattino",
        "trattino basso",
        "più",
        "o più",
        "per",
        "",
        "e",
    ),
    "pt": Words(
        "a", "a", "arroba", "ponto", "hífen", "sublinhado", "mais", "ou mais", "por", "", "e"
    ),
    "nl": Words(
        "tot",
        "tot",
        "apenstaartje",
        "punt",
        "streepje",
        "laag streepje",
        "plus",
        "of meer",
        "per",
        "uur",
        "en",
    ),
    "pl": Words(
        "do", "do", "małpa", "kropka", "myślnik", "podkreślnik", "plus", "lub więcej", "za", "", "i"
    ),
    "bg": Words(
        "до",
        "до",
        "кльомба",
        "точка",
        "тире",
        "долна черта",
        "плюс",
        "или повече",
        "на",
        "часа",
        "и",
    ),
}


def words_for(language: str) -> Words:
    return WORDS.get(language.lower().split("-")[0].split("_")[0], WORDS["en"])
