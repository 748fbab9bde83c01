"""Words in a role that mean "runs the place", by language, best first.

"Who runs / owns / is in charge?" is answered by the person whose printed role says so, and
sites print it in their own language ("Właścicielka", "Inhaberin", "fondatrice"). A table of
languages, not of trades: each word is one any business might put under its owner's name.
Groups are ranked: an owner or founder is a better answer to "who runs it" than a manager.
"""

from __future__ import annotations

import re
from functools import cache

from acorn.extract.pagewords import fold

# Folded lower case, matched at a word start ("fondat" covers fondateur and fondatrice).
LEADER_WORDS: tuple[tuple[str, ...], ...] = (
    (
        "owner", "co-owner", "proprietor", "founder", "co-founder",
        "proprietaire", "fondat", "inhaber", "grunder", "titolare", "proprietari",
        "propietari", "fundador", "dueno", "duena", "wlasciciel", "zalozyciel",
    ),
    (
        "principal", "director", "managing director", "head", "chief", "ceo",
        "directeur", "directrice", "gerant", "geschaftsfuhrer", "geschaeftsfuehrer", "leiter",
        "leitung", "direttore", "direttrice", "directora", "gerente", "dyrektor",
        "prezes", "kierownik",
    ),
    ("manager", "lead", "responsable", "responsabile"),
)  # fmt: skip
# Question words (stems) that ask who runs the place; English, like the rest of intent.
ASKS_LEADER = frozenset(
    {"run", "own", "owner", "boss", "charg", "head", "found", "founder", "manag", "director",
     "proprietor", "princip", "lead"}
)  # fmt: skip


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in group)})", re.I)
        for group in LEADER_WORDS
    )


def leader_rank(role: str) -> int | None:
    """0 for an owner or founder, 1 for a director or head, 2 for a manager or lead; None
    for a role that runs nothing."""
    text = fold(role).lower()
    for rank, pattern in enumerate(_patterns()):
        if pattern.search(text):
            return rank
    return None
