"""Turn chosen sentences into what a receptionist would say: a few clean sentences, no bullets
or table pipes, no headings read out, in the agent's tone — never a page dump."""

from __future__ import annotations

import re

from acorn.answer.text import clean_sentence
from acorn.config import PersonalityConfig

MAX_WORDS = {"concise": 70, "detailed": 130}


def spoken_reply(sentences: list[str], personality: PersonalityConfig) -> str:
    """Join sentences into one reply, capped in words by the agent's style. Whole sentences
    only: a fact is never cut in half, so a long sentence may overrun the cap rather than be
    truncated."""
    budget = MAX_WORDS.get(personality.style, 70)
    out: list[str] = []
    used = 0
    for raw in sentences[: personality.max_sentences + 4]:
        sentence = _drop_echoed_question(clean_sentence(raw))
        if not sentence:
            continue
        n = len(sentence.split())
        if out and used + n > budget:
            break
        out.append(_terminate(sentence))
        used += n
    return " ".join(out)


_FAQ_QUESTION = re.compile(r"^(?:Q:\s*)?[^?]{3,200}\?\s+(?:A:\s*)?(?=\S)")


def _drop_echoed_question(sentence: str) -> str:
    """An FAQ entry is matched with its question, but the visitor just asked it: say only the
    answer ("Q: Do you take cards? A: Yes, ..." → "Yes, ...")."""
    return _FAQ_QUESTION.sub("", sentence, count=1)


def _terminate(sentence: str) -> str:
    sentence = sentence.rstrip()
    if sentence.endswith(":"):
        return sentence[:-1] + "."
    if sentence[-1:] in ".!?)\"'":
        return sentence
    return sentence + "."
