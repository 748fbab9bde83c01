"""The widget as a visitor meets it: its gzipped size, the time from the script loading to its
button being visible, and the time from pressing send to the answer being shown (p50/p95),
in headless Chromium against a local server answering an indexed fixture agent from a host
page on another origin.

    .venv/bin/python bench/widget.py [--questions 20] [--loads 10] [--chromium /usr/bin/chromium]

Targets (issue 13): at most 10 kB gzipped, the button within 100 ms of the script loading,
a text answer within 300 ms at p95.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.web.widget_world import widget_world

from acorn.crawl.render import CHROMIUM_ARGS
from acorn.web.widget import HERE

QUESTIONS = [
    "What are your opening hours?",
    "When are you open on Saturday?",
    "Are you open on Sunday?",
    "How much is a standard service?",
    "What does a puncture repair cost?",
    "How much is wheel truing?",
    "Where are you?",
    "What is your phone number?",
    "Is there parking?",
    "How long does a service take?",
    "Do you fix cargo bikes?",
    "Can I book a service?",
    "What is included in a service?",
    "Do you reseal tubeless tyres?",
    "What is your e-mail address?",
    "Do you fit tyres while I wait?",
    "How long does wheel truing take?",
    "Are you open on Monday?",
    "What kinds of bikes do you service?",
    "Where is the workshop?",
]

# Installed before the page loads: note when the widget's host element is added, and when the
# frame that shows it is drawn; the button's time is that frame less the script's responseEnd.
MARK = """new MutationObserver((_, obs) => {
  if (!document.querySelector('[data-acorn-widget]')) return;
  obs.disconnect();
  requestAnimationFrame(() => { window.__acornShown = performance.now(); });
}).observe(document, {childList: true, subtree: true});"""
SINCE_LOAD = """() => window.__acornShown - performance.getEntriesByType('resource')
  .find(e => e.name.includes('/widget.js')).responseEnd"""


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--loads", type=int, default=10)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    raw = (HERE / "widget.js").read_bytes()
    print(f"widget.js: {len(raw)} bytes, {len(gzip.compress(raw, 9))} bytes gzipped")
    with (
        tempfile.TemporaryDirectory() as tmp,
        widget_world(Path(tmp) / "data") as world,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        visible = []
        for _ in range(args.loads):
            context = browser.new_context()
            context.add_init_script(MARK)
            page = context.new_page()
            page.goto(world.host.url + "/")
            page.wait_for_function("() => window.__acornShown")
            visible.append(page.evaluate(SINCE_LOAD))
            context.close()
        print(
            f"button visible after script load: p50 {pct(visible, 0.5):.1f} ms, "
            f"p95 {pct(visible, 0.95):.1f} ms ({args.loads} loads)"
        )
        page = browser.new_context().new_page()
        page.goto(world.host.url + "/")
        page.locator(".fab").click()
        field = page.locator("form:not(.lead) input")
        field.wait_for()
        answers = []
        for i in range(args.questions):
            question = QUESTIONS[i % len(QUESTIONS)]
            shown = page.locator(".m.a").count()
            field.fill(question)
            ms = page.evaluate(
                """([n]) => new Promise(resolve => {
                  const root = document.querySelector('[data-acorn-widget]').shadowRoot;
                  const t0 = performance.now();
                  const obs = new MutationObserver(() => {
                    if (root.querySelectorAll('.m.a').length > n) {
                      obs.disconnect(); resolve(performance.now() - t0);
                    }
                  });
                  obs.observe(root, {childList: true, subtree: true});
                  root.querySelector('form:not(.lead) button[type=submit]').click();
                })""",
                [shown],
            )
            answers.append(ms)
            page.locator("form:not(.lead) button[type=submit]").wait_for(state="visible")
            page.wait_for_function(
                "() => !document.querySelector('[data-acorn-widget]').shadowRoot"
                ".querySelector('form:not(.lead) button[type=submit]').disabled"
            )
        browser.close()
    print(
        f"send to answer shown: p50 {statistics.median(answers):.1f} ms, "
        f"p95 {pct(answers, 0.95):.1f} ms, max {max(answers):.1f} ms "
        f"({args.questions} questions, first includes minting the token)"
    )


if __name__ == "__main__":
    main()
