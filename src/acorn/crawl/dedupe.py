"""Content dedupe: the same text under several URLs (print views, AMP copies, ``?sort=`` pages,
near-identical paginated listings) would flood the index and skew retrieval towards it.

Exact copies are caught by the sha256 of the visible main text; near copies by MinHash/LSH
(datasketch) over word shingles. Very short texts only get the exact check: a handful of words
says too little for a similarity estimate.
"""

from __future__ import annotations

import hashlib
import zlib

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
CANDIDATE_THRESHOLD = 0.7  # LSH banding recall; candidates are then checked against ``threshold``
SHINGLE = 4
MIN_WORDS_FOR_NEAR = 50
MAX_WORDS_FOR_NEAR = 2000  # a long page's first 2,000 words decide; the exact hash covers all
_MIX = np.uint64(0x9E3779B1)
_MASK = np.uint64(0xFFFFFFFF)


class ContentDeduper:
    """Remembers the pages kept so far; ``duplicate_of(url, text)`` names the page a text copies."""

    def __init__(self, threshold: float = 0.8) -> None:
        self._exact: dict[str, str] = {}
        self._signatures: dict[str, MinHash] = {}
        self._lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
        # Generating the permutations is a third of a MinHash's cost; they are the same for
        # every signature of one index, so make them once.
        self._permutations = MinHash(num_perm=NUM_PERM, scheme="affine32").permutations
        self.threshold = threshold

    def duplicate_of(self, url: str, text: str) -> str | None:
        """The earlier URL whose text ``text`` repeats (exactly or nearly), else None; a new
        text is remembered under ``url``."""
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        original = self._exact.get(digest)
        if original is not None:
            return original
        self._exact[digest] = url
        words = text.lower().split()[:MAX_WORDS_FOR_NEAR]
        if len(words) < MIN_WORDS_FOR_NEAR:
            return None
        # Each word is hashed once (crc32: C speed, and stable across processes unlike
        # ``hash``), then the 4-word shingle hashes are mixed with numpy in a few vector ops.
        codes = np.fromiter(
            map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words)
        )
        n = len(words) - SHINGLE + 1
        mixed = codes[:n].copy()
        for k in range(1, SHINGLE):
            mixed = (mixed * _MIX + codes[k : k + n]) & _MASK
        shingles = np.unique(mixed).tolist()
        signature = MinHash(
            num_perm=NUM_PERM, hashfunc=int, permutations=self._permutations, scheme="affine32"
        )
        signature.update_batch(shingles)
        for candidate in self._lsh.query(signature):
            if signature.jaccard(self._signatures[candidate]) >= self.threshold:
                return str(candidate)
        self._lsh.insert(url, signature, check_duplication=False)
        self._signatures[url] = signature
        return None
