"""Fit the answer stage's evidence model (acorn/answer/evidence.py) on the tuning half of the
shared sites and report it, untouched, on the held-out half.

Every shared site is served on loopback, crawled and indexed with the configured embedder
(``ACORN_EMBEDDER``), and every question is asked with the extractive answerer told to speak
always, so each answer's measures and whether it would be right can be seen. A logistic model
is fitted on the tuning half's answers, its threshold chosen there (a wrong answer costs
``--wrong-cost`` times a withheld right one), and the entry for this embedder is written to
``src/acorn/answer/calibration.json`` with both halves' figures beside it.

    .venv/bin/python bench/calibrate.py [--wrong-cost 2] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ACORN_SHARED_SITES", REPO.parent / "shared" / "sites"))
SPLIT = REPO / "bench" / "split.json"
OUT = REPO / "src" / "acorn" / "answer" / "calibration.json"


@dataclass(slots=True)
class Row:
    site: str
    id: str
    answerable: bool
    gated: bool  # the extractive answerer's evidence decided (not the fast path)
    evidence: dict[str, float]
    right: bool  # the answer, if spoken, would be correct
    spoken: bool  # answered regardless of the gate (the fast path, or the gate's override)


def collect(settings, sites: list[str], qa: list[dict]) -> list[Row]:  # type: ignore[no-untyped-def]
    from acorn.answer.answerers.extractive import ExtractiveAnswerer
    from acorn.answer.evalsite import prepare_agent, serve_directory
    from acorn.answer.evaluate import is_correct
    from acorn.answer.evidence import FEATURES, EvidenceModel
    from acorn.answer.service import AnswerService
    from acorn.config import ScrapingConfig
    from acorn.index import KnowledgeBase
    from acorn.store import Database

    db = Database(settings).ensure_ready()
    kb = KnowledgeBase(settings, db)
    service = AnswerService(settings, db, kb)
    # Speak always: a model that says 0.5 for everything, with threshold 0.
    neutral = EvidenceModel(weights=(0.0,) * len(FEATURES), bias=0.0, threshold=0.0)
    service.use_answerer("extractive", ExtractiveAnswerer(service.similarity, evidence=neutral))
    scraping = ScrapingConfig(delay_seconds=0, obey_crawl_delay=False)
    rows: list[Row] = []
    with ExitStack() as stack:
        for site in sites:
            url = stack.enter_context(serve_directory(SHARED / site))
            agent = prepare_agent(settings, db, kb, url, scraping=scraping)
            for q in (q for q in qa if q["site"] == site):
                answer = service.answer(agent, q["question"], record=False)
                right = bool(q["answerable"]) and is_correct(answer.text, q["must_include"])
                rows.append(
                    Row(
                        site=site,
                        id=q["id"],
                        answerable=bool(q["answerable"]),
                        gated=answer.path == "retrieval" and bool(answer.evidence),
                        evidence=dict(answer.evidence),
                        right=right,
                        spoken=answer.answered,
                    )
                )
            print(f"  {site}: {sum(r.site == site for r in rows)} questions", flush=True)
    return rows


def figures(rows: list[Row], model, threshold: float) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Accuracy, correct declines and wrong answers if the gate used ``threshold``."""
    answerable = [r for r in rows if r.answerable]
    unanswerable = [r for r in rows if not r.answerable]

    def spoken(r: Row) -> bool:
        return model.speaks(r.evidence, threshold) if r.gated else r.spoken

    def rate(n: int, d: int) -> float:
        return round(n / d, 4) if d else 0.0

    return {
        "accuracy": rate(sum(spoken(r) and r.right for r in answerable), len(answerable)),
        "declined_answerable": rate(sum(not spoken(r) for r in answerable), len(answerable)),
        "correct_declines": rate(sum(not spoken(r) for r in unanswerable), len(unanswerable)),
        "wrong": rate(sum(spoken(r) and not r.right for r in rows), len(rows)),
        "questions": len(rows),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wrong-cost", type=float, default=1.5)
    parser.add_argument("--l2", type=float, default=0.1, help="ridge penalty of the fit")
    parser.add_argument(
        "--features",
        default=",".join(("dense", "coverage", "score", "pattern", "labelled", "dense_x_coverage")),
        help="comma-separated measures to fit on (see acorn.answer.evidence.FEATURES)",
    )
    parser.add_argument("--dry-run", action="store_true", help="print, do not write the file")
    parser.add_argument("--rows", type=Path, help="reuse answers collected by an earlier run")
    args = parser.parse_args()
    if not (SHARED / "qa.jsonl").is_file():
        print(f"shared sites not found at {SHARED} (set ACORN_SHARED_SITES)")
        return 0
    from acorn.answer import evidence
    from acorn.config import Settings
    from acorn.index.embedders import get_embedder
    from acorn.index.stores.qdrant import close_local_clients

    split = json.loads(SPLIT.read_text())
    qa = [json.loads(x) for x in (SHARED / "qa.jsonl").read_text().splitlines() if x.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=Path(tmp),
            allow_private_networks=["127.0.0.0/8"],
            embedder=os.environ.get("ACORN_EMBEDDER", Settings.model_fields["embedder"].default),
        )
        name = get_embedder(settings).name
        if args.rows and args.rows.is_file():
            rows = [Row(**r) for r in json.loads(args.rows.read_text())]
        else:
            print(f"collecting answers with {name} …", flush=True)
            try:
                rows = collect(settings, [*split["tuning"], *split["heldout"]], qa)
            finally:
                close_local_clients(settings.qdrant_path)
            if args.rows:
                args.rows.write_text(json.dumps([asdict(r) for r in rows]))
    tuning = [r for r in rows if r.site in split["tuning"]]
    heldout = [r for r in rows if r.site in split["heldout"]]
    gated = [r for r in tuning if r.gated]
    features = tuple(f for f in args.features.split(",") if f)
    weights, bias = evidence.fit(
        [r.evidence for r in gated], [r.right for r in gated], l2=args.l2, features=features
    )
    model = evidence.EvidenceModel(
        weights=weights, bias=bias, threshold=0.5, features=features, embedder=name
    )
    threshold = evidence.choose_threshold(
        [model.probability(r.evidence) for r in gated],
        [r.right for r in gated],
        wrong_cost=args.wrong_cost,
    )
    result = {"tuning": figures(tuning, model, threshold)}
    result["heldout"] = figures(heldout, model, threshold)
    print(f"\nembedder {name}: {len(gated)} gated answers on the tuning half")
    print("weights:", dict(zip(features, (round(w, 3) for w in weights), strict=True)))
    print(f"bias {bias:.3f}, threshold {threshold}")
    print(f"{'':22}{'tuning':>10}{'held-out':>10}")
    for key in ("accuracy", "declined_answerable", "correct_declines", "wrong", "questions"):
        print(f"{key:22}{result['tuning'][key]:>10}{result['heldout'][key]:>10}")
    if args.dry_run:
        return 0
    data = json.loads(OUT.read_text()) if OUT.is_file() else {"embedders": {}}
    data.setdefault("default", name.split(":")[0])
    data["embedders"][name] = {
        "features": list(features),
        "l2": args.l2,
        "weights": [round(w, 6) for w in weights],
        "bias": round(bias, 6),
        "threshold": threshold,
        "wrong_cost": args.wrong_cost,
        "fitted_on": "tuning half of ../shared/sites (bench/split.json)",
        "figures_at_fit": result,
    }
    OUT.write_text(json.dumps(data, indent=2) + "\n")
    print(f"written to {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
