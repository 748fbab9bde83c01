"""Lines beside the opening hours that qualify them: "Closed on bank holidays", "Evenings by
arrangement", "Summer hours: …", "Fermé les jours fériés".

A week table cannot hold them, and a receptionist that states the table without them misleads,
so a short line within a few lines of an hours block (or an hours line itself) that uses one of
these words is kept word for word with its page. The words are a language table (holidays,
seasons, "by appointment", "except"), not any site's.
"""

from __future__ import annotations

import re
from functools import cache

from acorn.extract.pagewords import fold
from acorn.extract.types import HoursNote

# folded lower case; matched at a word start ("holiday" also matches "holidays")
EXCEPTION_WORDS: tuple[str, ...] = (
    # en
    "holiday", "christmas", "easter", "new year", "boxing day", "by appointment",
    "by arrangement", "on request", "appointment only", "seasonal", "season", "summer",
    "winter", "term time", "half term", "except", "excluding", "until further notice",
    "subject to change", "may vary", "closed for",
    # fr
    "ferie", "jours feries", "noel", "paques", "sur rendez-vous", "sur demande", "saison",
    "ete", "hiver", "vacances", "sauf", "fermeture",
    # it
    "festiv", "natale", "pasqua", "su appuntamento", "su richiesta", "stagion", "estate",
    "inverno", "ferie", "tranne", "escluso", "chiusura",
    # de
    "feiertag", "weihnacht", "ostern", "nach vereinbarung", "auf anfrage", "sommer",
    "urlaub", "betriebsferien", "ausser", "außer",
    # es
    "navidad", "semana santa", "con cita", "cita previa", "bajo peticion", "temporada",
    "verano", "invierno", "vacaciones", "excepto", "salvo",
    # pl
    "swiet", "swiat", "dni wolne", "po wczesniejszym", "umowieni", "na zyczenie", "sezon",
    "latem", "zima", "zimie", "wakacj", "oprocz", "z wyjatkiem",
)  # fmt: skip
WINDOW = 3  # lines before and after an hours block searched for notes
MAX_NOTE = 200


@cache
def _pattern() -> re.Pattern[str]:
    parts = sorted({re.escape(w).replace(r"\ ", r"\s+") for w in EXCEPTION_WORDS}, key=len)
    return re.compile(rf"(?<!\w)(?:{'|'.join(reversed(parts))})", re.I)


def is_exception(line: str) -> bool:
    """The line names an exception to the weekly hours (a holiday, a season, a condition)."""
    return _pattern().search(fold(line).lower()) is not None


def hours_notes(full_text: str, hour_contexts: list[str], url: str) -> list[HoursNote]:
    """Exception lines within ``WINDOW`` lines of the lines opening hours were read from
    (``hour_contexts``: the context of each hours block ``find_hours`` found)."""
    if not hour_contexts:
        return []
    lines = [line.strip() for line in full_text.split("\n") if line.strip()]
    near: set[int] = set()
    for i, line in enumerate(lines):
        if len(line) >= 3 and any(line in ctx for ctx in hour_contexts):
            near.update(range(i - WINDOW, i + WINDOW + 1))
    out: list[HoursNote] = []
    seen: set[str] = set()
    for i in sorted(near):
        if not 0 <= i < len(lines):
            continue
        line = lines[i].removeprefix("- ").strip()
        if len(line) > MAX_NOTE or not is_exception(line) or line.lower() in seen:
            continue
        seen.add(line.lower())
        out.append(HoursNote(line, url))
    return out
