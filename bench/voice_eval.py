"""Spoken-answer accuracy: the shared sites' questions asked as audio (espeak-ng speech,
transcribed by the speech-to-text engine) beside the same questions typed, in one run, scored
by the same rules as ``acorn eval``, for each half of ``bench/split.json``.

    .venv/bin/python bench/voice_eval.py [--stt whisper|pocketsphinx] [--per-site N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.voice.speech import spoken  # noqa: E402

SHARED = REPO.parent / "shared" / "sites"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stt", default="whisper")
    parser.add_argument("--per-site", type=int, default=0, help="only the first N per site")
    args = parser.parse_args()
    if not (SHARED / "qa.jsonl").is_file():
        print(f"skipped: {SHARED} is absent (the shared sites are not checked out)")
        return
    from acorn.answer import evaluate
    from acorn.answer.evalsite import prepare_agent, serve_directory
    from acorn.answer.evaluate import Split, load_qa
    from acorn.answer.service import AnswerService
    from acorn.config import ScrapingConfig, Settings
    from acorn.index import KnowledgeBase
    from acorn.store import Database
    from acorn.voice.service import VoiceService

    items = load_qa(SHARED / "qa.jsonl")
    if args.per_site:
        seen: dict[str, int] = {}
        items = [i for i in items if (seen.__setitem__(i.site, seen.get(i.site, 0) + 1) or
                                      seen[i.site] <= args.per_site)]  # fmt: skip
    halves = Split.load(REPO / "bench" / "split.json").halves()
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, data_dir=Path(tmp), allow_private_networks=["127.0.0.0/8"], stt=args.stt
        )
        db = Database(settings).ensure_ready()
        kb = KnowledgeBase(settings, db)
        service = AnswerService(settings, db, kb)
        voice = VoiceService(settings, service)
        fast = ScrapingConfig(delay_seconds=0, obey_crawl_delay=False)
        agents = {}
        for name in sorted({i.site for i in items}):
            url = stack.enter_context(serve_directory(SHARED / name))
            agents[name] = prepare_agent(settings, db, kb, url, scraping=fast)
        heard: dict[str, str] = {}

        def typed(item):  # type: ignore[no-untyped-def]
            return service.answer(agents[item.site], item.question, record=False)

        def said(item):  # type: ignore[no-untyped-def]
            agent = agents[item.site]
            text = voice.transcribe(agent, spoken(item.question)).text.strip()
            heard[item.question] = text
            return service.answer(agent, text or "(silence)", record=False)

        text_report = evaluate.run(typed, items)
        voice_report = evaluate.run(said, items)

    def pc(x: float | None) -> str:
        return "-" if x is None else f"{x:.1%}"

    print(f"engine {args.stt}; {len(items)} questions\n")
    print(
        f"{'':10} {'typed acc':>10} {'spoken acc':>11} {'typed declines':>15} {'spoken declines':>16}"
    )
    for half, sites in [("all", list(agents)), *halves.items()]:
        t, v = text_report.only(sites).summary(), voice_report.only(sites).summary()
        print(f"{half:10} {pc(t['accuracy']):>10} {pc(v['accuracy']):>11} "
              f"{pc(t['correct_decline_rate']):>15} {pc(v['correct_decline_rate']):>16}")  # fmt: skip


if __name__ == "__main__":
    main()
