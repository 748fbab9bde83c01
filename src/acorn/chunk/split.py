"""Splitting a long section into parts that fit: at paragraphs, then lines (list items, table
rows), then sentences (pysbd, rule based, no downloads), with whole sentences as overlap.

A sentence is only ever cut when it alone is larger than the budget (a run-on wall of text);
it is then split between words so that nothing is lost to the embedder's truncation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pysbd

from acorn.chunk.bounds import TokenCounter
from acorn.values.money import bare_price, has_money
from acorn.values.person import read_name

_PARAGRAPH = re.compile(r"\n\s*\n")
MAX_ITEM_LINE = 80  # a name or a short description line of a price-list item


@dataclass(slots=True)
class Unit:
    text: str
    sep: str  # what joins it to the previous unit: "\n\n", "\n" or ""


class SectionSplitter:
    """Holds one pysbd segmenter (costly to build) for a whole site."""

    def __init__(self, counter: TokenCounter) -> None:
        self.count = counter
        self._segmenter = pysbd.Segmenter(language="en", clean=False)

    def sentences(self, text: str) -> list[str]:
        return [s for s in self._segmenter.segment(text) if s.strip()]

    def units(self, text: str, budget: int) -> list[Unit]:
        """The text as an ordered list of pieces that each fit the budget."""
        out: list[Unit] = []
        for p_index, para in enumerate(p for p in _PARAGRAPH.split(text) if p.strip()):
            para_sep = "\n\n" if p_index else ""
            if self.count(para) <= budget:
                out.append(Unit(para.strip(), para_sep))
                continue
            lines = _keep_prices_with_items([x for x in para.split("\n") if x.strip()])
            lines = _keep_people_with_roles(lines)
            for l_index, line in enumerate(lines):
                line_sep = para_sep if l_index == 0 else "\n"
                if self.count(line) <= budget:
                    out.append(Unit(line.strip(), line_sep))
                    continue
                for s_index, sentence in enumerate(self.sentences(line.strip())):
                    sep = line_sep if s_index == 0 else ""
                    if self.count(sentence) <= budget:
                        out.append(Unit(sentence, sep))
                    else:
                        out.extend(self._words(sentence, budget, sep))
        return out

    def _words(self, sentence: str, budget: int, sep: str) -> list[Unit]:
        """Last resort for a single sentence larger than the budget."""
        parts: list[Unit] = []
        current: list[str] = []
        size = 0
        for word in sentence.split():
            n = self.count(word)
            if current and size + n > budget:
                parts.append(Unit(" ".join(current) + " ", sep if not parts else ""))
                current, size = [], 0
            current.append(word)
            size += n
        if current:
            parts.append(Unit(" ".join(current), sep if not parts else ""))
        return parts

    def pack(self, text: str, budget: int, overlap: int) -> list[str]:
        """Greedy packing of units into parts of at most ``budget`` tokens, each new part
        starting with the previous part's last sentence(s) when they fit in ``overlap``.

        Word-piece counts add up across whitespace, so sums of unit counts decide the cut
        (linear, not quadratic); the chunker re-checks the final text anyway."""
        units = self.units(text, budget)
        sizes = [self.count(u.text) for u in units]
        parts: list[str] = []
        current: list[int] = []  # indices into units
        fresh = 0  # units in ``current`` that are not overlap
        for i in range(len(units)):
            if current and sum(sizes[j] for j in current) + sizes[i] > budget:
                if fresh:
                    parts.append(join([units[j] for j in current]))
                tail: list[int] = []
                for j in reversed(current):
                    if sum(sizes[k] for k in [j, *tail]) > overlap:
                        break
                    tail.insert(0, j)
                if sum(sizes[k] for k in tail) + sizes[i] > budget:
                    tail = []
                current, fresh = tail, 0
            current.append(i)
            fresh += 1
        if current and fresh:
            parts.append(join([units[j] for j in current]))
        return parts


def _keep_prices_with_items(lines: list[str]) -> list[str]:
    """A line that is only a price ("6.50", "- £5.95") belongs to the item above it: join it
    to the one or two short lines before it (a name, a description), so no split separates
    an item from its price. A part too big for the budget is still split by sentences."""
    out: list[str] = []
    for line in lines:
        if out and bare_price(line.removeprefix("- "), None) is not None:
            take = 1
            if len(out) >= 2 and all(
                len(x) <= MAX_ITEM_LINE and not has_money(x) for x in out[-2:]
            ):
                take = 2
            if len(out[-1]) <= MAX_ITEM_LINE * 4:
                line = "\n".join([*out[-take:], line])
                del out[-take:]
        out.append(line)
    return out


def _keep_people_with_roles(lines: list[str]) -> list[str]:
    """A line that is only a person's name ("Dr Jane Smith", an h4 of a team card) belongs to
    the short line under it (its role): join them so no split separates a person from what
    they do."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        bare = nxt.removeprefix("- ").strip()
        if nxt and len(bare) <= MAX_ITEM_LINE and read_name(line.removeprefix("- ")) is not None:
            out.append(f"{line}\n{nxt}")
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def join(units: list[Unit]) -> str:
    text = "".join((u.sep if i else "") + u.text for i, u in enumerate(units))
    return text.strip()
