"""Speak an opening-hours table: the whole week grouped ("Monday to Thursday, 8:30am to 5pm"),
or one day ("On Friday we're closed")."""

from __future__ import annotations

from acorn.answer.intent import DAYS


def spoken_time(hhmm: str) -> str:
    """'08:30' → '8:30am', '17:00' → '5pm', '12:00' → '12pm' (a time a voice reads well)."""
    try:
        hour_s, minute_s = hhmm.strip().split(":")[:2]
        hour, minute = int(hour_s), int(minute_s)
    except ValueError:
        return hhmm
    if hour in (0, 24) and minute == 0:
        return "midnight"
    suffix = "am" if hour < 12 else "pm"
    h12 = hour % 12 or 12
    return f"{h12}{suffix}" if minute == 0 else f"{h12}:{minute:02d}{suffix}"


def spoken_ranges(ranges: list[list[str]]) -> str:
    parts = [f"{spoken_time(r[0])} to {spoken_time(r[1])}" for r in ranges if len(r) >= 2]
    if not parts:
        return "open"
    return " and ".join(parts)


def _day_span(days: list[str]) -> str:
    names = [d.capitalize() for d in days]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} to {names[-1]}"


def week_summary(table: dict[str, list[list[str]]]) -> str:
    """Group consecutive days with the same hours: 'Monday to Thursday, 8:30am to 5pm; closed
    Friday to Sunday'."""
    groups: list[tuple[list[str], str]] = []
    for day in DAYS:
        ranges = table.get(day)
        said = spoken_ranges(ranges) if ranges else "closed"
        if groups and groups[-1][1] == said:
            groups[-1][0].append(day)
        else:
            groups.append(([day], said))
    parts = []
    for days, said in groups:
        if said == "closed":
            parts.append(f"closed {_day_span(days)}")
        else:
            parts.append(f"{_day_span(days)}, {said}")
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def day_answer(table: dict[str, list[list[str]]], day: str, asks_close: bool) -> str:
    ranges = table.get(day)
    name = day.capitalize()
    if not ranges:
        open_days = [d for d in DAYS if table.get(d)]
        tail = f" We're open {_summary_of_open(table, open_days)}." if open_days else ""
        return f"No, we're closed on {name}s.{tail}"
    if asks_close:
        closes = " and ".join(spoken_time(r[1]) for r in ranges if len(r) >= 2)
        return f"On {name} we close at {closes}, and we open at {spoken_time(ranges[0][0])}."
    return f"Yes, on {name} we're open {spoken_ranges(ranges)}."


def _summary_of_open(table: dict[str, list[list[str]]], open_days: list[str]) -> str:
    """The open days as spans ("Monday to Thursday"), with the hours when they are all the same
    — short enough to say after "we're closed that day"."""
    runs: list[list[str]] = []
    for day in DAYS:
        if day in open_days:
            if runs and DAYS.index(runs[-1][-1]) == DAYS.index(day) - 1:
                runs[-1].append(day)
            else:
                runs.append([day])
    spans = " and ".join(
        _day_span(r) if len(r) != 2 else f"{r[0].capitalize()} and {r[1].capitalize()}"
        for r in runs
    )
    said = {spoken_ranges(table[d]) for d in open_days}
    return f"{spans}, {said.pop()}" if len(said) == 1 else spans
