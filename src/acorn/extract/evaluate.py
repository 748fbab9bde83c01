"""Score main-content extraction against gold text (the Scrapinghub article-extraction rule).

Shared by ``bench/extraction.py`` (figures for people) and the quality-gate test (a pinned
floor CI refuses to go below). The rule, from the benchmark data's README: word tokens
(``\\w+``), multisets of overlapping 4-gram shingles (a text with fewer than 4 tokens is one
shingle of all of them, an empty text none), per-page TP/FP/FN normalised so every page weighs
the same, precision and recall averaged over the pages where they are defined, F1 the harmonic
mean of those averages, accuracy the share of exact token matches, ± the standard deviation
over 1,000 bootstrap resamples.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(toks: list[str], n: int = 4) -> Counter[tuple[str, ...]]:
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


@dataclass(frozen=True, slots=True)
class PageScore:
    tp: float
    fp: float
    fn: float
    exact: bool


def score_page(gold: str, predicted: str) -> PageScore:
    g_toks, p_toks = tokens(gold), tokens(predicted)
    g, p = shingles(g_toks), shingles(p_toks)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    if total:
        return PageScore(tp / total, fp / total, fn / total, g_toks == p_toks)
    return PageScore(0.0, 0.0, 0.0, g_toks == p_toks)


@dataclass(frozen=True, slots=True)
class Scores:
    f1: float
    precision: float
    recall: float
    accuracy: float
    f1_std: float = 0.0
    precision_std: float = 0.0
    recall_std: float = 0.0
    pages: int = 0


def _aggregate(pages: list[PageScore]) -> tuple[float, float, float, float]:
    precisions = [p.tp / (p.tp + p.fp) for p in pages if p.tp + p.fp > 0]
    recalls = [p.tp / (p.tp + p.fn) for p in pages if p.tp + p.fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = statistics.fmean(p.exact for p in pages) if pages else 0.0
    return f1, precision, recall, accuracy


def summarise(pages: list[PageScore], *, bootstrap: int = 1000, seed: int = 0) -> Scores:
    f1, precision, recall, accuracy = _aggregate(pages)
    if not pages or bootstrap <= 1:
        return Scores(f1, precision, recall, accuracy, pages=len(pages))
    rng = random.Random(seed)
    samples = [_aggregate(rng.choices(pages, k=len(pages))) for _ in range(bootstrap)]
    return Scores(
        f1,
        precision,
        recall,
        accuracy,
        statistics.pstdev(s[0] for s in samples),
        statistics.pstdev(s[1] for s in samples),
        statistics.pstdev(s[2] for s in samples),
        len(pages),
    )


@dataclass(frozen=True, slots=True)
class BenchPage:
    id: str
    url: str
    html: str
    gold: str


def load_benchmark(folder: Path, limit: int | None = None) -> list[BenchPage]:
    """Pages of the article-extraction benchmark in id order (``limit`` for a fixed subset)."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    out = []
    for page_id in ids:
        raw = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        out.append(
            BenchPage(
                page_id,
                truth[page_id].get("url", ""),
                raw.decode("utf-8", "replace"),
                truth[page_id]["articleBody"],
            )
        )
    return out
