"""Answers rewritten for the ear, and split into sentences for streaming.

A reply written for the screen reads badly aloud: a voice spells out "https colon slash
slash", reads "[1]" as "one", "9am–5pm" as "nine am five pm" and a phone number as one huge
figure. :func:`for_speech` turns each such thing into what a receptionist would say, with
general rules only (nothing knows any one site): phone numbers are found by libphonenumber,
prices by :mod:`acorn.values.money`, day and currency names and which clock a language reads
come from CLDR (babel); the few joining words CLDR lacks are in :mod:`.speech_words`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import phonenumbers
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import get_day_names
from babel.numbers import get_currency_name

from acorn.values.money import Money, find_money, region_currency
from acorn.voice.speech_words import Words, words_for

# ------------------------------------------------------------------ markup and citations
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?://|mailto:|/)[^)\s]*\)")
_CITATION = re.compile(
    r"\s*\[(?:\d+(?:\s*[,–-]\s*\d+)*|(?:source|src|ref|cite)[^\]\n]*)\]", re.IGNORECASE
)
_SOURCE_NOTE = re.compile(
    r"\s*[(\[](?:sources?|quelles?|fuentes?|fontes?|źródła|źródło|via)\s*:[^)\]\n]*[)\]]",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(r"^\s*(?:sources?|quellen?|fuentes?|fontes?)\s*:.*$", re.I | re.M)
_MARKUP = re.compile(r"\*\*|__|`|^\s{0,3}#{1,6}\s+|^\s*(?:[-*•]|\d+[.)])\s+", re.MULTILINE)

# ------------------------------------------------------------------ addresses
_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]\"']+", re.IGNORECASE)

# ------------------------------------------------------------------ times
_H12 = r"\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?\s?m\b\.?"
_H24 = r"(?<![\d:.,])\d{1,2}:\d{2}(?![\d:])"
_TIME = rf"(?:{_H12}|{_H24})"
_RANGE_SEP = r"\s*(?:-|–|—|to|until|till|bis|à|au|a|do|tot|до)\s*"
# An hour word already written after the time ("9:00–17:30 Uhr") is not said twice.
_HOUR_WORD = r"(?P<unit>\s*(?:Uhr|heures|h|hrs|godz\.?|ч\.?|часа)(?!\w))?"
_TIME_RANGE = re.compile(
    rf"(?<![\d:.,])(?P<a>{_TIME}|\d{{1,2}}(?=\s*[-–—]\s*{_H12}))(?P<sep>{_RANGE_SEP})"
    rf"(?P<b>{_TIME}){_HOUR_WORD}",
    re.IGNORECASE,
)
_TIME_ONE = re.compile(rf"(?<![\d:.,]){_TIME}{_HOUR_WORD}", re.IGNORECASE)
# What follows a token whose final "." ended the sentence as well ("... until 5 p.m. Call").
_SENTENCE_GOES_ON = re.compile(r"\s*$|\s+[A-ZÀ-Ý]")
_TIME_PARTS = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*(?:([ap])\.?\s?m)?", re.IGNORECASE)

_LIST_AFTER_DAY = r"(?=\s*(?:[:,&/]|\d|$))"


def for_speech(text: str, language: str = "en", *, region: str | None = None) -> str:
    """``text`` as it should be said in ``language`` (ISO 639-1). ``region`` (ISO 3166, the
    business's country) lets local phone numbers and a bare "$" or "kr" be read right; by
    default it is the language's most likely country (CLDR)."""
    lang = _language(language)
    region = (region or _likely_region(lang) or "US").upper()
    words = words_for(lang)
    text = _strip_markup(text)
    text = _EMAIL.sub(lambda m: _spoken_email(m, words), text)
    text = _URL.sub(lambda m: _spoken_url(m.group(0), words), text)
    text = _spoken_phones(text, region, words)
    text = _spoken_prices(text, lang, region, words)
    text = _TIME_RANGE.sub(lambda m: _spoken_time_range(m, lang, words), text)
    text = _TIME_ONE.sub(lambda m: _spoken_one_time(m, lang, words), text)
    text = _spoken_days(text, lang, words)
    return _tidy(text)


def sentences(text: str, language: str = "en") -> list[str]:
    """The sentences of ``text`` in order, for speaking one while the next is synthesised.
    pysbd knows abbreviations ("Dr.", "e.g.", "a.m.") that a naive split on "." cuts at."""
    if not text.strip():
        return []
    return [s.strip() for s in _segmenter(_language(language)).segment(text) if s.strip()]


# ------------------------------------------------------------------ helpers


def _language(language: str | None) -> str:
    return (language or "en").lower().replace("_", "-").split("-")[0] or "en"


@cache
def _likely_region(lang: str) -> str | None:
    subtags = get_global("likely_subtags").get(lang)
    return subtags.split("_")[-1] if subtags else None


@cache
def _segmenter(lang: str) -> Any:
    import pysbd

    try:
        return pysbd.Segmenter(language=lang, clean=False)
    except ValueError:  # a language pysbd has no rules for: English rules still split on .?!
        return pysbd.Segmenter(language="en", clean=False)


def _strip_markup(text: str) -> str:
    text = _MD_LINK.sub(lambda m: "" if m.group(1).strip().isdigit() else m.group(1), text)
    text = _SOURCE_LINE.sub("", text)
    text = _SOURCE_NOTE.sub("", text)
    text = _CITATION.sub("", text)
    return _MARKUP.sub("", text)


def _spoken_name(name: str, words: Words) -> str:
    """A host name or an address's local part: "info.desk" → "info dot desk"."""
    name = re.sub(r"\.", f" {words.dot} ", name)
    name = name.replace("_", f" {words.underscore} ").replace("-", f" {words.dash} ")
    return re.sub(r"\+", f" {words.plus} ", name)


def _spoken_email(m: re.Match[str], words: Words) -> str:
    local, domain = m.group(1), m.group(2).lower()
    return f"{_spoken_name(local, words)} {words.at} {_spoken_name(domain, words)}"


def _spoken_url(url: str, words: Words) -> str:
    """A web address becomes its site's name ("example dot com"): the path is never worth
    hearing, and "h t t p s" even less."""
    trail = re.search(r"[.,;:!?]+$", url)
    url = url[: trail.start()] if trail else url
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE)
    host = re.split(r"[/?#:]", host, maxsplit=1)[0].lower()
    return _spoken_name(host, words) + (trail.group(0) if trail else "")


def _spoken_phones(text: str, region: str, words: Words) -> str:
    """Each phone number digit by digit, in the groups the country writes it in (a listener
    writes it down as it is said): "+44 20 7946 0000" → "plus 4 4, 2 0, 7 9 4 6, 0 0 0 0"."""
    try:
        matches = list(phonenumbers.PhoneNumberMatcher(text, region))
    except Exception:  # a region libphonenumber does not know: international numbers only
        matches = list(phonenumbers.PhoneNumberMatcher(text, None))
    for match in reversed(matches):
        number = match.number
        number.extension = None
        home = phonenumbers.country_code_for_region(region)
        fmt = (
            phonenumbers.PhoneNumberFormat.NATIONAL
            if number.country_code == home
            else phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
        written = phonenumbers.format_number(number, fmt)
        groups = [
            words.plus if token == "+" else " ".join(token)
            for token in re.findall(r"\+|\d+", written)
        ]
        spoken = ", ".join(groups).replace(f"{words.plus}, ", f"{words.plus} ")
        text = text[: match.start] + spoken + text[match.end :]
    return text


def _spoken_prices(text: str, lang: str, region: str, words: Words) -> str:
    for money in reversed(find_money(text, region_currency(region))):
        spoken = _spoken_money(money, lang, words)
        if spoken:
            text = text[: money.start] + spoken + text[money.end :]
    return text


def _figure(amount: float, lang: str) -> str:
    whole, cents = int(amount), round((amount - int(amount)) * 100)
    if not cents:
        return str(whole)
    return f"{whole}{'.' if lang == 'en' else ','}{cents:02d}"


def _spoken_money(money: Money, lang: str, words: Words) -> str | None:
    """ "$60–$80" → "60 to 80 dollars", "from £45/h" → "from 45 pounds per hour"."""
    if money.amount is None or money.currency is None:
        return None
    top = money.high if money.high is not None else money.amount
    try:
        name = get_currency_name(money.currency, count=max(1, int(top)), locale=lang)
    except (UnknownLocaleError, ValueError):
        name = get_currency_name(money.currency, count=max(1, int(top)), locale="en")
    if lang == "en" and re.search(r"[$£€¥₹]", money.text):
        # A bare sign names the local currency: "US dollars" is said "dollars".
        name = name.split()[-1]
    low = money.amount
    if money.high is None and (low - int(low)) and lang in ("en", "de", "fr", "es", "it", "pt"):
        figures = f"{int(low)} {name} {round((low - int(low)) * 100):02d}"  # "4 euros 50"
    elif money.high is not None:
        figures = f"{_figure(low, lang)} {words.to} {_figure(money.high, lang)} {name}"
    else:
        figures = f"{_figure(low, lang)} {name}"
    parts = []
    if money.qualifier and money.qualifier != "+":
        parts.append(money.text[: len(money.qualifier)])  # "From", "ab", as written
    parts.append(figures)
    if money.qualifier == "+":
        parts.append(words.or_more)
    if money.unit:
        parts.append(_spoken_unit(money.unit, lang, words))
    return " ".join(parts)


def _spoken_unit(unit: str, lang: str, words: Words) -> str:
    unit = unit.strip()
    if unit.startswith("/"):
        rest = unit[1:].strip()
        if lang == "en":
            rest = {"h": "hour", "hr": "hour", "min": "minute", "pp": "person"}.get(rest, rest)
        return f"{words.per} {rest}"
    if lang == "en" and unit.lower() == "pp":
        return "per person"
    return unit


def _parse_time(token: str) -> tuple[int, int, str | None]:
    m = _TIME_PARTS.match(token.strip())
    if not m:
        return (0, 0, None)
    return int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower() or None


def _to_24h(hour: int, marker: str | None) -> int:
    if marker == "a":
        return 0 if hour == 12 else hour
    if marker == "p":
        return hour if hour == 12 else hour + 12
    return hour


@cache
def _twelve_hour(lang: str) -> bool:
    """Whether the language's usual clock is 12-hour (CLDR's short time pattern has a day
    period): English says "5 p.m.", German "17 Uhr"."""
    try:
        return "a" in Locale.parse(lang).time_formats["short"].pattern
    except (UnknownLocaleError, ValueError, KeyError):
        return False


def _spoken_time(parsed: tuple[int, int, str | None], lang: str, words: Words) -> str:
    hour, minute, marker = parsed
    if hour > 24 or minute > 59 or (marker and not 1 <= hour <= 12):
        return f"{hour}:{minute:02d}" if not marker else f"{hour} {marker}.m."
    h24 = _to_24h(hour, marker) % 24
    if _twelve_hour(lang):
        if minute == 0 and h24 in (0, 12):
            return "midnight" if h24 == 0 and lang == "en" else "noon" if lang == "en" else "12"
        h12 = h24 % 12 or 12
        clock = f"{h12}" if minute == 0 else f"{h12}:{minute:02d}"
        return f"{clock} {'a.m.' if h24 < 12 else 'p.m.'}"
    if words.hour:
        return f"{h24} {words.hour}" + (f" {minute:02d}" if minute else "")
    return f"{h24}" if minute == 0 else f"{h24}:{minute:02d}"


def _keep_full_stop(spoken: str, m: re.Match[str]) -> str:
    """A token that swallowed the sentence's full stop ("closes at 5pm.") gives it back."""
    ended = m.group(0).endswith(".") and not spoken.endswith(".")
    return spoken + "." if ended and _SENTENCE_GOES_ON.match(m.string, m.end()) else spoken


def _hour_unit(m: re.Match[str], words: Words) -> str:
    """The hour word written after a time, unless the spoken time says one already."""
    unit = m.group("unit") or ""
    return "" if words.hour or not unit else unit


def _spoken_one_time(m: re.Match[str], lang: str, words: Words) -> str:
    token = m.group(0)[: len(m.group(0)) - len(m.group("unit") or "")]
    spoken = _spoken_time(_parse_time(token), lang, words) + _hour_unit(m, words)
    return _keep_full_stop(spoken, m)


def _spoken_time_range(m: re.Match[str], lang: str, words: Words) -> str:
    first, second = _parse_time(m.group("a")), _parse_time(m.group("b"))
    if first[2] is None and second[2] is not None and ":" not in m.group("a"):
        # "9–11am" is 9 a.m.; "11–2pm" is 11 a.m.: the first hour inherits the second's
        # period unless it is later on the clock face.
        same = first[0] <= second[0] and first[0] != 12 and second[0] != 12
        marker = second[2] if same else ("a" if second[2] == "p" else "p")
        first = (first[0], first[1], marker)
    if first[2] is None and second[2] is None and ":" not in m.group(0):
        return m.group(0)  # "9 to 5" with no clock at all: leave as written
    a, b = _spoken_time(first, lang, words), _spoken_time(second, lang, words)
    return _keep_full_stop(f"{a} {words.to} {b}{_hour_unit(m, words)}", m)


@cache
def _day_table(lang: str) -> tuple[re.Pattern[str], dict[str, int], tuple[str, ...]]:
    """Abbreviated day names of ``lang`` and of English, mapped to ``lang``'s full names."""
    try:
        wide = get_day_names("wide", locale=lang)
    except (UnknownLocaleError, ValueError):
        wide = get_day_names("wide", locale="en")
    full = tuple(wide[i] for i in range(7))
    table: dict[str, int] = {}
    for source in dict.fromkeys((lang, "en")):
        try:
            names = [get_day_names(w, locale=source) for w in ("abbreviated", "short")]
            source_wide = get_day_names("wide", locale=source)
        except (UnknownLocaleError, ValueError):
            continue
        for i in range(7):
            forms = {n[i].rstrip(".").lower() for n in names} | {source_wide[i][:3].lower()}
            # English two-letter forms ("we", "sa") are words; only the language's own stay.
            table.update({f: i for f in forms if len(f) >= (3 if source == "en" else 2)})
    table.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
    alternatives = "|".join(sorted(map(re.escape, table), key=len, reverse=True))
    pattern = re.compile(
        rf"\b(?P<a>{alternatives})\b(?P<dot>\.)?"
        rf"(?:\s*(?:-|–|—|to|bis|à|au|a|do)\s*(?P<b>{alternatives})\b\.?)?",
        re.IGNORECASE,
    )
    return pattern, table, full


def _spoken_days(text: str, lang: str, words: Words) -> str:
    pattern, table, full = _day_table(lang)

    def replace(m: re.Match[str]) -> str:
        a = m.group("a")
        if m.group("b"):
            spoken = f"{full[table[a.lower()]]} {words.days_to} {full[table[m.group('b').lower()]]}"
            return _keep_full_stop(spoken, m)
        # A lone abbreviation only where it reads as a day in a list or a timetable
        # ("Sat: closed", "Sun 10–4"), never "we sat down".
        written_as_name = a[0].isupper() or m.group("dot")
        if written_as_name and re.match(_LIST_AFTER_DAY, text[m.end() :]):
            return _keep_full_stop(full[table[a.lower()]], m)
        return m.group(0)

    return pattern.sub(replace, text)


def _tidy(text: str) -> str:
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" +([.,;:!?])", r"\1", text)
    text = re.sub(r"([.!?])\1+", r"\1", text)
    text = re.sub(r"\s*\n\s*", "\n", text)
    return text.strip()
