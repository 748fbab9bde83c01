"""Turn chosen sentences into what a receptionist would say: a few clean sentences, no bullets
or table pipes, no headings read out, in the agent's tone — never a page dump."""

from __future__ import annotations

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
        sentence = clean_sentence(raw)
        if not sentence:
            continue
        n = len(sentence.split())
        if out and used + n > budget:
            break
        out.append(_terminate(sentence))
        used += n
    return " ".join(out)


def _terminate(sentence: str) -> str:
    sentence = sentence.rstrip()
    if sentence.endswith(":"):
        return sentence[:-1] + "."
    if sentence[-1:] in ".!?)\"'":
        return sentence
    return sentence + "."
