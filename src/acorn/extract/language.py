"""A page's language: what its ``<html lang>`` (or ``og:locale``) declares, else what its text
reads as, by py3langid (a small model shipped inside the package, so it works offline).

The language decides which day abbreviations the hours reader accepts ("mar" is Tuesday on
a French page and March elsewhere) and, when nothing better is known, the phone region.
"""

from __future__ import annotations

import re

MIN_LETTERS = 40  # below this, a guess from the text is noise
SAMPLE_CHARS = 3000
_TAG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$", re.I)

# The country a language is most often written for, when the site says nothing closer.
# English is left out: too many countries write it for one to be a fair guess.
LANGUAGE_REGION = {
    "de": "DE",
    "fr": "FR",
    "it": "IT",
    "es": "ES",
    "pt": "PT",
    "pl": "PL",
    "nl": "NL",
    "bg": "BG",
    "cs": "CZ",
    "sk": "SK",
    "hu": "HU",
    "ro": "RO",
    "el": "GR",
    "da": "DK",
    "sv": "SE",
    "fi": "FI",
    "hr": "HR",
    "sl": "SI",
}


def declared_language(tag: str | None) -> str | None:
    """A well-formed language tag as declared (``de-AT`` stays ``de-AT``), else None."""
    tag = (tag or "").strip()
    return tag.replace("_", "-") if _TAG.match(tag) else None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when there is too little text."""
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    import py3langid  # loads its model on first use (about a second, once per process)

    code, _score = py3langid.classify(sample)
    return str(code) or None


def page_language(declared: str | None, text: str) -> str | None:
    """The declared tag when there is one, else the detected language."""
    return declared_language(declared) or detect_language(text)


def region_for_language(lang: str | None) -> str | None:
    """``de-AT`` -> ``AT``; ``de`` -> ``DE``; None when the language names no country."""
    if not lang:
        return None
    base, _, rest = lang.replace("_", "-").partition("-")
    region = rest.split("-", 1)[0].upper() if rest else ""
    if len(region) == 2 and region.isalpha():
        return "GB" if region == "UK" else region
    return LANGUAGE_REGION.get(base.lower())
