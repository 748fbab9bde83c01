"""Measure answers against visitor questions with ground truth (``qa.jsonl``).

Matching follows the shared sites' README: an answer is correct when every ``must_include``
group matches, a group matches when any alternate is a substring of the answer after both are
normalised (NFKC, lower case, Unicode dashes → ``-``, curly quotes → straight, whitespace runs →
one space) and the answer is padded with one space each side. Alternates are used as written.

A hallucination is answering a question the site does not answer, or stating a number, price,
time, phone or email that appears in none of the answer's sources. A wrong answer is any answer
that is not correct (a wrong fact, or answering the unanswerable); a decline is never wrong,
only a miss. The cited page is right when a source of a correct answer is one of the pages the
ground truth names.

Sites are reported per half of a fixed split (:class:`Split`): thresholds are tuned on one half
and the other is reported untouched beside it, so a rule fitted to the tuning sites shows up as a
gap between the halves.
"""

from __future__ import annotations

import json
import re
import statistics
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from acorn.answer.types import Answer

_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]")
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2032": "'",
        "\u2033": '"',
    }
)
_SPACE = re.compile(r"\s+")
_FACT_TOKENS = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # emails
    r"|[£$€]\s?\d[\d,]*(?:\.\d+)?"  # money
    r"|\+?\d[\d\s().-]{6,}\d"  # phone-like digit runs
    r"|\d+(?:[.:]\d+)?"  # other numbers and times
)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = _DASHES.sub("-", text).translate(_QUOTES)
    return _SPACE.sub(" ", text)


def group_matches(answer: str, group: list[str]) -> bool:
    padded = f" {normalise(answer)} "
    return any(normalise(alt) in padded for alt in group)


def is_correct(answer: str, must_include: list[list[str]]) -> bool:
    return all(group_matches(answer, g) for g in must_include)


def ungrounded_facts(answer: str, sources_text: str) -> list[str]:
    """Fact-like tokens (numbers, prices, times, phones, emails) of the answer missing from the
    sources. Digits are compared without separators so "01308 421877" matches "01308421877"."""
    src = normalise(sources_text)
    src_digits = re.sub(r"\D", "", src)
    missing = []
    for token in _FACT_TOKENS.findall(normalise(answer)):
        token = token.strip()
        if token in src:
            continue
        digits = re.sub(r"\D", "", token)
        if "@" not in token and digits and _digits_in(digits, src, src_digits):
            continue
        missing.append(token)
    return missing


def _digits_in(digits: str, src: str, src_digits: str) -> bool:
    if len(digits) >= 6:
        return digits in src_digits
    # short numbers ("5", "830" from "8:30") must appear as a number in the sources
    numbers = {re.sub(r"\D", "", n) for n in re.findall(r"\d+(?:[.:]\d+)?", src)}
    return (
        digits in numbers
        or any(digits == n.lstrip("0") for n in numbers)
        or (len(digits) >= 3 and digits in src_digits)
    )


@dataclass(slots=True)
class QAItem:
    id: str
    question: str
    must_include: list[list[str]]
    answerable: bool
    type: str = "other"
    site: str = ""
    sources: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QAItem:
        return cls(
            id=str(data["id"]),
            question=data["question"],
            must_include=data.get("must_include") or [],
            answerable=bool(data.get("answerable", True)),
            type=data.get("type", "other"),
            site=data.get("site", ""),
            sources=data.get("sources") or [],
            tags=data.get("tags") or [],
        )


def load_qa(path: Path) -> list[QAItem]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [QAItem.from_json(json.loads(line)) for line in lines if line.strip()]


@dataclass(slots=True)
class ItemResult:
    id: str
    site: str
    type: str
    question: str
    answerable: bool
    answer: str
    answered: bool
    correct: bool
    hallucinated: bool
    ungrounded: list[str]
    latency_ms: float
    path: str
    source_urls: list[str]
    cited_right: bool = False


def _page_path(url_or_path: str) -> str:
    path = urlsplit(url_or_path).path or "/"
    path = path.removesuffix("index.html")
    return path if path.endswith("/") or "." in path.rsplit("/", 1)[-1] else path + "/"


def cites_expected(source_urls: list[str], expected: list[str]) -> bool:
    """Some source is one of the expected pages (``/prices/`` ~ ``/prices/index.html``)."""
    wanted = {_page_path(p) for p in expected}
    return any(_page_path(u) in wanted for u in source_urls)


def judge(item: QAItem, answer: Answer) -> ItemResult:
    sources_text = "\n".join(s.content for s in answer.sources)
    ungrounded = ungrounded_facts(answer.text, sources_text) if answer.answered else []
    if item.answerable:
        correct = answer.answered and is_correct(answer.text, item.must_include)
    else:
        correct = not answer.answered
    hallucinated = (answer.answered and not item.answerable) or bool(ungrounded)
    return ItemResult(
        id=item.id,
        site=item.site,
        type=item.type,
        question=item.question,
        answerable=item.answerable,
        answer=answer.text,
        answered=answer.answered,
        correct=correct,
        hallucinated=hallucinated,
        ungrounded=ungrounded,
        latency_ms=round(answer.latency_ms, 2),
        path=answer.path,
        source_urls=[s.url for s in answer.sources],
        cited_right=correct
        and item.answerable
        and cites_expected([s.url for s in answer.sources], item.sources),
    )


@dataclass(slots=True)
class Split:
    """The fixed division of the shared sites into a tuning half and a held-out half."""

    tuning: list[str]
    heldout: list[str]

    @classmethod
    def load(cls, path: Path) -> Split:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(tuning=list(data["tuning"]), heldout=list(data["heldout"]))

    def halves(self) -> dict[str, list[str]]:
        return {"tuning": self.tuning, "heldout": self.heldout}


@dataclass(slots=True)
class EvalReport:
    results: list[ItemResult]

    def only(self, sites: Iterable[str]) -> EvalReport:
        """The part of the report about these sites."""
        keep = set(sites)
        return EvalReport([r for r in self.results if r.site in keep])

    @property
    def answerable(self) -> list[ItemResult]:
        return [r for r in self.results if r.answerable]

    @property
    def unanswerable(self) -> list[ItemResult]:
        return [r for r in self.results if not r.answerable]

    def summary(self) -> dict[str, Any]:
        ans, unans = self.answerable, self.unanswerable
        latencies = sorted(r.latency_ms for r in self.results) or [0.0]
        by_type: dict[str, dict[str, Any]] = {}
        for r in self.results:
            t = by_type.setdefault(r.type, {"n": 0, "correct": 0})
            t["n"] += 1
            t["correct"] += int(r.correct)
        for t in by_type.values():
            t["rate"] = round(t["correct"] / t["n"], 4)
        by_site: dict[str, dict[str, Any]] = {}
        for r in self.results:
            s = by_site.setdefault(r.site or "-", {"n": 0, "correct": 0, "hallucinated": 0})
            s["n"] += 1
            s["correct"] += int(r.correct)
            s["hallucinated"] += int(r.hallucinated)
        for s in by_site.values():
            s["rate"] = round(s["correct"] / s["n"], 4)
        correct_ans = [r for r in ans if r.correct]
        return {
            "questions": len(self.results),
            "answerable": len(ans),
            "unanswerable": len(unans),
            "accuracy": _rate(sum(r.correct for r in ans), len(ans)),
            "correct_decline_rate": _rate(sum(r.correct for r in unans), len(unans)),
            "hallucination_rate": _rate(
                sum(r.hallucinated for r in self.results), len(self.results)
            ),
            "wrong_rate": _rate(
                sum(r.answered and not r.correct for r in self.results), len(self.results), 0.0
            ),
            "decline_rate_answerable": _rate(sum(not r.answered for r in ans), len(ans), empty=0.0),
            "cited_right_rate": _rate(sum(r.cited_right for r in correct_ans), len(correct_ans)),
            "latency_ms_p50": round(statistics.median(latencies), 2),
            "latency_ms_p95": round(_percentile(latencies, 95), 2),
            "by_type": dict(sorted(by_type.items())),
            "by_site": dict(sorted(by_site.items())),
        }

    def to_json(self) -> dict[str, Any]:
        return {"summary": self.summary(), "results": [asdict(r) for r in self.results]}


def _rate(n: int, d: int, empty: float = 1.0) -> float:
    return round(n / d, 4) if d else empty


def _percentile(sorted_values: list[float], pct: float) -> float:
    if len(sorted_values) == 1:
        return sorted_values[0]
    k = (len(sorted_values) - 1) * pct / 100
    lo = int(k)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def run(ask: Callable[[QAItem], Answer], items: Iterable[QAItem]) -> EvalReport:
    """Ask every question through ``ask`` (the same pipeline as the API) and judge the answers."""
    results = []
    for item in items:
        started = time.perf_counter()
        answer = ask(item)
        if not answer.latency_ms:
            answer.latency_ms = (time.perf_counter() - started) * 1000
        results.append(judge(item, answer))
    return EvalReport(results)
