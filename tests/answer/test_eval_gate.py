"""The answer-quality gate (trafilatura style): the shared real sites are crawled, indexed and
asked every qa.jsonl question through the same AnswerService as the API. Floors are pinned per
half of the fixed split (bench/split.json): the tuning half, where thresholds may be fitted, and
the held-out half, reported untouched beside it. The test fails when accuracy or correct declines
drop below a half's floors or hallucinations rise above its ceiling. Raise the floors when answers
improve; never lower them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from acorn.answer.evalsite import evaluate_sites
from acorn.answer.evaluate import QAItem, Split
from acorn.config import ScrapingConfig, Settings
from acorn.index.stores.qdrant import close_local_clients

FLOORS = Path(__file__).with_name("eval_floors.json")
SPLIT = Path(__file__).resolve().parents[2] / "bench" / "split.json"
HALVES = ("tuning", "heldout")


def test_floors_only_ratchet_up() -> None:
    """Compared with the committed file: floors may rise, the ceiling may fall, never back."""
    current = json.loads(FLOORS.read_text())
    try:
        committed = subprocess.run(
            ["git", "show", f"HEAD:tests/answer/{FLOORS.name}"],
            cwd=FLOORS.parent,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (subprocess.CalledProcessError, FileNotFoundError):
        pytest.skip("no committed floors to compare with (not a git checkout)")
    before = json.loads(committed)
    for half in HALVES:
        if half not in before:
            pytest.skip("the committed floors measure another benchmark (before the split)")
        assert current[half]["accuracy"] >= before[half]["accuracy"], half
        assert current[half]["correct_decline_rate"] >= before[half]["correct_decline_rate"], half
        assert current[half]["max_hallucination_rate"] <= before[half]["max_hallucination_rate"], (
            half
        )


def test_the_split_covers_every_shared_site(shared_sites: Path) -> None:
    split = Split.load(SPLIT)
    assert not set(split.tuning) & set(split.heldout)
    on_disk = {p.name for p in shared_sites.iterdir() if p.is_dir()}
    assert set(split.tuning) | set(split.heldout) == on_disk


@pytest.mark.slow
def test_answer_quality_floors(shared_qa, shared_site_servers, tmp_path) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path / "data",
        allow_private_networks=["127.0.0.0/8"],
    )
    items = [QAItem.from_json(q) for q in shared_qa]
    urls = {name: server.url + "/" for name, server in shared_site_servers.items()}
    try:
        report = evaluate_sites(
            settings, urls, items, scraping=ScrapingConfig(delay_seconds=0, obey_crawl_delay=False)
        )
    finally:
        close_local_clients(settings.qdrant_path)
    floors = json.loads(FLOORS.read_text())
    halves = Split.load(SPLIT).halves()
    problems = []
    for half in HALVES:
        part = report.only(halves[half])
        summary, floor = part.summary(), floors[half]
        if (
            summary["accuracy"] < floor["accuracy"]
            or summary["correct_decline_rate"] < floor["correct_decline_rate"]
            or summary["hallucination_rate"] > floor["max_hallucination_rate"]
        ):
            wrong = "\n".join(
                f"  {r.id}: {r.question} -> {r.answer}" for r in part.results if not r.correct
            )
            figures = {k: summary[k] for k in floor if k in summary}
            problems.append(f"{half}: {figures} below {floor}\n{wrong}")
    assert not problems, "\n".join(problems)
