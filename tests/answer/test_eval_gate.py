"""The answer-quality gate (trafilatura style): the shared real sites are crawled, indexed and
asked every qa.jsonl question through the same AnswerService as the API. The test fails when
accuracy or correct declines drop below the pinned floors or hallucinations rise above the
pinned ceiling. Raise the floors when answers improve; never lower them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from acorn.answer.evalsite import evaluate_sites
from acorn.answer.evaluate import QAItem
from acorn.config import ScrapingConfig, Settings
from acorn.index.stores.qdrant import close_local_clients

FLOORS = Path(__file__).with_name("eval_floors.json")


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
    assert current["accuracy"] >= before["accuracy"]
    assert current["correct_decline_rate"] >= before["correct_decline_rate"]
    assert current["max_hallucination_rate"] <= before["max_hallucination_rate"]


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
        report = evaluate_sites(settings, urls, items, scraping=ScrapingConfig(delay_seconds=0))
    finally:
        close_local_clients(settings.qdrant_path)
    summary = report.summary()
    floors = json.loads(FLOORS.read_text())
    failures = "\n".join(
        f"{r.id}: {r.question} -> {r.answer}" for r in report.results if not r.correct
    )
    assert summary["accuracy"] >= floors["accuracy"], failures
    assert summary["correct_decline_rate"] >= floors["correct_decline_rate"], failures
    assert summary["hallucination_rate"] <= floors["max_hallucination_rate"], failures
