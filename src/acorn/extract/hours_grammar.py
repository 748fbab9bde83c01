"""The patterns the opening-hours reader (:mod:`acorn.extract.hours`) matches, built once per
page language from the English forms and the table in :mod:`acorn.extract.daynames`.

Whole day names of every language are read on any page; a language's abbreviations, and the
words it puts between two times ("9 bis 18", "od 9 do 17"), only on a page in it. A month
abbreviation that is a weekday in the page's language ("mar" is mardi) stops counting as a
month there, so "mar. 9h-12h" is Tuesday, not the 9th of March.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from acorn.extract.daynames import LANGUAGES, full_names, spellings

_EN_DAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|"
    r"fri(?:day)?|sat(?:urday)?|sun(?:day)?)s?\.?"
)
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_EN_SPECIAL = (
    r"week\s?days|week\s?ends?|daily|every\s?day|7\s*days(?:\s*a\s*week)?|seven\s+days|"
    r"(?:public|bank)\s+holidays?|holidays|m\s?[-–]\s?f|jours\s+f[ée]ri[ée]s|feiertage?"
)
_EN_CLOSED = ("closed",)
_TIME = (
    r"(?:(?<![\d.:,£$€/])\d{1,2}(?:\s?[:.h]\s?\d{2})?(?!\d)(?:\s?(?:h|uhr)(?![a-z]))?"
    r"\s*(?:a\.?m\.?|p\.?m\.?)?(?![a-z0-9])"
    r"|noon|midday|midnight)"
)
_EN_UNTIL = ("-", "–", "—", "−", "~", "\\|", "to", "until", "till", "til", "through", "thru")
_EN_AND = ("&", "and", ",", "/", "\\+", "or", "et", "und", "y", "e", "i", "en", "и", "ou")
_NOT_DURATION = r"(?!\s*(?:minutes|mins|min|years|yrs|%|people|days|weeks|months|hours|hrs))"


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    """Longest first, so "mercredi" wins over "mer"; words are escaped, spaces flexible."""
    unique = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique)


@dataclass(frozen=True)
class Grammar:
    """The patterns for reading hours on a page in one language (None: language unknown)."""

    days: dict[str, int]
    token: re.Pattern[str]
    connect: re.Pattern[str]
    range_connect: re.Pattern[str]
    day_only: re.Pattern[str]
    date: re.Pattern[str]
    hints: tuple[str, ...]
    closed_hints: tuple[str, ...]


@functools.lru_cache(maxsize=32)
def grammar(lang: str | None) -> Grammar:
    own = LANGUAGES.get(lang or "")
    days = full_names()
    short = spellings(own.short) if own is not None and own.short else {}
    days.update(short)
    every = LANGUAGES.values()
    daily = [w for words in every for w in words.daily]
    closed = [*_EN_CLOSED, *(w for words in every for w in words.closed)]
    until = [*_EN_UNTIL, *(LANGUAGES["fr"].until), *(LANGUAGES["de"].until), "al"]
    until += list(own.until) if own is not None else []
    long_names = [d for d in days if d not in short]
    day = (
        rf"(?:{_EN_DAY}|(?:{_alternation(long_names)})s?"
        + (rf"|(?:{_alternation(list(short))})\.?" if short else "")
        + rf"){_NOT_LETTER_AFTER}"
    )
    special = rf"{_EN_SPECIAL}|{_alternation(daily)}"
    until_re = "|".join(w if not w.isalpha() else re.escape(w) for w in until)
    rsep = rf"\s*(?:{until_re})\s*"
    token = re.compile(
        rf"(?P<range>(?:from\s+)?{_TIME}{rsep}{_TIME}){_NOT_DURATION}"
        rf"|(?P<day>{_NOT_LETTER_BEFORE}{day})"
        rf"|(?P<special>{_NOT_LETTER_BEFORE}(?:{special}){_NOT_LETTER_AFTER})"
        rf"|(?P<closed>{_NOT_LETTER_BEFORE}(?:{_alternation(closed)}){_NOT_LETTER_AFTER})"
        r"|(?P<h24>(?<![a-z0-9])(?:24\s*(?:hours|hrs|h|/7)|open\s+24)(?![a-z]))",
        re.I,
    )
    words = [w for w in until if w.isalpha()]
    and_words = [w for w in _EN_AND if w.isalpha()]
    symbols = "|".join([r"-", "–", "—", r",", r"/", r"\+", r"&"])
    connect = re.compile(
        rf"^[\s,:;.]*(?:{symbols}|{_alternation(words + and_words)})?[\s,:.]*$", re.I
    )
    range_connect = re.compile(
        r"-|–|—|" + "|".join(rf"\b{re.escape(w)}\b" for w in sorted(set(words))), re.I
    )
    day_only = re.compile(
        rf"^[\s:|-]*(?:(?:{day}|{special})[\s,.:&/|–—-]*(?:to|and|through)?[\s,.:&/|–—-]*)+$",
        re.I,
    )
    months = "|".join(m for m in _MONTHS if m.split("(")[0] not in days)
    date = re.compile(_DATE_TEMPLATE.replace("{M}", months), re.I)
    hints = (*_EN_HINTS, *days, *daily)
    return Grammar(days, token, connect, range_connect, day_only, date, hints, tuple(closed))


_MONTHS = (
    "jan(?:uary)?", "feb(?:ruary)?", "mar(?:ch)?", "apr(?:il)?", "may", "jun(?:e)?", "jul(?:y)?",
    "aug(?:ust)?", "sep(?:t(?:ember)?)?", "oct(?:ober)?", "nov(?:ember)?", "dec(?:ember)?",
)  # fmt: skip
# A month name beside a day number: an event date, not weekly hours. A month abbreviation
# that is a weekday on the page's language ("mar" is mardi) is left out for that language.
_DATE_TEMPLATE = (
    r"\b(?:{M})\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{M})\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b"
)
_EN_HINTS = (
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "week",
    "daily",
    "day",
    "24",
    "m-f",
    "m–f",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "tous les jours",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "täglich",
    "lunes",
    "martes",
    "miércoles",
    "miercoles",
    "jueves",
    "viernes",
    "sábado",
    "sabado",
    "domingo",
    "días",
)
