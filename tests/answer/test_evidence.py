"""The calibrated evidence model: fitted by logistic regression, thresholded by cost, read from
the calibration file per embedder."""

from __future__ import annotations

import json
import random

import pytest

from acorn.answer import evidence
from acorn.answer.evidence import FEATURES, EvidenceModel, choose_threshold, fit, load_model


def _rows(n: int, seed: int = 7) -> tuple[list[dict[str, float]], list[bool]]:
    """Made-up answers: the right ones tend to be similar to the question and cover its words."""
    rnd = random.Random(seed)
    rows, labels = [], []
    for _ in range(n):
        right = rnd.random() < 0.6
        dense = rnd.gauss(0.6 if right else 0.35, 0.1)
        cover = min(1.0, max(0.0, rnd.gauss(0.85 if right else 0.4, 0.2)))
        rows.append({"dense": dense, "coverage": cover, "score": 0.5 * dense + 0.4 * cover})
        labels.append(right)
    return rows, labels


def test_fit_learns_that_similar_covered_evidence_is_right() -> None:
    rows, labels = _rows(400)
    weights, bias = fit(rows, labels)
    model = EvidenceModel(weights=weights, bias=bias, threshold=0.5)
    strong = model.probability({"dense": 0.65, "coverage": 1.0, "score": 0.7})
    weak = model.probability({"dense": 0.3, "coverage": 0.2, "score": 0.2})
    assert strong > 0.8 > 0.2 > weak
    hits = sum(model.speaks(r) == y for r, y in zip(rows, labels, strict=True))
    assert hits / len(rows) > 0.85


def test_threshold_weighs_a_wrong_answer_above_a_withheld_one() -> None:
    probabilities = [0.1, 0.3, 0.45, 0.55, 0.7, 0.9]
    labels = [False, False, True, False, True, True]
    # Cost 1 per withheld right answer: speaking from 0.45 up costs 1 (the wrong 0.55) and
    # withholding from 0.6 up costs 1 (the right 0.45): the middle of the tie is taken.
    assert choose_threshold(probabilities, labels, wrong_cost=1.0) in {0.375, 0.5, 0.625}
    # A wrong answer costing three withheld ones moves the threshold above the wrong 0.55.
    assert choose_threshold(probabilities, labels, wrong_cost=3.0) > 0.55


def test_the_model_is_read_per_embedder_with_the_default_as_fallback(tmp_path, caplog) -> None:
    path = tmp_path / "calibration.json"
    entry = {"features": list(FEATURES), "weights": [1.0] * len(FEATURES), "bias": -1.0}
    path.write_text(
        json.dumps(
            {
                "default": "alpha",
                "embedders": {
                    "alpha:model-a": {**entry, "threshold": 0.4},
                    "beta:model-b": {**entry, "threshold": 0.7},
                },
            }
        )
    )
    assert load_model("beta:model-b", path).threshold == 0.7
    assert load_model("alpha", path).threshold == 0.4
    with caplog.at_level("WARNING"):
        assert load_model("gamma:other", path).threshold == 0.4
    assert "no answer calibration" in caplog.text


def test_a_calibration_reads_only_the_measures_it_was_fitted_on(tmp_path) -> None:
    path = tmp_path / "calibration.json"
    entry = {"features": ["dense"], "weights": [4.0], "bias": -2.0, "threshold": 0.5}
    path.write_text(json.dumps({"default": "x", "embedders": {"x": entry}}))
    model = load_model("x", path)
    assert model.speaks({"dense": 0.9, "coverage": 0.0})
    assert not model.speaks({"dense": 0.2, "coverage": 1.0})


def test_a_calibration_on_unknown_measures_is_refused(tmp_path) -> None:
    path = tmp_path / "calibration.json"
    entry = {"features": ["tea_leaves"], "weights": [1.0], "bias": 0.0, "threshold": 0.5}
    path.write_text(json.dumps({"default": "x", "embedders": {"x": entry}}))
    with pytest.raises(ValueError, match="features"):
        load_model("x", path)


def test_the_shipped_calibration_covers_the_default_embedder() -> None:
    from acorn.config import Settings

    data = json.loads(evidence.CALIBRATION.read_text())
    default = Settings.model_fields["embedder"].default
    assert any(name.split(":")[0] == default for name in data["embedders"])
    for entry in data["embedders"].values():
        assert set(entry["features"]) <= set(FEATURES)
        assert 0.0 < entry["threshold"] < 1.0
        assert set(entry["figures_at_fit"]) == {"tuning", "heldout"}
