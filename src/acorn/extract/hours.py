"""Opening hours from tables and prose, normalised to ``{"monday": [["09:00", "17:00"]], ...}``.

Hours are the fact visitors ask about most and the easiest to get subtly wrong, so the reader
is strict: a day name (or "weekdays", "daily"…) and a time *range* must sit close together,
lines that mention calendar dates are skipped (event listings are not opening hours), and a
closed day maps to ``[]``. Times without am/pm are read the way people write them on shop
doors: "8.30 until 5.00" is 08:30–17:00, "Sat 10-2" is 10:00–14:00.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from acorn.extract.daynames import base_language
from acorn.extract.hours_grammar import Grammar, grammar

DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DAY_PREFIX = {
    "mon": 0,
    "tue": 1,
    "wed": 2,
    "thu": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
_ONE_TIME = re.compile(
    r"(?:(?P<h>\d{1,2})(?:\s?[:.h]\s?(?P<m>\d{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)?|(?P<word>noon|midday|midnight))",
    re.I,
)
_LABEL_GAP = re.compile(r"^[\s:|–—-]*(?:is|are|all\s+day)?[\s:|–—-]*$", re.I)
_ORDINAL_BEFORE = re.compile(
    r"(?:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th|every\s+other|alternate)\s+$",
    re.I,
)
_TIGHT = re.compile(r"^[\s,&/+]*(?:and)?[\s,&/+]*$", re.I)
MAX_GAP = 40  # characters allowed between a day and its times

Hours = dict[str, list[list[str]]]


@dataclass
class _Group:
    days: list[int]
    last_day: int
    times: list[list[str]] = field(default_factory=list)
    closed: bool = False
    from_pending: bool = False


def _day_index(word: str, days: dict[str, int]) -> int:
    w = word.lower().rstrip(".")
    if w in days:
        return days[w]
    if w[:-1] in days:  # plural "lundis"
        return days[w[:-1]]
    return _DAY_PREFIX[w[:3]]


def _special_days(word: str) -> list[int]:
    w = word.lower().replace(" ", "")
    if w.startswith("weekday") or re.fullmatch(r"m\W?f", w):
        return [0, 1, 2, 3, 4]
    if w.startswith("weekend"):
        return [5, 6]
    if "holiday" in w or "feiertag" in w or "féri" in w or "feri" in w:
        return []  # consumes its times: "Bank holidays: closed" is about no weekday
    return list(range(7))


def _expand(a: int, b: int) -> list[int]:
    out = [a]
    while out[-1] != b and len(out) < 7:
        out.append((out[-1] + 1) % 7)
    return out


def _minutes(m: re.Match[str]) -> tuple[int, str | None] | None:
    word = (m.group("word") or "").lower()
    if word in {"noon", "midday"}:
        return 12 * 60, "pm"
    if word == "midnight":
        return 24 * 60, "am"
    h, mins = int(m.group("h")), int(m.group("m") or 0)
    ap = (m.group("ap") or "").lower().replace(".", "") or None
    if h > 24 or mins > 59:
        return None
    if ap == "pm" and h < 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    return h * 60 + mins, ap


def parse_range(text: str) -> list[str] | None:
    """ "9am–5:30pm" → ["09:00", "17:30"]; None when it is not a plausible opening time."""
    parts = list(_ONE_TIME.finditer(text))
    parts = [p for p in parts if p.group(0).strip()]
    if len(parts) < 2:
        return None
    a, b = _minutes(parts[0]), _minutes(parts[-1])
    if a is None or b is None:
        return None
    (start, ap1), (end, ap2) = a, b
    if parts[-1].group("word") and parts[-1].group("word").lower() == "midnight":
        end = 24 * 60
    if parts[0].group("word") and parts[0].group("word").lower() == "midnight":
        start = 0
    if ap1 is None and ap2 == "pm" and start + 12 * 60 < end:
        start += 12 * 60  # "6-9pm"
    # "06:00" / "02:00" are 24-hour clock times: never shifted by twelve hours
    zero1 = (parts[0].group("h") or "").startswith("0")
    zero2 = (parts[-1].group("h") or "").startswith("0")
    if ap2 is None and not zero2 and end <= start and end + 12 * 60 <= 24 * 60:
        end += 12 * 60  # "8.30 until 5.00", "10-2"
    if ap1 is None and ap2 is None and not zero1 and start < 7 * 60 and start < end <= 12 * 60:
        start, end = start + 12 * 60, end + 12 * 60  # "1-5" is an afternoon
    if end <= start and not (end == 0 or ap2 == "am" or zero2):
        return None
    if end <= start:
        end = 24 * 60 if end == 0 else end  # overnight ranges keep their closing time
    return [f"{start // 60:02d}:{start % 60:02d}", f"{end // 60:02d}:{end % 60:02d}"]


def _finalize(group: _Group | None, out: Hours) -> None:
    if group is None or not (group.times or group.closed):
        return
    for d in group.days:
        name = DAYS[d]
        if group.closed and not group.times:
            out.setdefault(name, [])
        else:
            ranges = out.setdefault(name, [])
            for t in group.times:
                if t not in ranges:
                    ranges.append(t)


def parse_hours_line(line: str, lang: str | None = None) -> Hours:
    """Every day → time ranges stated in one line (or table row); ``lang`` (ISO 639-1) adds
    that language's day abbreviations."""
    g = grammar(base_language(lang))
    if g.date.search(line):
        return {}
    out: Hours = {}
    cur: _Group | None = None
    pending: list[list[str]] = []
    pending_closed = False
    prev_kind = ""
    last_end = 0
    for m in g.token.finditer(line):
        kind = m.lastgroup or ""
        gap = line[last_end : m.start()]
        if kind == "day" and _ORDINAL_BEFORE.search(line[max(0, m.start() - 16) : m.start()]):
            # "the first Monday of every month" is a date rule, not a weekly opening
            _finalize(cur, out)
            cur, pending, pending_closed, prev_kind = None, [], False, ""
            last_end = m.end()
            continue
        if kind in {"day", "special"}:
            days = [_day_index(m.group(), g.days)] if kind == "day" else _special_days(m.group())
            if (
                cur is not None
                and prev_kind == "day"
                and kind == "day"
                and g.connect.match(gap)
                and (not cur.times or cur.from_pending)
            ):
                if g.range_connect.search(gap):
                    cur.days = [*cur.days[:-1], *_expand(cur.last_day, days[0])]
                else:
                    cur.days.extend(days)
                cur.last_day = days[0]
            else:
                _finalize(cur, out)
                cur = _Group(days=days, last_day=days[0] if days else -1)
                if (pending or pending_closed) and len(gap) <= MAX_GAP:
                    cur.times, cur.closed, cur.from_pending = pending, pending_closed, True
                pending, pending_closed = [], False
        else:
            times: list[list[str]] = []
            if kind == "range":
                rng = parse_range(m.group())
                if rng is None:
                    last_end = m.end()
                    continue
                times = [rng]
            elif kind == "h24":
                times = [["00:00", "24:00"]]
            attach = (
                cur is not None
                and not cur.from_pending
                and len(gap) <= MAX_GAP
                and (
                    (not cur.times and not cur.closed and kind != "closed")
                    # "Sunday: closed" / "Sunday | Closed", but not "Tuesday to Sunday and
                    # closed on Mondays", whose "closed" belongs to the day after it
                    or (kind == "closed" and not cur.times and _LABEL_GAP.match(gap) is not None)
                    or (kind != "closed" and _TIGHT.match(gap) is not None)
                )
            )
            if attach and cur is not None:
                if kind == "closed":
                    cur.closed = True
                else:
                    cur.times.extend(times)
            else:
                if cur is not None and (cur.times or cur.closed):
                    _finalize(cur, out)
                    cur = None
                if kind == "closed":
                    pending_closed = True
                else:
                    pending.extend(times)
        prev_kind = kind if kind != "special" else "day"
        last_end = m.end()
    _finalize(cur, out)
    if not out and ["00:00", "24:00"] in pending and re.search(r"\bopen\b", line, re.I):
        out = {d: [["00:00", "24:00"]] for d in DAYS}  # "Open 24 hours"
    return out


def _joined_lines(lines: list[str], g: Grammar) -> list[tuple[int, str]]:
    """Join a line holding only day names with the next one ("Monday" / "9am - 5pm")."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if i + 1 < len(lines) and len(line) < 40 and g.day_only.match(line):
            out.append((i, f"{line} {lines[i + 1]}"))
            i += 2
            continue
        out.append((i, line))
        i += 1
    return out


def _worth_parsing(line: str, g: Grammar) -> bool:
    """Cheap substring checks before the token regex: a day word and a digit or "closed"."""
    low = line.lower()
    if not any(w in low for w in g.hints):
        return False
    return any(c.isdigit() for c in low) or any(
        w in low for w in (*g.closed_hints, "noon", "midnight")
    )


def order(hours: Hours) -> Hours:
    return {d: sorted(hours[d]) for d in DAYS if d in hours}


def find_hours(
    text: str, *, lang: str | None = None, max_lines: int = 20_000
) -> list[tuple[Hours, str]]:
    """Blocks of opening hours in ``text`` with the lines they were read from; ``lang`` is
    the page's language (its day abbreviations are read too)."""
    g = grammar(base_language(lang))
    lines = [line.strip() for line in text.split("\n")[:max_lines] if line.strip()]
    hits: list[tuple[int, Hours, str]] = []
    for idx, (_, line) in enumerate(_joined_lines(lines, g)):
        if len(line) > 400 or not _worth_parsing(line, g):
            continue
        found = parse_hours_line(line, lang)
        if found:
            hits.append((idx, found, line))
    blocks: list[tuple[Hours, str]] = []
    last = -10
    for idx, found, line in hits:
        if blocks and idx - last == 1:  # only directly consecutive lines form one block
            merged, ctx = blocks[-1]
            for day, ranges in found.items():
                have = merged.setdefault(day, [])
                have.extend(r for r in ranges if r not in have)
            blocks[-1] = (merged, f"{ctx}\n{line}")
        else:
            blocks.append((dict(found), line))
        last = idx
    return [(order(h), ctx[:600]) for h, ctx in blocks]


_SCHEMA_DAY = {"mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6}
_SCHEMA_PART = re.compile(
    r"\b((?:mo|tu|we|th|fr|sa|su)(?:\s*[-,]\s*(?:mo|tu|we|th|fr|sa|su))*)\b\s*:?\s*"
    r"(\d{1,2}(?:[:.]\d{2})?\s*-\s*\d{1,2}(?:[:.]\d{2})?|closed|off)?",
    re.I,
)


def parse_schema_hours(spec: str) -> Hours:
    """schema.org ``openingHours`` strings: "Mo-Fr 09:00-17:00", "Mo,We 9-5; Sa 10-14",
    "Mo-Fr 09:00-17:00 Sa 10:00-14:00", "24/7"; a day list without times is open all day."""
    if re.fullmatch(r"\s*(?:24/7|mo-su|mo-su\s+00:00-(?:24:00|23:59))\s*", spec, re.I):
        return {d: [["00:00", "24:00"]] for d in DAYS}
    out: Hours = {}
    for m in _SCHEMA_PART.finditer(spec):
        days: list[int] = []
        for chunk in m.group(1).split(","):
            ends = [c.strip()[:2].lower() for c in chunk.split("-") if c.strip()]
            days.extend(_expand(_SCHEMA_DAY[ends[0]], _SCHEMA_DAY[ends[-1]]))
        times = (m.group(2) or "").strip()
        if not times:
            continue
        if times.lower() in {"closed", "off"}:
            for di in days:
                out.setdefault(DAYS[di], [])
            continue
        start, end = (t.strip().replace(".", ":") for t in times.split("-", 1))
        if end in {"00:00", "24:00"} and start == "00:00":
            rng: list[str] | None = ["00:00", "24:00"]
        else:
            rng = parse_range(f"{_hhmm(start)}-{_hhmm(end)}")
        for di in days:
            if rng and rng not in out.setdefault(DAYS[di], []):
                out[DAYS[di]].append(rng)
    return order(out)


def _hhmm(t: str) -> str:
    """Schema times are 24-hour: "9" → "09:00", so "9-17" is never read as am/pm prose."""
    h, _, m = t.partition(":")
    return f"{int(h):02d}:{m or '00'}"
