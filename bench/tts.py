"""Text-to-speech latency: p50/p95 per provider for typical one- and two-sentence replies,
and the time to encode a reply per format. Prints a table; figures go in docs/voice-tts.md.

    python bench/tts.py [--runs 20] [--providers espeak piper-joe]

Synthesis is measured after one warm-up call (loading a voice is a one-off per process).
Pin the cores with ``taskset -c 0`` to see the one-core figures.
"""

from __future__ import annotations

import argparse
import statistics
import time

from acorn.config import Settings, VoiceConfig
from acorn.errors import ConfigurationError
from acorn.voice.encode import encode
from acorn.voice.speech_text import for_speech
from acorn.voice.tts import get_tts

REPLIES = {
    "one sentence": "We're open Monday to Friday from 9am to 5pm.",
    "two sentences": (
        "We're open Mon–Fri 9am–5pm and Saturday mornings. "
        "You can book online or call us at +1 415 867 5309."
    ),
}
FORMATS = ("webm", "ogg", "mp3", "wav")


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(fn, runs: int) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--providers", nargs="+", default=["espeak", "piper-joe"])
    args = parser.parse_args()
    settings, voice = Settings(), VoiceConfig()
    print(f"{'provider':<12} {'reply':<14} {'audio s':>8} {'p50 ms':>8} {'p95 ms':>8} {'RTF':>7}")
    pcm = None
    for name in args.providers:
        try:
            tts = get_tts(settings, name)
        except ConfigurationError as exc:
            print(f"{name:<12} skipped: {exc}")
            continue
        for label, text in REPLIES.items():
            spoken = for_speech(text, "en")
            pcm = tts.synthesize(spoken, language="en", voice=voice)
            p50, p95 = percentiles(
                timed(lambda: tts.synthesize(spoken, language="en", voice=voice), args.runs)  # noqa: B023
            )
            print(
                f"{name:<12} {label:<14} {pcm.seconds:8.2f} {p50:8.1f} {p95:8.1f} "
                f"{p50 / 1000 / pcm.seconds:7.3f}"
            )
    if pcm is None:
        return
    print(f"\nencode a {pcm.seconds:.1f} s reply at {pcm.rate} Hz")
    print(f"{'format':<8} {'bytes':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for fmt in FORMATS:
        size = len(encode(pcm, fmt))
        p50, p95 = percentiles(timed(lambda: encode(pcm, fmt), args.runs))  # noqa: B023
        print(f"{fmt:<8} {size:8d} {p50:8.1f} {p95:8.1f}")
    print("\nfor_speech on the two-sentence reply: ", end="")
    p50, _ = percentiles(timed(lambda: for_speech(REPLIES["two sentences"], "en"), args.runs))
    print(f"{p50:.2f} ms p50")


if __name__ == "__main__":
    main()
