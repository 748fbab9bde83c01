"""The lexical leg of hybrid search: BM25 as a Qdrant sparse vector.

Documents carry BM25's saturated term frequency per term; Qdrant applies IDF at query time
(``Modifier.IDF``), so the index never needs a corpus-wide recount when an agent changes.
Tokens are unicode words, lower-cased, stop words dropped, Snowball-stemmed ("prices" meets
"price"), hashed to a 31-bit index: no vocabulary file, nothing to download.

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


class LexicalEncoder:
    def __init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer("english")
        self._stems: dict[str, str] = {}

    def tokens(self, text: str) -> list[str]:
        out = []
        for word in _WORD.findall(text.lower()):
            if word in STOPWORDS or (len(word) == 1 and not word.isdigit()):
                continue
            stem = self._stems.get(word)
            if stem is None:
                stem = self._stemmer.stemWord(word) if not word.isdigit() else word
                self._stems[word] = stem
            out.append(stem)
        return out

    def document(self, text: str) -> tuple[list[int], list[float]]:
        tokens = self.tokens(text)
        length = len(tokens) or 1
        weights: dict[int, float] = {}
        for token, tf in Counter(tokens).items():
            index = term_index(token)
            w = tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / AVG_LEN))
            weights[index] = weights.get(index, 0.0) + w
        return list(weights), list(weights.values())

    def query(self, text: str) -> tuple[list[int], list[float]]:
        indices = sorted({term_index(t) for t in self.tokens(text)})
        return indices, [1.0] * len(indices)


def term_index(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) & 0x7FFFFFFF
