"""Content dedupe: the same text under several URLs (print views, AMP copies, ``?sort=`` pages,
near-identical paginated listings) would flood the index and skew retrieval towards it.

Exact copies are caught by the sha256 of the visible main text; near copies by MinHash/LSH
(datasketch) over word shingles. Very short texts only get the exact check: a handful of words
says too little for a similarity estimate.
"""

from __future__ import annotations

import hashlib

from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE = 4
MIN_WORDS_FOR_NEAR = 50
_MASK = (1 << 32) - 1


def _hash32(shingle: str) -> int:
    # Python's str hash is salted per process, which is fine: the index lives in one process.
    return hash(shingle) & _MASK


class ContentDeduper:
    """Remembers the pages kept so far; ``seen(url, text)`` returns the URL this text copies."""

    def __init__(self, threshold: float = 0.9) -> None:
        self._exact: dict[str, str] = {}
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.threshold = threshold

    def duplicate_of(self, url: str, text: str) -> str | None:
        """The earlier URL whose text ``text`` repeats (exactly or nearly), else None; a new
        text is remembered under ``url``."""
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        original = self._exact.get(digest)
        if original is not None:
            return original
        self._exact[digest] = url
        words = text.lower().split()
        if len(words) < MIN_WORDS_FOR_NEAR:
            return None
        shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
        signature = MinHash(num_perm=NUM_PERM, hashfunc=_hash32)
        signature.update_batch(list(shingles))
        matches = self._lsh.query(signature)
        if matches:
            return str(matches[0])
        self._lsh.insert(url, signature, check_duplication=False)
        return None
