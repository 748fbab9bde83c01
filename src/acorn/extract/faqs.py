"""Questions a site already answers: question headings, ``<details>``, ``<dt>/<dd>`` and
bold question lines followed by an answer. (FAQPage JSON-LD is read in ``jsonld``.)"""

from __future__ import annotations

import re

from lxml import html

from acorn.extract.dom import clean_ws
from acorn.extract.types import FAQ, Section

MAX_Q = 200
MAX_A = 1500
_QWORD = re.compile(
    r"^(?:how|what|when|where|why|who|which|can|do|does|did|is|are|will|should|could|would|may|"
    r"have|has|if|am|was)\b",
    re.I,
)


def is_question(text: str) -> bool:
    text = text.strip()
    return 8 <= len(text) <= MAX_Q and text.endswith("?")


def faqs_from_sections(sections: list[Section], url: str) -> list[FAQ]:
    out: list[FAQ] = []
    for sec in sections:
        if sec.heading_path and is_question(sec.heading_path[-1]) and sec.text:
            out.append(FAQ(sec.heading_path[-1], sec.text[:MAX_A], url))
            continue
        # "**Do you take cards?**" / "Yes, all major cards." inside an FAQ-ish section
        lines = sec.text.split("\n")
        faqish = any(re.search(r"faq|question", h, re.I) for h in sec.heading_path)
        if not faqish:
            continue
        for i, line in enumerate(lines[:-1]):
            q = line.removeprefix("- ").strip()
            nxt = lines[i + 1].removeprefix("- ").strip()
            if is_question(q) and _QWORD.match(q) and nxt and not is_question(nxt):
                out.append(FAQ(q, nxt[:MAX_A], url))
    return out


def faqs_from_dom(root: html.HtmlElement, url: str) -> list[FAQ]:
    out: list[FAQ] = []
    for details in root.iter("details"):
        summary = details.find("summary")
        if summary is None:
            continue
        q = clean_ws(summary.text_content())
        whole = clean_ws(details.text_content())
        a = whole[len(q) :].strip() if whole.startswith(q) else whole
        if is_question(q) and a:
            out.append(FAQ(q, a[:MAX_A], url))
    for dt in root.iter("dt"):
        dd = dt.getnext()
        if dd is None or dd.tag != "dd":
            continue
        q, a = clean_ws(dt.text_content()), clean_ws(dd.text_content())
        if is_question(q) and a:
            out.append(FAQ(q, a[:MAX_A], url))
    return out


def dedupe_faqs(faqs: list[FAQ]) -> list[FAQ]:
    seen: set[str] = set()
    out: list[FAQ] = []
    for faq in faqs:
        key = re.sub(r"\W+", " ", faq.question.lower()).strip()
        if key not in seen:
            seen.add(key)
            out.append(faq)
    return out
