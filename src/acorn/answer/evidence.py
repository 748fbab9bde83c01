"""One evidence score: how likely the quoted sentences answer the question, calibrated on data.

The extractive answerer measures its best evidence in a few ways (similarity to the question,
the share of the question's specific words it holds, its combined score, whether it holds the
kind of fact asked for, whether it is the site's own labelled fact). Hand-set thresholds on
those measures are fitted to whichever sites they were tuned on, and they mean different things
for different embedders (one model's 0.6 cosine is another's 0.85). So the measures are combined
by a logistic model whose weights and decision threshold are *data*: ``bench/calibrate.py`` fits
them on the tuning half of the shared sites, per embedder, and writes ``calibration.json``
beside this module with the held-out figures next to them. The code only reads that file.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

CALIBRATION = Path(__file__).with_name("calibration.json")
# The measures a model may read; ``dense_x_coverage`` lets it ask for both at once. A
# calibration names the ones it was fitted on, so a new measure does not void old calibrations.
FEATURES = (
    "dense",
    "coverage",
    "score",
    "pattern",
    "labelled",
    "dense_x_coverage",
    "lexical",
    "top_hit",
)


def feature_vector(evidence: Mapping[str, float], features: Sequence[str] = FEATURES) -> np.ndarray:
    """The model's inputs from an answer's ``evidence`` (missing measures count as 0)."""
    values = dict(evidence)
    values.setdefault(
        "dense_x_coverage", float(values.get("dense", 0.0)) * float(values.get("coverage", 0.0))
    )
    return np.array([float(values.get(f, 0.0)) for f in features], dtype=np.float64)


@dataclass(frozen=True, slots=True)
class EvidenceModel:
    """A logistic model over :data:`FEATURES` and the probability above which to answer."""

    weights: tuple[float, ...]
    bias: float
    threshold: float
    features: tuple[str, ...] = FEATURES
    embedder: str = ""
    notes: dict[str, object] = field(default_factory=dict)

    def probability(self, evidence: Mapping[str, float]) -> float:
        z = float(np.dot(self.weights, feature_vector(evidence, self.features))) + self.bias
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def speaks(self, evidence: Mapping[str, float], threshold: float | None = None) -> bool:
        """Answer only when the evidence is likely enough to be right."""
        return self.probability(evidence) >= (self.threshold if threshold is None else threshold)


def load_model(embedder: str, path: Path = CALIBRATION) -> EvidenceModel:
    """The calibrated model for this embedder (``name`` as the embedder reports it, e.g.
    ``minilm:all-MiniLM-L6-v2``); an embedder never calibrated gets the default entry's, with a
    warning, since its similarities may sit on another scale."""
    return _load(embedder, str(path))


@cache
def _load(embedder: str, path: str) -> EvidenceModel:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    entries: dict[str, dict] = data["embedders"]

    def find(name: str) -> dict | None:
        """The entry for this exact model, else one of the same registry name."""
        family = name.split(":")[0]
        return entries.get(name) or next(
            (e for key, e in entries.items() if key.split(":")[0] == family), None
        )

    entry = find(embedder)
    if entry is None:
        log.warning(
            "no answer calibration for embedder %r; using the %r one (run bench/calibrate.py)",
            embedder,
            data["default"],
        )
        entry = find(data["default"])
        if entry is None:
            raise ValueError(f"{path}: no entry for the default embedder {data['default']!r}")
    features = tuple(entry["features"])
    unknown = set(features) - set(FEATURES)
    if unknown or len(features) != len(entry["weights"]):
        raise ValueError(f"{path}: calibrated on features {features}, measured are {FEATURES}")
    return EvidenceModel(
        weights=tuple(float(w) for w in entry["weights"]),
        bias=float(entry["bias"]),
        threshold=float(entry["threshold"]),
        features=features,
        embedder=embedder,
        notes={k: v for k, v in entry.items() if k not in {"weights", "bias", "threshold"}},
    )


def fit(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[bool],
    l2: float = 0.1,
    features: Sequence[str] = FEATURES,
) -> tuple[tuple[float, ...], float]:
    """Logistic regression by Newton's method (a few hundred rows, a few features: exact and
    instant, no extra dependency). ``l2`` keeps weights finite when a feature separates the
    rows perfectly."""
    x = np.array([feature_vector(r, features) for r in rows])
    y = np.array([1.0 if v else 0.0 for v in labels])
    x1 = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x1.shape[1])
    reg = np.eye(x1.shape[1]) * l2
    reg[-1, -1] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x1 @ w, -40, 40)))
        grad = x1.T @ (p - y) + reg @ w
        hess = (x1.T * (p * (1 - p))) @ x1 + reg + np.eye(len(w)) * 1e-9
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return tuple(float(v) for v in w[:-1]), float(w[-1])


def choose_threshold(
    probabilities: Sequence[float], labels: Sequence[bool], wrong_cost: float = 2.0
) -> float:
    """The threshold that costs least: each right answer withheld costs 1, each wrong one
    spoken costs ``wrong_cost`` (a wrong fact misleads; a decline sends the visitor to the
    owner). Thresholds are tried half-way between neighbouring probabilities, so the choice is
    not on a knife edge of the tuning data; among equally cheap ones the middle is taken."""
    values = sorted(set(probabilities))
    cuts = [0.0, *((a + b) / 2 for a, b in pairwise(values)), 1.0]
    costs = [
        sum(
            (wrong_cost if not ok else 0.0) if p >= t else (1.0 if ok else 0.0)
            for p, ok in zip(probabilities, labels, strict=True)
        )
        for t in cuts
    ]
    cheapest = min(costs)
    tied = [t for t, c in zip(cuts, costs, strict=True) if c <= cheapest + 1e-9]
    return round(tied[len(tied) // 2], 4)
