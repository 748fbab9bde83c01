"""Small text helpers shared by intent detection, sentence selection and the guard: word
tokens, stems, stop words and a sentence splitter that also respects line breaks (scraped
text is full of list items and table rows that have no final full stop)."""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd
import snowballstemmer

from acorn.values import money

WORD = re.compile(r"[a-z0-9]+(?:[-'’][a-z0-9]+)*", re.IGNORECASE)

# Function words plus the words every visitor question carries but no answer needs to repeat.
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "done",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "get",
        "got",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "know",
        "let",
        "like",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "need",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "please",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "tell",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "us",
        "very",
        "want",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "i'm",
        "i'd",
        "i've",
        "you're",
        "you've",
        "we're",
        "what's",
        "where's",
        "who's",
        "it's",
        "there's",
        "can't",
        "don't",
        "doesn't",
        "isn't",
        "there'd",
        "could've",
        "anyone",
        "anything",
        "someone",
        "something",
        "really",
        "still",
        "ever",
        "much",
        "many",
        "way",
    ]
)

# How visitors ask what something costs: kept beside the money reader.
PRICE_WORDS = money.PRICE_WORDS

# Words naming the business itself or the act of asking: present in almost every question, so
# they carry no evidence about *what* is being asked.
GENERIC_WORDS = frozenset(
    [
        "business",
        "company",
        "practice",
        "office",
        "shop",
        "store",
        "place",
        "site",
        "website",
        "page",
        "offer",
        "offers",
        "offered",
        "provide",
        "provides",
        "available",
        "possible",
        "able",
        "go",
        "going",
        "come",
        "make",
        "made",
        "use",
        "used",
        "kind",
        "kinds",
        "type",
        "types",
        "sort",
        "sorts",
        "style",
        "styles",
        "thing",
        "things",
        "info",
        "information",
        "detail",
        "details",
        "question",
        "one",
        "ones",
        "look",
        "looking",
        "find",
        "help",
        "see",
        "part",
        "exactly",
        "actually",
        "usually",
        "normally",
    ]
)

_MID_STOP = re.compile(r"[.!?][\"')\]]*\s+\S")
_stemmer = snowballstemmer.stemmer("english")
_segmenter = pysbd.Segmenter(language="en", clean=False)


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


_NUMBERS = {
    w: str(i)
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball stem; number words become digits ("six" ~ "6")."""
    word = word.lower()
    return _NUMBERS.get(word) or str(_stemmer.stemWord(word))


def content_terms(text: str) -> list[str]:
    """Stems of the words that carry meaning (no stop or generic words), in order, unique."""
    seen: dict[str, None] = {}
    for w in words(text):
        w = w.removesuffix("'s").removesuffix("'")
        if w in STOP_WORDS or w in GENERIC_WORDS or len(w) < 2:
            continue
        if "-" in w:
            # Hyphenated words count as their parts and as one word ("wi-fi" ~ "wifi").
            for part in w.split("-"):
                if part and part not in STOP_WORDS and len(part) > 1:
                    seen.setdefault(stem(part), None)
            seen.setdefault(stem(w.replace("-", "")), None)
        else:
            seen.setdefault(stem(w), None)
    return list(seen)


def stem_set(text: str) -> set[str]:
    out: set[str] = set()
    for w in words(text):
        w = w.removesuffix("'s").removesuffix("'")
        out.add(stem(w))
        if "-" in w:
            out.add(stem(w.replace("-", "")))
            out.update(stem(p) for p in w.split("-") if p)
    return out


@lru_cache(maxsize=8192)
def split_sentences(text: str) -> tuple[str, ...]:
    """Sentences of ``text``: each line on its own (list items, table rows), then pysbd."""
    out: list[str] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if not _MID_STOP.search(line):
            out.append(line)
            continue
        out.extend(s.strip() for s in _segmenter.segment(line) if s.strip())
    return tuple(out)


def clean_sentence(sentence: str) -> str:
    """Drop list bullets and table pipes so the sentence can be spoken."""
    s = re.sub(r"^\s*(?:[-*•·▪►]|\d+[.)])\s+", "", sentence)
    s = s.replace(" | ", ", ").replace("|", " ")
    s = " ".join(s.split())
    return s


def stem_in(term: str, stems: set[str]) -> bool:
    """``term`` is among ``stems``, or begins one of them ("treat" ~ "treatment", which the
    Snowball stemmer keeps apart); short stems must match exactly."""
    if term in stems:
        return True
    return len(term) >= 4 and any(s.startswith(term) for s in stems)
