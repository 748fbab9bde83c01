"""The lexical leg of hybrid search: BM25 as a Qdrant sparse vector.

Documents carry BM25's saturated term frequency per term; Qdrant applies IDF at query time
(``Modifier.IDF``), so the index never needs a corpus-wide recount when an agent changes.
Tokens are unicode words, lower-cased, stop words dropped, Snowball-stemmed ("prices" meets
"price"), hashed to a 31-bit index: no vocabulary file, nothing to download.

A page in another language is also stemmed in that language (its ``<html lang>``), beside
the English stem of each word: "réservations" then meets "réservation" while an English
question's stems still match exactly as before. English pages, and languages Snowball lacks,
are stemmed as they always were. A query is stemmed in English plus the site's language.

IDF is computed over the whole collection (all agents), a small, documented blur of pure
per-tenant BM25 that does not leak any content between tenants.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter

import snowballstemmer

_WORD = re.compile(r"\w+", re.UNICODE)
STOPWORDS = frozenset(
    (  # noqa: SIM905
        "a an and are as at be but by can do does for from had has have how i if in into is it "
        "its me my of on or our so than that the their them then there these they this to us "
        "was we were what when where which who will with would you your yours i'm it's please"
    ).split()
)
K1 = 1.2
B = 0.75
AVG_LEN = 80.0  # typical chunk length in tokens; fixed so weights never need recomputing


# ISO 639-1 codes of the languages Snowball stems (besides English).
SNOWBALL_LANGUAGES = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german",
    "el": "greek", "es": "spanish", "et": "estonian", "eu": "basque", "fi": "finnish",
    "fr": "french", "ga": "irish", "hi": "hindi", "hu": "hungarian", "hy": "armenian",
    "id": "indonesian", "it": "italian", "lt": "lithuanian", "nb": "norwegian",
    "ne": "nepali", "nl": "dutch", "nn": "norwegian", "no": "norwegian", "pl": "polish",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "sv": "swedish",
    "ta": "tamil", "tr": "turkish",
}  # fmt: skip


def snowball_language(lang: str | None) -> str | None:
    """Snowball's name for a page language ("fr-FR" -> "french"); None for English, unknown
    or unsupported languages (those keep English stemming only)."""
    code = (lang or "").strip().lower().replace("_", "-").split("-")[0]
    name = SNOWBALL_LANGUAGES.get(code)
    return name if name in _ALGORITHMS else None


_ALGORITHMS = frozenset(snowballstemmer.algorithms())


class LexicalEncoder:
    def __init__(self) -> None:
        self._stemmers: dict[str, snowballstemmer.stemmer] = {}
        self._stems: dict[tuple[str, str], str] = {}

    def _stem(self, word: str, language: str) -> str:
        stem = self._stems.get((language, word))
        if stem is None:
            stemmer = self._stemmers.get(language)
            if stemmer is None:
                stemmer = self._stemmers[language] = snowballstemmer.stemmer(language)
            stem = stemmer.stemWord(word)
            self._stems[(language, word)] = stem
        return stem

    def word_stems(self, text: str, lang: str | None = None) -> list[tuple[str, ...]]:
        """Per kept word, its English stem then (if different) its stem in ``lang``."""
        other = snowball_language(lang)
        out: list[tuple[str, ...]] = []
        for word in _WORD.findall(text.lower()):
            if word in STOPWORDS or (len(word) == 1 and not word.isdigit()):
                continue
            if word.isdigit():
                out.append((word,))
                continue
            english = self._stem(word, "english")
            local = self._stem(word, other) if other else english
            out.append((english,) if local == english else (english, local))
        return out

    def tokens(self, text: str, lang: str | None = None) -> list[str]:
        return [s for stems in self.word_stems(text, lang) for s in stems]

    def document(self, text: str, lang: str | None = None) -> tuple[list[int], list[float]]:
        per_word = self.word_stems(text, lang)
        length = len(per_word) or 1  # words, so a second stem does not lengthen the page
        weights: dict[int, float] = {}
        for token, tf in Counter(s for stems in per_word for s in stems).items():
            index = term_index(token)
            w = tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / AVG_LEN))
            weights[index] = weights.get(index, 0.0) + w
        return list(weights), list(weights.values())

    def query(self, text: str, lang: str | None = None) -> tuple[list[int], list[float]]:
        indices = sorted({term_index(t) for t in self.tokens(text, lang)})
        return indices, [1.0] * len(indices)


def term_index(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) & 0x7FFFFFFF
