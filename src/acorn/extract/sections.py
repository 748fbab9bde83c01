"""Blocks → ordered sections under their H1–H3 heading path.

H4–H6 stay inside the section as their own line: they are usually labels ("Saturday",
"Our address") whose text belongs with the H3 above, and deeper paths only fragment chunks.
"""

from __future__ import annotations

import re

from acorn.extract.dom import Block
from acorn.extract.types import Section

MAX_LEVEL = 3
# button and link labels that say nothing on their own ("MORE", "Read more ›", "BACK")
_CTA = re.compile(
    r"^(?:read\s+more|more|learn\s+more|see\s+more|view\s+more|find\s+out\s+more|"
    r"continue\s+reading|click\s+here|back|go\s+back|back\s+to\s+top|top|share|print|"
    r"en\s+savoir\s+plus|weiterlesen|leer\s+m[aá]s)\W*$",
    re.I,
)


def to_sections(items: list[Block]) -> list[Section]:
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    lines: list[str] = []
    level = 0

    def close() -> None:
        if lines:
            sections.append(Section([t for _, t in stack], level, "\n".join(lines)))
        elif stack and stack[-1][0] == level and level > 0:
            # a heading with no text of its own still marks the page outline
            sections.append(Section([t for _, t in stack], level, ""))

    for block in items:
        if block.kind == "heading" and block.level <= MAX_LEVEL:
            close()
            lines = []
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            stack.append((block.level, block.text))
            level = block.level
        elif not _CTA.match(block.text.removeprefix("- ")):
            lines.append(block.text)
    close()
    # drop empty heading-only sections that are immediately followed by a deeper section
    out: list[Section] = []
    for i, sec in enumerate(sections):
        nxt = sections[i + 1] if i + 1 < len(sections) else None
        if (
            not sec.text
            and nxt is not None
            and nxt.heading_path[: len(sec.heading_path)] == sec.heading_path
        ):
            continue
        out.append(sec)
    return out


def sections_text(sections: list[Section], *, with_headings: bool = True) -> str:
    """What we index: each section's heading then its text, in page order."""
    parts: list[str] = []
    prev: list[str] = []
    for sec in sections:
        if with_headings:
            same = 0
            while (
                same < min(len(prev), len(sec.heading_path))
                and prev[same] == sec.heading_path[same]
            ):
                same += 1
            if same == len(sec.heading_path) and sec.heading_path and prev == sec.heading_path:
                same -= 1  # a repeated heading is printed again
            parts.extend(sec.heading_path[max(same, 0) :])
            prev = sec.heading_path
        if sec.text:
            parts.append(sec.text)
    return "\n".join(parts)
