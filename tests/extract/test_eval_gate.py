"""Extraction quality gate (trafilatura-style): our main-content F1 on a fixed subset of the
article-extraction benchmark must not drop below the pinned floor in eval_baseline.json.
Raise the floor when extraction improves; never lower it to make a change pass."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from acorn.crawl.types import FetchedPage
from acorn.extract.evaluate import load_benchmark, score_page, summarise
from acorn.extract.page import extract_page

REPO = Path(__file__).resolve().parents[2]
DATA = Path(
    os.environ.get("ACORN_EXTRACTION_BENCH", REPO.parent / "shared" / "benchdata" / "extraction")
)
BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text(encoding="utf-8"))


def test_main_content_f1_stays_above_floor() -> None:
    if not (DATA / "ground-truth.json").is_file():
        pytest.skip(f"extraction benchmark not found at {DATA} (set ACORN_EXTRACTION_BENCH)")
    pages = load_benchmark(DATA, BASELINE["pages"])
    scores = []
    for page in pages:
        fetched = FetchedPage(
            url=page.url, requested_url=page.url, status=200, html=page.html, depth=1
        )
        scores.append(score_page(page.gold, extract_page(fetched).clean_text))
    result = summarise(scores, bootstrap=0)
    assert result.f1 >= BASELINE["f1_floor"], result
    assert result.precision >= BASELINE["precision_floor"], result
    assert result.recall >= BASELINE["recall_floor"], result
