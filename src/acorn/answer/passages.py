"""The passages of a chunk that the extractive answerer weighs: each sentence with what it
needs to make sense alone (the list it introduces, the answer under an FAQ question, the lines
under a heading line), and the text each is embedded as (with its heading).

One definition for two callers: the answerer splits retrieved chunks into these candidates, and
the index embeds the same texts when a chunk is written (``acorn.index.memo``), so a visitor's
first question embeds only itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from acorn.answer import guard
from acorn.answer.text import split_sentences

MAX_LIST_ITEMS = 8  # the answerer's default (ExtractiveConfig.max_list_items)
_NUMBER = re.compile(r"\d")
_URL = re.compile(r"https?://|www\.", re.I)


@dataclass(frozen=True, slots=True)
class Passage:
    index: int  # the sentence's position in its chunk
    text: str


def passages(
    content: str, heading_path: list[str], max_list_items: int = MAX_LIST_ITEMS
) -> list[Passage]:
    """The candidate answers in one chunk, in order."""
    out: list[Passage] = []
    sentences = list(split_sentences(content))
    for i, sentence in enumerate(sentences):
        if guard.is_instruction(sentence) or _URL.search(sentence):
            continue  # instructions are not evidence; URLs are not speakable
        text = with_context(sentences, i, max_list_items)
        if len(text.split()) >= 2 or _NUMBER.search(text):
            out.append(Passage(i, text))
    return out


def embed_text(heading_path: list[str], text: str) -> str:
    """What a passage is embedded as: its heading says what a bare line is about."""
    heading = heading_path[-1] if heading_path else ""
    return f"{heading}: {text}" if heading and heading not in text else text


def passage_texts(content: str, heading_path: list[str]) -> list[str]:
    """Every text the answerer will embed for this chunk (``acorn.index.memo``)."""
    return list(
        dict.fromkeys(embed_text(heading_path, p.text) for p in passages(content, heading_path))
    )


def is_heading(line: str) -> bool:
    """A short line with no sentence end and no number: a heading or a list item, which means
    little alone."""
    stripped = line.strip()
    return (
        len(stripped.split()) <= 6
        and not stripped.endswith((".", "!", "?", ":", ","))
        and not _NUMBER.search(stripped)
    )


def with_context(sentences: list[str], i: int, max_list_items: int) -> str:
    """A sentence plus what it needs to make sense alone: the items of a list it introduces
    ("Our trustees are:" + names) or the answer under an FAQ-style question."""
    sentence = sentences[i]
    nxt = [s for s in sentences[i + 1 : i + 1 + max_list_items]]
    if sentence.rstrip().endswith(":") and nxt:
        items = []
        for s in nxt:
            if guard.is_instruction(s) or len(s.split()) > 14:
                break
            if s.rstrip().endswith((".", "!", "?")) and len(s.split()) >= 3:
                break  # a full sentence: the list is over
            items.append(s.strip().rstrip(".;,"))
        if items:
            return f"{sentence.rstrip()} {', '.join(items)}."
    if sentence.rstrip().endswith("?") and nxt and not guard.is_instruction(nxt[0]):
        # An FAQ: the question with its answer ("Yes." alone needs what follows it).
        answer = nxt[0]
        if len(answer.split()) < 4 and len(nxt) > 1 and not nxt[1].rstrip().endswith("?"):
            answer = f"{answer} {nxt[1]}"
        return f"{sentence} {answer}"
    if is_heading(sentence) and nxt and not guard.is_instruction(nxt[0]):
        # A heading line ("Our Trustees", "Saturday Workshop") means nothing alone: speak it
        # with what sits under it — the short lines of a list, or the next sentence.
        items = []
        for s in nxt[:6]:
            if guard.is_instruction(s) or not is_heading(s):
                break
            items.append(s.strip())
        if len(items) >= 2:
            return f"{sentence.rstrip()}: {', '.join(items)}."
        body = nxt[0]
        if len(body.split()) < 3 and len(nxt) > 1 and not guard.is_instruction(nxt[1]):
            body = f"{body} {nxt[1]}"  # "Hi." says nothing: take the sentence after it too
        return f"{sentence.rstrip()}: {body}"
    return sentence
