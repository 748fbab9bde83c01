"""The agent's ``include_patterns`` / ``exclude_patterns``, compiled with RE2.

Patterns come from whoever submits an agent config, and a crawl matches every discovered link
against them on the event loop. Python's backtracking ``re`` can take exponential time on a
pattern such as ``^.{4}(.|.)*Z`` and froze the server for seconds; RE2 matches in time linear
in the URL, whatever the pattern. The price is RE2's smaller syntax (no backreferences, no
lookahead or lookbehind), so a pattern is checked when the config is submitted and refused with
a message saying why, instead of failing the crawl later.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import re2

MAX_PATTERNS = 50  # per list: each one is matched against every discovered link
MAX_PATTERN_LENGTH = 500

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # RE2 would print every refused pattern to stderr as well

_UNSUPPORTED = {
    "(?=": "lookahead",
    "(?!": "negative lookahead",
    "(?<=": "lookbehind",
    "(?<!": "negative lookbehind",
    "(?P=": "a named backreference",
}


class PatternError(ValueError):
    """A pattern RE2 cannot compile, or a list of patterns over the bounds."""


def compile_pattern(pattern: str) -> Any:
    """The compiled RE2 pattern (``.search`` has ``re``'s semantics), or PatternError naming
    the pattern and what to write instead."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternError(
            f"pattern {pattern[:40]!r}… is {len(pattern)} characters long; "
            f"the most is {MAX_PATTERN_LENGTH}"
        )
    try:
        return re2.compile(pattern, _OPTIONS)
    except re2.error as exc:
        raise PatternError(f"pattern {pattern!r} is not valid: {_reason(pattern, exc)}") from None


def compile_patterns(patterns: Sequence[str]) -> list[Any]:
    """Every pattern compiled, or PatternError for the first bad one (or too many)."""
    if len(patterns) > MAX_PATTERNS:
        raise PatternError(f"{len(patterns)} patterns given; the most is {MAX_PATTERNS}")
    return [compile_pattern(p) for p in patterns]


def any_match(compiled: Iterable[Any], url: str) -> bool:
    """True when one of the patterns is found anywhere in ``url`` (``re.search`` semantics)."""
    return any(p.search(url) is not None for p in compiled)


def _reason(pattern: str, exc: Exception) -> str:
    raw = exc.args[0] if exc.args else exc
    reason = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    for token, name in _UNSUPPORTED.items():
        if token in pattern:
            return (
                f"{name} is not supported (patterns use RE2 syntax, which matches in linear "
                "time but has no lookaround or backreferences); rewrite it, e.g. use an "
                "exclude pattern instead of a negative lookahead"
            )
    if "invalid escape sequence" in reason and any(f"\\{d}" in pattern for d in "123456789"):
        return (
            "backreferences (\\1) are not supported (patterns use RE2 syntax, which matches "
            "in linear time)"
        )
    if "\\Z" in reason:
        return "\\Z is not supported; use \\z (or $) for the end of the URL"
    return f"{reason} (patterns use RE2 syntax: https://github.com/google/re2/wiki/Syntax)"
