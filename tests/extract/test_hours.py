"""Opening hours from prose and table rows, normalised to {"monday": [["09:00", "17:00"]]}."""

from __future__ import annotations

import pytest

from acorn.extract.hours import find_hours, parse_hours_line, parse_schema_hours

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Mon–Fri 9am–5:30pm", {d: [["09:00", "17:30"]] for d in WEEKDAYS}),
        ("Monday to Thursday 8.30am - 5.00pm", {d: [["08:30", "17:00"]] for d in WEEKDAYS[:4]}),
        (
            "Open Monday to Thursday from 8.30 until 5.00",
            {d: [["08:30", "17:00"]] for d in WEEKDAYS[:4]},
        ),
        ("Sat 10-2", {"saturday": [["10:00", "14:00"]]}),
        ("Closed Sundays", {"sunday": []}),
        ("Saturday: closed", {"saturday": []}),
        (
            "Tuesday through Saturday 11am to 10pm",
            {
                d: [["11:00", "22:00"]]
                for d in ["tuesday", "wednesday", "thursday", "friday", "saturday"]
            },
        ),
        ("Sunday noon until midnight", {"sunday": [["12:00", "24:00"]]}),
        ("Weekdays 8 till 6", {d: [["08:00", "18:00"]] for d in WEEKDAYS}),
        ("Monday | 9:00 - 17:00", {"monday": [["09:00", "17:00"]]}),
        ("Friday — 9:00 AM — 4:00 PM", {"friday": [["09:00", "16:00"]]}),
        ("Hours: M-F 9-5", {d: [["09:00", "17:00"]] for d in WEEKDAYS}),
        ("Mon.-Fri. 9 a.m. - 5 p.m.", {d: [["09:00", "17:00"]] for d in WEEKDAYS}),
        (
            "Open 7 days a week, 9am-9pm",
            {d: [["09:00", "21:00"]] for d in [*WEEKDAYS, "saturday", "sunday"]},
        ),
        (
            "Mon to Fri 08:00 to 20:00, weekends 10:00 to 16:00",
            {
                **{d: [["08:00", "20:00"]] for d in WEEKDAYS},
                "saturday": [["10:00", "16:00"]],
                "sunday": [["10:00", "16:00"]],
            },
        ),
        (
            "Monday - Friday: 9:00am - 5:00pm (closed 1-2pm for lunch)",
            {d: [["09:00", "17:00"]] for d in WEEKDAYS},
        ),
        (
            "Fri–Mon 6-9pm",
            {d: [["18:00", "21:00"]] for d in ["friday", "saturday", "sunday", "monday"]},
        ),
    ],
)
def test_prose_phrasings(line: str, expected: dict) -> None:
    assert parse_hours_line(line) == expected


def test_several_groups_and_split_shifts_in_one_line() -> None:
    got = parse_hours_line("Mon-Fri: 9am - 12pm, 1pm - 5pm; Sat 10am-2pm, closed Sundays")
    assert got["monday"] == [["09:00", "12:00"], ["13:00", "17:00"]]
    assert got["saturday"] == [["10:00", "14:00"]]
    assert got["sunday"] == []


def test_lunch_and_dinner_services_both_kept() -> None:
    got = parse_hours_line("Lunch: Tue-Sun 12-2.30pm, Dinner: Tue-Sat 6-10pm")
    assert got["tuesday"] == [["12:00", "14:30"], ["18:00", "22:00"]]
    assert got["sunday"] == [["12:00", "14:30"]]


def test_times_before_days() -> None:
    got = parse_hours_line("Phone Angie any time from 8.30 to 5pm Monday to Thursday.")
    assert got == {d: [["08:30", "17:00"]] for d in WEEKDAYS[:4]}


def test_closed_after_hours_goes_to_the_days_that_follow() -> None:
    got = parse_hours_line("Monday - Friday 9-5. Closed on weekends and bank holidays")
    assert got["friday"] == [["09:00", "17:00"]]
    assert got["saturday"] == [] and got["sunday"] == []


def test_closed_belongs_to_the_day_it_names() -> None:
    got = parse_hours_line("We are open Tuesday to Sunday and closed on Mondays.")
    assert got == {"monday": []}
    assert parse_hours_line("Sunday | Closed") == {"sunday": []}
    assert parse_hours_line("Sundays: closed all day") == {"sunday": []}


def test_monthly_rules_are_not_weekly_hours() -> None:
    line = "Classes on the first Monday of every month, when the shop is closed, run 10am to 3pm."
    assert parse_hours_line(line) == {}


def test_open_24_hours_means_every_day() -> None:
    got = parse_hours_line("We are open 24 hours")
    assert got["sunday"] == [["00:00", "24:00"]] and len(got) == 7


@pytest.mark.parametrize(
    "line",
    [
        "Sunday, June 5 10:00 AM - 11:00 AM Worship service",
        "Join us on 12/05/2024 from 10-2 for the Saturday fair",
        "Sunday worship at 10:30am",  # a single time is an event, not a range
        "Appointments last 20-30 minutes on Mondays",
        "We sat down for 3-4 hours",
    ],
)
def test_events_durations_and_dates_are_not_hours(line: str) -> None:
    assert parse_hours_line(line) == {}


def test_table_rows_and_day_on_its_own_line() -> None:
    text = "Opening hours\nMonday\n9am - 5pm\nTuesday\n9am - 5pm\nSaturday | 10:00 | 13:00\nSunday\nClosed\n"
    [(hours, context)] = find_hours(text)
    assert hours == {
        "monday": [["09:00", "17:00"]],
        "tuesday": [["09:00", "17:00"]],
        "saturday": [["10:00", "13:00"]],
        "sunday": [],
    }
    assert "Saturday" in context


def test_separate_blocks_stay_separate() -> None:
    text = "Office: Mon-Fri 9-5\n" + "filler line\n" * 5 + "Phone line: Mon-Sun 8am-8pm\n"
    assert len(find_hours(text)) == 2


def test_schema_org_opening_hours_strings() -> None:
    assert parse_schema_hours("Mo-Fr 09:00-17:00")["friday"] == [["09:00", "17:00"]]
    got = parse_schema_hours("Mo,We 09:00-12:00; Sa 10:00-14:00; Su closed")
    assert got == {
        "monday": [["09:00", "12:00"]],
        "wednesday": [["09:00", "12:00"]],
        "saturday": [["10:00", "14:00"]],
        "sunday": [],
    }


def test_schema_org_strings_in_one_line_and_always_open() -> None:
    got = parse_schema_hours("Mo-Fr 09:00-17:00 Sa 10:00-14:00")
    assert got["friday"] == [["09:00", "17:00"]] and got["saturday"] == [["10:00", "14:00"]]
    assert parse_schema_hours("24/7")["sunday"] == [["00:00", "24:00"]]
    assert parse_schema_hours("Tu-Th 9-17") == {
        d: [["09:00", "17:00"]] for d in ["tuesday", "wednesday", "thursday"]
    }


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Du lundi au vendredi de 9h à 18h, samedi 9h30-12h, dimanche fermé",
            {
                **{d: [["09:00", "18:00"]] for d in WEEKDAYS},
                "saturday": [["09:30", "12:00"]],
                "sunday": [],
            },
        ),
        (
            "Montag bis Freitag 9:00 - 18:00 Uhr, Samstag geschlossen",
            {**{d: [["09:00", "18:00"]] for d in WEEKDAYS}, "saturday": []},
        ),
        ("Lunes a viernes de 9:00 a 14:00", {d: [["09:00", "14:00"]] for d in WEEKDAYS}),
        (
            "Ouvert tous les jours 8h-20h",
            {d: [["08:00", "20:00"]] for d in [*WEEKDAYS, "saturday", "sunday"]},
        ),
    ],
)
def test_french_german_spanish(line: str, expected: dict) -> None:
    assert parse_hours_line(line) == expected
