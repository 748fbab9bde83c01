"""Speech-to-text word error rate and latency on the shared sites' questions.

Each question in ``../shared/sites/qa.jsonl`` is spoken by espeak-ng in two voices (en-us,
en-gb) and once more with Gaussian noise (20 dB SNR), then transcribed by pocketsphinx with the
generic model, pocketsphinx with the agent's own model (the site is served and indexed first,
which builds it), and whisper base. Reported: WER per engine and condition (jiwer, on text in
spoken form: lower case, no punctuation, numbers as words), and per-engine decode latency
p50/p95 and real-time factor (decode seconds / audio seconds).

    python bench/voice.py --limit 20
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITES = ROOT.parent / "shared" / "sites"
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

CONDITIONS = {  # name -> (voice, speed, noise SNR dB or None)
    "en-us": ("en-us", 150, None),
    "en-gb": ("en-gb", 140, None),
    "en-us+noise": ("en-us", 150, 20.0),
}


def index_sites(sites: list[str], data_dir: Path) -> dict[str, str]:
    """Serve, crawl and index each shared site (which builds its voice model); site -> agent."""
    from bench.query import index_site

    return {site: index_site(SITES / site, data_dir) for site in sites}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N questions")
    parser.add_argument("--engines", default="pocketsphinx,pocketsphinx-agent,whisper")
    args = parser.parse_args()
    if not (SITES / "qa.jsonl").exists():
        print(f"skipped: {SITES / 'qa.jsonl'} is absent (the shared sites are not checked out)")
        return

    import jiwer
    from tests.voice.audio_support import noisy, speak

    from acorn.config import Settings
    from acorn.store import Database
    from acorn.voice.decode import decode
    from acorn.voice.stt import get_stt
    from acorn.voice.words import spoken

    rows = [json.loads(line) for line in (SITES / "qa.jsonl").read_text().splitlines() if line]
    rows = rows[: args.limit] if args.limit else rows
    engines = args.engines.split(",")
    data_dir = Path(tempfile.mkdtemp(prefix="acorn-voice-bench-"))
    agents = (
        index_sites(sorted({r["site"] for r in rows}), data_dir)
        if "pocketsphinx-agent" in engines
        else {}
    )
    settings = Settings(_env_file=None, data_dir=data_dir)  # type: ignore[call-arg]
    db = Database(settings).ensure_ready()
    stt = {
        "pocketsphinx": get_stt(settings, "pocketsphinx", db=db),
        "pocketsphinx-agent": get_stt(settings, "pocketsphinx", db=db),
        "whisper": get_stt(settings, "whisper"),
    }
    refs: dict[str, list[str]] = defaultdict(list)
    hyps: dict[tuple[str, str], list[str]] = defaultdict(list)
    times: dict[str, list[float]] = defaultdict(list)
    rtf: dict[str, list[float]] = defaultdict(list)
    for engine in engines:  # load every model before timing anything
        stt[engine].transcribe(decode(speak("hello")), language="en")
    for row in rows:
        for cond, (voice, speed, snr) in CONDITIONS.items():
            wav = speak(row["question"], voice=voice, speed=speed)
            pcm = decode(noisy(wav, snr_db=snr) if snr else wav)
            refs[cond].append(spoken(row["question"]))
            for engine in engines:
                agent = agents.get(row["site"]) if engine == "pocketsphinx-agent" else None
                started = time.perf_counter()
                out = stt[engine].transcribe(pcm, language="en", agent_id=agent)
                took = time.perf_counter() - started
                times[engine].append(took)
                rtf[engine].append(took / pcm.seconds)
                hyps[(engine, cond)].append(spoken(out.text))
    print(f"{len(rows)} questions x {len(CONDITIONS)} conditions")
    print(
        f"{'engine':20} "
        + " ".join(f"{c:>12}" for c in CONDITIONS)
        + f" {'all':>8} {'p50 ms':>8} {'p95 ms':>8} {'RTF':>6}"
    )
    for engine in engines:
        wers = [jiwer.wer(refs[c], hyps[(engine, c)]) for c in CONDITIONS]
        every = jiwer.wer(
            [r for c in CONDITIONS for r in refs[c]],
            [h for c in CONDITIONS for h in hyps[(engine, c)]],
        )
        print(
            f"{engine:20} "
            + " ".join(f"{w:>12.1%}" for w in wers)
            + f" {every:>8.1%} {1000 * statistics.median(times[engine]):>8.0f}"
            + f" {1000 * percentile(times[engine], 0.95):>8.0f} {statistics.mean(rtf[engine]):>6.2f}"
        )
    db.dispose()


if __name__ == "__main__":
    main()
