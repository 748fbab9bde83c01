"""People's names and the roles printed under them: one reader shared by extraction (team
cards), chunking (a name line stays with its role) and answering.

Whether a string is a person's name is decided by its *shape*, never by a list of names: two to
four capitalised words with no digits ("Jane Smith", "Anna Maria Kowalska", "Jean-Luc de la
Tour"), optionally after a title ("Dr", "Mme", "lek. dent.") and before letters of
qualification ("BDS", "MSc (Hons)"). Words that open headings in every language ("Our",
"Meet", "Notre", "Nasz") are a small language table, so "Our Team" is not a name. A role line
splits the same way: "Principal Dentist, BDS" is the role "Principal Dentist" and the
qualifications "BDS".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Titles written before a name, by language (lower case, without the final dot).
HONORIFICS = frozenset(
    {
        # en
        "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame", "rev",
        # fr
        "m", "mme", "mlle", "pr", "me",
        # de
        "herr", "frau", "dipl",
        # it
        "dott", "dott.ssa", "dottssa", "dr.ssa", "sig", "sig.ra", "sigra", "prof.ssa", "avv",
        "ing",
        # es
        "sr", "sra", "srta", "dra", "lic",
        # pl ("dr n. med.", "lek. dent.", "mgr inż.")
        "lek", "dent", "stom", "mgr", "inż", "inz", "hab", "n", "med", "pan", "pani",
    }
)  # fmt: skip
# Lower-case particles inside a name ("Ana de la Cruz", "Jan van der Berg").
PARTICLES = frozenset(
    {"de", "del", "della", "der", "den", "di", "da", "du", "des", "la", "le", "van", "von",
     "y", "e", "dos", "das", "al", "bin", "ten", "ter", "zu"}
)  # fmt: skip
# Capitalised words that open headings and labels rather than names, by language.
NOT_NAME_WORDS = frozenset(
    {
        # en
        "our", "the", "us", "we", "my", "your", "meet", "and", "of", "for", "with", "to", "in",
        "at", "a", "an", "is", "new", "all", "more", "why", "how", "what", "who", "get",
        "welcome", "home", "hours", "opening", "book", "now", "online", "call", "read", "view",
        "free", "open", "closed", "find", "join", "contact", "about", "team", "staff",
        # fr
        "notre", "nos", "votre", "vos", "les", "des", "et", "qui", "nous", "bienvenue",
        "equipe", "rencontrez",
        # it
        "il", "lo", "gli", "nostro", "nostra", "nostri", "chi", "siamo", "benvenuti", "squadra",
        # de
        "unser", "unsere", "das", "die", "und", "wir", "uber", "willkommen",
        # es
        "nuestro", "nuestra", "nuestros", "el", "los", "las", "quienes", "somos", "equipo",
        # pl
        "nasz", "nasza", "nasi", "nas", "poznaj", "zespol", "witamy", "o",
    }
)  # fmt: skip

_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’-][^\W\d_]+)*$")
_INITIAL = re.compile(r"^[^\W\d_]\.$")
_QUALIFICATION = re.compile(r"^\(?[A-Z][A-Za-z.&]*[A-Z][A-Za-z.&]*\)?$|^\([A-Za-z][A-Za-z .&]*\)$")
_PARTS = re.compile(r"\s*[,|·•/]\s*|\s+[–—-]\s+")


@dataclass(frozen=True, slots=True)
class PersonName:
    """A name as printed ("Dr Jane Smith") and any qualifications written after it."""

    name: str
    qualifications: str | None = None


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ł", "l")


def is_honorific(token: str) -> bool:
    return token.lower().rstrip(".,") in HONORIFICS


def is_qualification(token: str) -> bool:
    """ "BDS", "MSc", "PhD", "(Hons)", "MRCS(Ed)": at least two capitals, or a bracketed
    addition to the letters before it."""
    token = token.strip(",;")
    return 2 <= len(token) <= 14 and _QUALIFICATION.match(token) is not None


def _name_word(token: str) -> bool:
    if _INITIAL.match(token):
        return token[0].isupper()
    if not _NAME_WORD.match(token) or not token[0].isupper():
        return False
    # "SMITH" or "BDS" is not a name word: a name has lower-case letters after its capital
    return any(c.islower() for c in token[1:]) and _fold(token) not in NOT_NAME_WORDS


def read_name(text: str) -> PersonName | None:
    """``text`` as a person's name, or None when it does not have a name's shape."""
    text = " ".join(text.split()).strip(" ,:;")
    if not 4 <= len(text) <= 80 or any(c.isdigit() for c in text) or re.search(r"[@?!:/]", text):
        return None
    tokens = [t.rstrip(",") for t in text.split(" ")]
    quals: list[str] = []
    while tokens and is_qualification(tokens[-1]):
        quals.insert(0, tokens.pop())
    lead = 0
    while lead < len(tokens) - 2 and is_honorific(tokens[lead]):
        lead += 1
    core = tokens[lead:]
    words = [t for t in core if t not in PARTICLES]
    if not 2 <= len(words) <= 4 or core[0] in PARTICLES or core[-1] in PARTICLES:
        return None
    if not all(_name_word(t) for t in words) or all(_INITIAL.match(t) for t in words):
        return None
    return PersonName(" ".join(tokens), ", ".join(quals) or None)


def name_words(name: str) -> list[str]:
    """The words of a name without titles or particles ("Dr Jane Smith" → Jane, Smith)."""
    tokens = name.split()
    while len(tokens) > 2 and is_honorific(tokens[0]):
        tokens = tokens[1:]
    return [t for t in tokens if t not in PARTICLES and not _INITIAL.match(t)]


def name_key(name: str) -> str:
    """One key for one person however the title is written ("Dr. Jane Smith" = "Jane Smith")."""
    return " ".join(_fold(w) for w in name_words(name))


def split_role(text: str) -> tuple[str, str | None]:
    """ "Principal Dentist, BDS (Lond)" → ("Principal Dentist", "BDS (Lond)"); "Ostéopathe
    D.O." → ("Ostéopathe", "D.O."): the qualifications are the trailing parts, or trailing
    words, made only of qualification letters ("Head of IT" keeps its "IT": a role does not
    end in "of")."""
    text = " ".join(text.split()).strip(" ,;")
    parts = [p for p in _PARTS.split(text) if p]
    quals: list[str] = []
    while parts and all(is_qualification(t) for t in parts[-1].split()):
        quals.insert(0, parts.pop())
    if parts:
        words = parts[-1].split()
        tail: list[str] = []
        while len(words) > 1 and is_qualification(words[-1]):
            tail.insert(0, words.pop())
        if tail and len(words[-1]) >= 4:
            quals.insert(0, " ".join(tail))
            parts[-1] = " ".join(words)
    if not quals:
        return text, None
    role = text[: text.find(parts[-1]) + len(parts[-1])] if parts else ""
    return role.rstrip(" ,;|·•/–—-"), ", ".join(quals)
