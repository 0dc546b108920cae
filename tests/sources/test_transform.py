"""``to_timezone``: a schedule printed in another zone (what ``--timezone`` does after loading)."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from program.checks import check
from program.prepare import checked
from program.errors import UserError
from program.sources.registry import load_schedule
from program.sources.transform import to_timezone

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def times(schedule):
    return [(t.title, t.start, t.end) for t in schedule.talks()]


def test_a_utc_calendar_gets_its_zone_and_the_warning_goes():
    schedule = load_schedule(str(FIXTURES / "ical" / "utc-only.ics"))
    london = to_timezone(schedule, "Europe/London")
    assert london.event.timezone == "Europe/London"
    assert times(london)[:2] == [
        ("Registration / Breakfast", datetime(2015, 9, 18, 8), datetime(2015, 9, 18, 9, 30)),
        ("Opening Plenary", datetime(2015, 9, 18, 9, 30), datetime(2015, 9, 18, 10, 30))]
    assert [p.message for p in check(london) if "UTC" in p.message] == []
    assert london.notices == ()
    # the untitled event is still reported (by the prepare step)
    assert [p.message for p in checked(london)[1] if "untitled" in p.message]


def test_a_zoned_schedule_keeps_its_instants_and_days_move_with_them():
    schedule = load_schedule(str(FIXTURES / "interchange" / "democonf24.json"))  # Berlin
    tokyo = to_timezone(schedule, "Asia/Tokyo")
    assert tokyo.event.timezone == "Asia/Tokyo"
    assert times(tokyo)[0] == ("Eröffnung", datetime(2024, 3, 1, 17), datetime(2024, 3, 1, 17, 15))
    # the late item stays on its day (after midnight there), as in Berlin
    assert ("Hacking until dawn", datetime(2024, 3, 2, 7, 30), datetime(2024, 3, 2, 8, 30)) \
        in times(tokyo) and len(tokyo.days) == 2
    new_york = to_timezone(schedule, "America/New_York")
    assert [d.date for d in new_york.days] == [date(2024, 3, 1), date(2024, 3, 2)]
    assert times(new_york)[0] == ("Eröffnung", datetime(2024, 3, 1, 3), datetime(2024, 3, 1, 3, 15))
    assert to_timezone(new_york, "Europe/Berlin") == schedule  # and back


def test_a_day_from_after_midnight_utc_is_the_evening_before_in_new_york(write):
    path = write("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nX-WR-TIMEZONE:UTC\nBEGIN:VEVENT\nUID:1\n"
                 "SUMMARY:Late\nDTSTART:20240302T003000Z\nDURATION:PT1H\nEND:VEVENT\n"
                 "END:VCALENDAR\n", "c.ics")
    moved = to_timezone(load_schedule(str(path)), "America/New_York")
    assert [d.date for d in moved.days] == [date(2024, 3, 1)]
    assert (moved.event.start_date, moved.event.end_date) == (date(2024, 3, 1), date(2024, 3, 1))
    assert times(moved) == [("Late", datetime(2024, 3, 1, 19, 30), datetime(2024, 3, 1, 20, 30))]


def test_no_zone_known_sets_the_zone_and_an_unknown_name_is_refused():
    schedule = load_schedule(str(FIXTURES / "interchange" / "democonf24.csv"))
    assert schedule.event.timezone is None
    assert to_timezone(schedule, "Europe/Berlin").event.timezone == "Europe/Berlin"
    assert times(to_timezone(schedule, "Europe/Berlin")) == times(schedule)
    with pytest.raises(UserError, match="unknown time zone 'Mars/Olympus'"):
        to_timezone(schedule, "Mars/Olympus")
