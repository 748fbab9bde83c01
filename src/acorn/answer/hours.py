"""Speak an opening-hours table: the whole week grouped ("Monday to Thursday, 8:30am to 5pm"),
or one day ("On Friday we're closed"), with times said the way the business's country says
them: "2pm" in the United States, "14:00" in Germany (CLDR's preferred time format for the
country, through babel: a fact about countries, not a guess of ours). Where the country speaks
English the answer says "5pm", as English speech does even where timetables print "17:00"."""

from __future__ import annotations

from functools import cache
from typing import Literal

from acorn.answer.intent import DAYS
from acorn.sitedata import StructuredData

Clock = Literal["12h", "24h", "24h0"]  # 24h0: hours written with a leading zero ("08:30")


@cache
def clock_of(country: str | None) -> Clock:
    """The clock a country's people read times in; 12-hour when the country is unknown."""
    if not country or len(country) != 2:
        return "12h"
    try:
        from babel import Locale, UnknownLocaleError

        locale = Locale.parse(f"und_{country.upper()}")
        pattern = locale.time_formats["short"].pattern
    except (ImportError, ValueError, KeyError, UnknownLocaleError):
        return "12h"
    if locale.language == "en":
        return "12h"  # English *speech* says "5pm" even where timetables print "17:00"
    if "h" in pattern or "K" in pattern:
        return "12h"
    return "24h0" if "HH" in pattern else "24h"


def business_country(sd: StructuredData) -> str | None:
    """Where the business is: its address's country, else its phone number's."""
    from acorn.extract.phones import region_from_country

    address = sd.address or (sd.addresses[0] if sd.addresses else None)
    region = region_from_country(address.country) if address else None
    if region is None and sd.phones:
        import phonenumbers

        try:
            region = phonenumbers.region_code_for_number(phonenumbers.parse(sd.phones[0].e164))
        except phonenumbers.NumberParseException:
            region = None
    return region


def spoken_time(hhmm: str, clock: Clock = "12h") -> str:
    """'08:30' → '8:30am', '17:00' → '5pm', '12:00' → '12pm' on a 12-hour clock; '08:30' and
    '17:00' on a 24-hour one."""
    try:
        hour_s, minute_s = hhmm.strip().split(":")[:2]
        hour, minute = int(hour_s), int(minute_s)
    except ValueError:
        return hhmm
    if clock != "12h":
        return f"{hour:02d}:{minute:02d}" if clock == "24h0" else f"{hour}:{minute:02d}"
    if hour in (0, 24) and minute == 0:
        return "midnight"
    suffix = "am" if hour < 12 else "pm"
    h12 = hour % 12 or 12
    return f"{h12}{suffix}" if minute == 0 else f"{h12}:{minute:02d}{suffix}"


def spoken_ranges(ranges: list[list[str]], clock: Clock = "12h") -> str:
    parts = [
        f"{spoken_time(r[0], clock)} to {spoken_time(r[1], clock)}" for r in ranges if len(r) >= 2
    ]
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


def week_summary(table: dict[str, list[list[str]]], clock: Clock = "12h") -> str:
    """Group consecutive days with the same hours: 'Monday to Thursday, 8:30am to 5pm; closed
    Friday to Sunday'."""
    groups: list[tuple[list[str], str]] = []
    for day in DAYS:
        ranges = table.get(day)
        said = spoken_ranges(ranges, clock) if ranges else "closed"
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


def day_answer(
    table: dict[str, list[list[str]]], day: str, asks_close: bool, clock: Clock = "12h"
) -> str:
    ranges = table.get(day)
    name = day.capitalize()
    if not ranges:
        open_days = [d for d in DAYS if table.get(d)]
        tail = f" We're open {_summary_of_open(table, open_days, clock)}." if open_days else ""
        return f"No, we're closed on {name}s.{tail}"
    if asks_close:
        closes = " and ".join(spoken_time(r[1], clock) for r in ranges if len(r) >= 2)
        opens = spoken_time(ranges[0][0], clock)
        return f"On {name} we close at {closes}, and we open at {opens}."
    return f"Yes, on {name} we're open {spoken_ranges(ranges, clock)}."


def _summary_of_open(table: dict[str, list[list[str]]], open_days: list[str], clock: Clock) -> str:
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
    said = {spoken_ranges(table[d], clock) for d in open_days}
    return f"{spans}, {said.pop()}" if len(said) == 1 else spans
