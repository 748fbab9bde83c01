"""Weekday names and the words around opening hours, by language (ISO 639-1).

A language table, not a list of sites. Index 0 is Monday; ``|`` separates spellings of one
day (with and without diacritics, as people type them). Whole names are read on any page:
they are not ordinary words elsewhere. Abbreviations ("Mo", "mar", "pt.") are, so they are
only read on a page in that language (see :func:`acorn.extract.language.page_language`).
"""

from __future__ import annotations

from dataclasses import dataclass

Week = tuple[str, str, str, str, str, str, str]


@dataclass(frozen=True, slots=True)
class DayWords:
    full: Week
    short: Week | None = None  # abbreviations, read only on pages in this language
    closed: tuple[str, ...] = ()
    daily: tuple[str, ...] = ()  # "every day"
    until: tuple[str, ...] = ()  # between two times: "9 bis 18"


LANGUAGES: dict[str, DayWords] = {
    "de": DayWords(
        full=(
            "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag|sonnabend",
            "sonntag",
        ),
        short=("mo", "di", "mi", "do", "fr", "sa", "so"),
        closed=("geschlossen", "ruhetag"),
        daily=("täglich", "taglich"),
        until=("bis",),
    ),
    "fr": DayWords(
        full=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        short=("lun", "mar", "mer", "jeu", "ven", "sam", "dim"),
        closed=("fermé", "fermée", "ferme", "fermee"),
        daily=("tous les jours",),
        until=("à", "a", "au"),
    ),
    "it": DayWords(
        full=(
            "lunedì|lunedi", "martedì|martedi", "mercoledì|mercoledi", "giovedì|giovedi",
            "venerdì|venerdi", "sabato", "domenica",
        ),
        short=("lun", "mar", "mer", "gio", "ven", "sab", "dom"),
        closed=("chiuso", "chiusi"),
        daily=("tutti i giorni",),
        until=("a", "al", "alle"),
    ),
    "es": DayWords(
        full=(
            "lunes", "martes", "miércoles|miercoles", "jueves", "viernes", "sábado|sabado",
            "domingo",
        ),
        short=("lun", "mar", "mié|mie", "jue", "vie", "sáb|sab", "dom"),
        closed=("cerrado",),
        daily=("todos los días", "todos los dias"),
        until=("a", "al"),
    ),
    "pt": DayWords(
        full=(
            "segunda-feira", "terça-feira|terca-feira", "quarta-feira", "quinta-feira",
            "sexta-feira", "sábado|sabado", "domingo",
        ),
        short=("seg|segunda", "ter|terça|terca", "qua|quarta", "qui|quinta", "sex|sexta",
               "sáb|sab", "dom"),
        closed=("fechado",),
        daily=("todos os dias",),
        until=("a", "às", "as", "até", "ate"),
    ),
    "pl": DayWords(
        full=(
            "poniedziałek|poniedzialek", "wtorek", "środa|sroda", "czwartek", "piątek|piatek",
            "sobota", "niedziela",
        ),
        short=("pon|pn", "wt|wto", "śr|sr", "czw|cz", "pt|pią|pia", "sob|sb", "niedz|nd|ndz"),
        closed=("zamknięte", "zamkniete", "nieczynne", "nieczynny"),
        daily=("codziennie",),
        until=("do",),
    ),
    "nl": DayWords(
        full=("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
        short=("ma", "di", "wo", "do", "vr", "za", "zo"),
        closed=("gesloten",),
        daily=("dagelijks", "elke dag"),
        until=("tot",),
    ),
    "bg": DayWords(
        full=("понеделник", "вторник", "сряда", "четвъртък", "петък", "събота", "неделя"),
        short=("пон|пн", "вт", "ср", "чет|чт", "пет|пт", "съб|сб", "нед|нд"),
        closed=("затворено", "почивен", "почивни"),
        daily=("всеки ден", "ежедневно"),
        until=("до",),
    ),
}  # fmt: skip


def spellings(week: Week) -> dict[str, int]:
    """Each spelling (lower case) -> weekday index."""
    return {name: day for day, names in enumerate(week) for name in names.split("|")}


def full_names() -> dict[str, int]:
    """The whole day names of every language in the table."""
    out: dict[str, int] = {}
    for words in LANGUAGES.values():
        out.update(spellings(words.full))
    return out


def base_language(lang: str | None) -> str | None:
    """``de-AT`` -> ``de``; None for an unknown or missing tag."""
    if not lang:
        return None
    return lang.replace("_", "-").split("-", 1)[0].strip().lower() or None
