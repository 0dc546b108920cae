"""The iCalendar and xCal readers on the variations real calendars show: all-day and
multi-day events (day notes), RDATE, daylight-saving edges, pretalx summaries, people from
ORGANIZER and ATTENDEE, CATEGORIES, empty summaries, and calendars whose times are in UTC.

Fixtures: ``fixtures/ical/*.ics`` (small, CRLF, shaped like real exports) and calendars
written inline for the edges of time.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from program.build import Settings, build
from program.checks import check
from program.prepare import checked, prepare
from program.errors import UserError
from program.model import Person, Session, ambiguous, exists, instant
from program.sources import ical
from program.sources.registry import load_schedule

from pdftools import normalized, page_texts

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ical"
DAYS = FIXTURES / "days.ics"
PRETALX = FIXTURES / "pretalx.ics"
UTC_ONLY = FIXTURES / "utc-only.ics"


def calendar(*events: str, head: str = "") -> str:
    """A calendar of VEVENTs (each given by its lines), ``head`` after the PRODID line."""
    body = "".join(f"BEGIN:VEVENT\n{e.strip()}\nEND:VEVENT\n" for e in events)
    top = f"{head.strip()}\n" if head.strip() else ""
    return f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Example//Cal//EN\n{top}{body}END:VCALENDAR\n"


def items(schedule):
    return [(t.id, t.title, t.start, t.end, t.room) for t in schedule.talks()]


def warnings(schedule) -> list[str]:
    return [str(p) for p in checked(schedule)[1] if p.severity == "warning"
            and "gets no QR code" not in p.message and "gap of" not in p.message]


def errors(schedule) -> list[str]:
    return [str(p) for p in check(schedule) if p.severity == "error"]


# --- all-day and multi-day events: day notes ------------------------------------------

DAY1 = ("Registration desk open · Foyer",
        "Poster exhibition (1 March – 2 March)",
        "Hackathon (1 March 10:00 – 2 March 10:00 CET) · Lab",
        "Art installation (1 March 10:00 – 15 March 10:00 CET)")


def test_all_day_and_multi_day_events_are_notes_of_each_day_they_cover():
    schedule = load_schedule(str(DAYS))
    assert [(d.date, d.notes) for d in schedule.days] == [
        (date(2024, 3, 1), DAY1), (date(2024, 3, 2), DAY1[1:])]
    # the timetable holds only what has a time of day, in Berlin time; RDATE adds Saturday's
    assert items(schedule) == [
        ("yoga@example.org", "Morning yoga", datetime(2024, 3, 1, 7, 30),
         datetime(2024, 3, 1, 8), "Saal 1"),
        ("open@example.org", "Opening", datetime(2024, 3, 1, 9), datetime(2024, 3, 1, 9, 30),
         "Saal 1"),
        ("yoga@example.org-20240302T0730", "Morning yoga", datetime(2024, 3, 2, 7, 30),
         datetime(2024, 3, 2, 8), "Saal 1"),
        ("close@example.org", "Closing", datetime(2024, 3, 2, 16), datetime(2024, 3, 2, 16, 30),
         "Saal 1")]
    assert warnings(schedule) == [f"{DAYS}:31: warning: event 'Excursion' (all day, 10 March) "
                                  "is on no day of the timetable: left out"]
    assert errors(schedule) == []


def test_day_notes_are_printed_on_the_grid_and_session_pages(tmp_path):
    result = build(str(DAYS), Settings(out_dir=tmp_path, products=("booklet",)))
    pages = [normalized(t) for t in page_texts(result.files[0][0])]
    grids = [p for p in pages if p.startswith(("Friday, 1 March 2024 — at a glance",
                                               "Saturday, 2 March 2024 — at a glance"))]
    days = [p for p in pages if p.startswith(("Friday, 1 March 2024 ", "Saturday, 2 March 2024 "))
            and "at a glance" not in p]
    assert len(grids) == len(days) == 2
    for page, notes in zip(grids, (DAY1, DAY1[1:])):  # under the title, above the grid
        assert page.startswith(page.split(" — at a glance")[0] + " — at a glance "
                               + " ".join(notes) + " 7:30")
    for page, notes in zip(days, (DAY1, DAY1[1:])):  # under the day's heading
        assert page.split(" 2024 ", 1)[1].startswith(" ".join(notes) + " 7:30–8:00 Morning yoga")
    assert "Excursion" not in " ".join(pages)


def test_an_event_over_days_is_never_a_cell_from_9_to_9(write):
    path = write(calendar("UID:a\nSUMMARY:Day one\nDTSTART:20240301T090000\nDTEND:20240301T100000",
                          "UID:b\nSUMMARY:Camp\nDTSTART:20240301T090000\nDURATION:P2W",
                          "UID:c\nSUMMARY:Party\nDTSTART:20240301T220000\nDTEND:20240302T030000",
                          "UID:d\nSUMMARY:Night shift\nDTSTART:20240301T010000\n"
                          "DTEND:20240302T010000"), "c.ics")
    schedule = ical.load(path)
    assert [t.title for t in schedule.talks()] == ["Day one", "Party"]  # till 03:00: evening
    assert schedule.days[0].notes == ("Camp (1 March 09:00 – 15 March 09:00)",
                                      "Night shift (1 March 01:00 – 2 March 01:00)")


def test_a_calendar_of_all_day_events_only_is_refused(write):
    path = write(calendar("UID:1\nSUMMARY:Conference\nDTSTART;VALUE=DATE:20240301"), "c.ics")
    with pytest.raises(UserError) as info:
        ical.load(path)
    assert str(info.value) == (f"{path}: error: no events with a time of day in this calendar "
                               "(only all-day events): nothing to put in a timetable")


# --- RDATE ------------------------------------------------------------------------------

def test_rdate_periods_exdate_and_overridden_occurrences(write):
    path = write(calendar(
        "UID:s\nSUMMARY:Standup\nDTSTART:20240301T090000\nDURATION:PT15M\n"
        "RDATE:20240302T090000,20240303T090000\n"
        "RDATE;VALUE=PERIOD:20240304T100000/20240304T110000,20240305T100000/PT30M\n"
        "RDATE:20240301T090000\nEXDATE:20240303T090000",
        "UID:s\nRECURRENCE-ID:20240302T090000\nSUMMARY:Standup (moved)\n"
        "DTSTART:20240302T093000\nDURATION:PT15M"), "c.ics")
    assert [(t.id, t.title, t.start, t.end) for t in ical.load(path).talks()] == [
        ("s", "Standup", datetime(2024, 3, 1, 9), datetime(2024, 3, 1, 9, 15)),
        ("s-20240302T0930", "Standup (moved)", datetime(2024, 3, 2, 9, 30),
         datetime(2024, 3, 2, 9, 45)),
        ("s-20240304T1000", "Standup", datetime(2024, 3, 4, 10), datetime(2024, 3, 4, 11)),
        ("s-20240305T1000", "Standup", datetime(2024, 3, 5, 10), datetime(2024, 3, 5, 10, 30))]


# --- daylight-saving edges ----------------------------------------------------------------

BERLIN = "X-WR-TIMEZONE:Europe/Berlin"


def test_a_time_the_zone_skips_is_an_error_naming_the_event(write):
    path = write(calendar("UID:1\nSUMMARY:Night owls\n"
                          "DTSTART;TZID=Europe/Berlin:20250330T023000\nDURATION:PT30M"), "c.ics")
    with pytest.raises(UserError) as info:
        ical.load(path)
    assert str(info.value) == (f"{path}:4: error: event 'Night owls': DTSTART 2025-03-30 02:30 "
                               "does not exist in Europe/Berlin (the clocks go forward over it)")


@pytest.mark.parametrize("start,end,key", [
    ("DTSTART:20250330T023000", "DTEND:20250330T040000", "DTSTART"),  # floating, in Berlin
    ("DTSTART:20250330T013000", "DTEND:20250330T023000", "DTEND"),
    ("DTSTART:20250330T013000", "DTEND;TZID=Europe/Berlin:20250330T023000", "DTEND"),
    ("DTSTART:20250329T023000\nRDATE:20250330T023000", "DURATION:PT30M", "RDATE")])
def test_a_skipped_time_anywhere_in_an_event_is_an_error(start, end, key, write):
    path = write(calendar(f"UID:1\nSUMMARY:Night owls\n{start}\n{end}", head=BERLIN), "c.ics")
    with pytest.raises(UserError) as info:
        ical.load(path)
    assert str(info.value).startswith(f"{path}:5: error: event 'Night owls': {key} 2025-03-30 ")
    assert str(info.value).endswith(" does not exist in Europe/Berlin (the clocks go forward "
                                    "over it)")


def test_the_yaml_format_gets_the_same_check(write):
    path = write("event:\n  title: T\n  timezone: Europe/Berlin\n"
                 "days:\n  - date: 2025-03-30\n    items:\n"
                 "      - time: 2:30 - 3:30\n        title: Night owls\n")
    (message,) = errors(load_schedule(str(path)))
    assert message.endswith("error: 'Night owls' (02:30): 02:30 on 2025-03-30 does not exist "
                            "in Europe/Berlin (the clocks go forward over it)")


def test_durations_across_a_change_of_the_clocks_are_real_durations(write):
    path = write(calendar("UID:1\nSUMMARY:Spring\nDTSTART;TZID=Europe/Berlin:20250330T013000\n"
                          "DURATION:PT1H",
                          "UID:2\nSUMMARY:Autumn\nDTSTART;TZID=Europe/Berlin:20251026T013000\n"
                          "DURATION:PT2H",
                          "UID:3\nSUMMARY:Floating\nDTSTART:20251026T100000\nDURATION:PT1H",
                          head=BERLIN), "c.ics")
    schedule = ical.load(path)
    assert [(t.title, t.start, t.end) for t in schedule.talks()] == [
        ("Spring", datetime(2025, 3, 30, 1, 30), datetime(2025, 3, 30, 3, 30)),  # not 02:30
        ("Autumn", datetime(2025, 10, 26, 1, 30), datetime(2025, 10, 26, 2, 30)),  # 02:30 twice
        ("Floating", datetime(2025, 10, 26, 10), datetime(2025, 10, 26, 11))]
    spring, autumn, _ = schedule.talks()
    assert instant(spring.end, "Europe/Berlin") - instant(spring.start, "Europe/Berlin") == \
        datetime(2000, 1, 1, 1) - datetime(2000, 1, 1)
    assert autumn.end.fold == 1  # the second 02:30, two real hours after 01:30
    assert errors(schedule) == []


def test_two_utc_events_an_hour_apart_in_the_repeated_hour_do_not_overlap(write):
    # London, 25 October 2015: 01:00-02:00 comes twice (BST, then GMT)
    path = write(calendar("UID:1\nSUMMARY:First\nDTSTART:20151025T001500Z\nDTEND:20151025T004500Z\n"
                          "LOCATION:Hall",
                          "UID:2\nSUMMARY:Second\nDTSTART:20151025T011500Z\n"
                          "DTEND:20151025T014500Z\nLOCATION:Hall",
                          head="X-WR-TIMEZONE:Europe/London"), "c.ics")
    schedule = ical.load(path)
    first, second = schedule.talks()
    assert (first.start, first.end) == (second.start, second.end) == (
        datetime(2015, 10, 25, 1, 15), datetime(2015, 10, 25, 1, 45))  # the same wall clock
    assert (first.start.fold, second.start.fold) == (0, 1)
    assert errors(schedule) == []
    # the same two items an hour closer do overlap
    closer = write(calendar("UID:1\nSUMMARY:First\nDTSTART:20151025T001500Z\n"
                            "DTEND:20151025T011500Z\nLOCATION:Hall",
                            "UID:2\nSUMMARY:Second\nDTSTART:20151025T010000Z\n"
                            "DTEND:20151025T013000Z\nLOCATION:Hall",
                            head="X-WR-TIMEZONE:Europe/London"), "d.ics")
    assert [str(p).split(": ", 1)[1] for p in check(ical.load(closer)) if "overlaps" in p.message] \
        == ["warning: 'Second' (01:00) overlaps 'First' (01:15) in room 'Hall': they share the "
            "column side by side, marked as overlapping"]


def test_exists_and_instant():
    assert not exists(datetime(2025, 3, 30, 2, 30), "Europe/Berlin")
    assert not ambiguous(datetime(2025, 3, 30, 2, 30), "Europe/Berlin")  # skipped, not twice
    assert ambiguous(datetime(2025, 10, 26, 2, 30), "Europe/Berlin")
    assert not ambiguous(datetime(2025, 10, 26, 3, 0), "Europe/Berlin")
    assert exists(datetime(2025, 3, 30, 2, 30), None) and exists(datetime(2025, 3, 30, 3), "Europe/Berlin")
    assert instant(datetime(2025, 10, 26, 2, 30, fold=1), "Europe/Berlin") == datetime(2025, 10, 26, 1, 30)
    assert instant(datetime(2025, 10, 26, 2, 30), "Europe/Berlin") == datetime(2025, 10, 26, 0, 30)


# --- pretalx summaries, people, tracks, untitled events -----------------------------------

def test_pretalx_summaries_people_tracks_and_untitled_events():
    schedule = load_schedule(str(PRETALX))
    assert schedule.event.timezone == "Europe/Berlin"
    entries = schedule.days[0].entries
    talks = {t.id.split("-")[2][:6]: t for t in schedule.talks()}
    tensors = talks["AAA111"]
    assert (tensors.title, tensors.start, tensors.track) == (
        "Tensors for everyone", datetime(2024, 3, 1, 9), "Machine Learning")
    assert tensors.speakers == (Person("Ana Ruiz", "Universidad de Sevilla, Spain"),
                                Person("Bo Li"))
    # pretalx ends the summary with " - " when a talk has no speakers: not a name
    assert (talks["BBB222"].title, talks["BBB222"].speakers) == ("Lightning talks - and more", ())
    # from pretalx, whatever follows the last " - " is speakers, capitalised or not
    assert (talks["JJJ999"].title, talks["JJJ999"].speakers) == (
        "Weird names", (Person("danimo"), Person("user42", "Chaos e.V.")))
    # no SUMMARY: kept untitled; the prepare step prints "(untitled)"
    assert [talks[k].title for k in ("CCC333", "DDD444")] == ["", ""]
    printed = {t.id: t.title for t in prepare(schedule)[0].talks()}
    assert [printed[talks[k].id] for k in ("CCC333", "DDD444")] == ["(untitled)"] * 2
    # a chaired event is a session holding the talks in its room and time
    compilers = next(e for e in entries if isinstance(e, Session) and e.title == "Compilers")
    assert compilers.chairs == (Person("Chen Wei", "TU Berlin"),)  # not the REQ-PARTICIPANT
    assert (compilers.start, compilers.end, compilers.room) == (
        datetime(2024, 3, 1, 11), datetime(2024, 3, 1, 12), "Saal 1")
    assert [(t.title, t.speakers, t.track) for t in compilers.items] == [
        ("Parsing with derivatives", (Person("Kim Park", "KAIST"),), "Compilers"),
        ("Register allocation", (Person("Lee Min"),), None)]
    # a chaired event with nothing inside is a session of itself
    panel = next(e for e in entries if isinstance(e, Session) and e.title == "Panel: the future")
    assert panel.chairs == (Person("Ana Ruiz"),)
    assert [(t.title, t.start) for t in panel.items] == [("Panel: the future",
                                                           datetime(2024, 3, 1, 13))]
    assert warnings(schedule) == [
        f"{PRETALX}:23: warning: the untitled item 'pretalx-fold24-CCC333@pretalx.example.org' "
        "(2024-03-01 10:00) has no title: printed as '(untitled)'",
        f"{PRETALX}:30: warning: the untitled item 'pretalx-fold24-DDD444@pretalx.example.org' "
        "(2024-03-01 10:30) has no title: printed as '(untitled)'"]
    assert errors(schedule) == []


def test_pretalx_people_reach_the_booklet(tmp_path):
    result = build(str(PRETALX), Settings(out_dir=tmp_path, products=("booklet",)))
    text = normalized(" ".join(page_texts(result.files[0][0])))
    for expected in ("Tensors for everyone", "Ana Ruiz", "Universidad de Sevilla, Spain",
                     "Compilers", "Chen Wei", "Kim Park", "KAIST", "(untitled)"):
        assert expected in text
    assert "[" not in text and "Someone Else" not in text


# --- time zones -----------------------------------------------------------------------------

def test_utc_times_with_no_zone_named_stay_in_utc_with_a_warning():
    schedule = load_schedule(str(UTC_ONLY))
    assert schedule.event.timezone == "UTC"
    assert items(schedule)[:2] == [
        ("20150918T102825Z-31048@worker-linux-docker-88763661-3190-linux-7",
         "Registration / Breakfast", datetime(2015, 9, 18, 7), datetime(2015, 9, 18, 8, 30),
         "Cafeteria"),
        ("20150918T102825Z-70813@worker-linux-docker-88763661-3190-linux-7", "Opening Plenary",
         datetime(2015, 9, 18, 8, 30), datetime(2015, 9, 18, 9, 30), "Main Room (CC1.3)")]
    assert warnings(schedule) == [
        f"{UTC_ONLY}: warning: the calendar gives its times in UTC and names no time zone (no "
        "X-WR-TIMEZONE or VTIMEZONE): they are printed in UTC; --timezone ZONE prints them in "
        "the event's zone",
        f"{UTC_ONLY}:20: warning: the untitled item "
        "'20150918T102825Z-20643@worker-linux-docker-88763661-3190-linux-7' (2015-09-18 09:30) "
        "has no title: printed as '(untitled)'"]
    assert [n.about for n in schedule.notices] == ["timezone"]


@pytest.mark.parametrize("head", [
    "X-WR-TIMEZONE:Europe/London",
    "BEGIN:VTIMEZONE\nTZID:Europe/London\nBEGIN:DAYLIGHT\nDTSTART:20150329T010000\n"
    "TZOFFSETFROM:+0000\nTZOFFSETTO:+0100\nEND:DAYLIGHT\nEND:VTIMEZONE"])
def test_utc_times_are_printed_in_the_zone_the_calendar_names(head, write):
    path = write(calendar("UID:1\nSUMMARY:Opening\nDTSTART:20150918T083000Z\n"
                          "DTEND:20150918T093000Z", head=head), "c.ics")
    schedule = ical.load(path)
    assert schedule.event.timezone == "Europe/London" and schedule.notices == ()
    assert items(schedule) == [("1", "Opening", datetime(2015, 9, 18, 9, 30),
                                datetime(2015, 9, 18, 10, 30), None)]


# --- the .ics export: real zoned times -------------------------------------------------------

FRAB_OFFSETS = (
    '{"schedule": {"conference": {"title": "Offsets", "days": [{"date": "2024-03-01", "rooms": '
    '{"Saal 1": [{"guid": "g1", "title": "Opening", "date": "2024-03-01T09:00:00+01:00", '
    '"duration": "0:30"}]}}]}}}')


def test_frab_offsets_become_real_zoned_times_in_the_ics(write):
    import icalendar

    from program.export_ics import to_ics

    schedule = load_schedule(str(write(FRAB_OFFSETS, "s.json")))
    assert schedule.event.timezone == "Etc/GMT-1"  # +01:00, the IANA way round
    assert items(schedule) == [("g1", "Opening", datetime(2024, 3, 1, 9),
                                datetime(2024, 3, 1, 9, 30), "Saal 1")]
    data = to_ics(schedule)
    assert b"DTSTART;TZID=Etc/GMT-1:20240301T090000" in data
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert event.decoded("DTSTART").utcoffset().total_seconds() == 3600
    # mixed offsets name no one zone: nothing is guessed
    mixed = FRAB_OFFSETS.replace('"duration": "0:30"}', '"duration": "0:30"}, {"guid": "g2", '
                                 '"title": "Later", "date": "2024-03-01T12:00:00+02:00", '
                                 '"duration": "0:30"}')
    assert load_schedule(str(write(mixed, "m.json"))).event.timezone is None
    # frab XML: the same reader behind it
    xml = (FIXTURES.parent / "interchange" / "democonf24.xml").read_text(encoding="utf-8")
    unnamed = xml.replace("<time_zone_name>Europe/Berlin</time_zone_name>", "")
    assert load_schedule(str(write(unnamed, "s.xml"))).event.timezone == "Etc/GMT-1"


def test_the_second_pass_of_a_repeated_hour_is_exported_in_utc(write):
    import icalendar

    from program.export_ics import to_ics

    path = write(calendar("UID:1\nSUMMARY:First\nDTSTART:20151025T001500Z\nDTEND:20151025T004500Z",
                          "UID:2\nSUMMARY:Second\nDTSTART:20151025T011500Z\n"
                          "DTEND:20151025T014500Z", head="X-WR-TIMEZONE:Europe/London"), "c.ics")
    events = icalendar.Calendar.from_ical(to_ics(ical.load(path))).walk("VEVENT")
    assert [e.decoded("DTSTART").astimezone(timezone.utc) for e in events] == [
        datetime(2015, 10, 25, 0, 15, tzinfo=timezone.utc),
        datetime(2015, 10, 25, 1, 15, tzinfo=timezone.utc)]


# --- xCal as pretalx writes it (the draft before RFC 6321) -------------------------------------

def test_pretalx_xcal_draft_shape(write):
    path = FIXTURES / "pretalx.xcal"
    schedule = load_schedule(str(path))
    assert (schedule.event.title, schedule.event.timezone) == ("Fold Conf", None)
    assert [(t.id, t.title, t.start, t.end, t.room, t.speakers, t.track, t.abstract and t.abstract.plain(), t.where.line)
            for t in schedule.talks()] == [
        ("AAA111@fold24@pretalx.example.org", "Tensors, for everyone; & more",
         datetime(2024, 3, 1, 9), datetime(2024, 3, 1, 9, 30), "Saal 1",
         (Person("Ana Ruiz"), Person("Bo Li")), "Talk", "Line one.\nLine two.", 9),
        ("BBB222@fold24@pretalx.example.org", "Hands-on compilers", datetime(2024, 3, 1, 10),
         datetime(2024, 3, 1, 11), "Saal 2", (Person("Kim Park"),), "Workshop", None, 36)]
    assert schedule.notices == ()
    # known by its namespace whatever the file is called
    assert load_schedule(str(write(path.read_bytes(), "schedule.txt"))) == schedule


def test_day_notes_on_the_handout(tmp_path, write):
    short = write(DAYS.read_bytes().replace(b"SUMMARY:Art installation", b"SUMMARY:Art")
                  .replace(b"SUMMARY:Hackathon\r\nDTSTART:20240301T090000Z\r\n"
                           b"DTEND:20240302T090000Z", b"SUMMARY:Hackathon\r\n"
                           b"DTSTART:20240301T090000Z\r\nDTEND:20240301T120000Z"), "short.ics")
    result = build(str(short), Settings(out_dir=tmp_path, products=("handout",)))
    first, second = (normalized(t) for t in page_texts(result.files[0][0]))
    assert first.startswith("Notes Conf Friday, 1 March 2024 Registration desk open · Foyer; "
                            "Poster exhibition (1 March – 2 March); Art (1 March 10:00 – "
                            "15 March 10:00 CET) 7:30")
    assert second.startswith("Notes Conf Saturday, 2 March 2024 Poster exhibition (1 March – "
                             "2 March); Art (1 March 10:00 – 15 March 10:00 CET) 7:30")
    assert not [w for w in result.warnings if "notes" in w]
    long = build(str(DAYS), Settings(out_dir=tmp_path / "long", products=("handout",)))
    assert [w.split(": ", 2)[2] for w in long.warnings if "notes" in w] == [
        "handout Fri 1 Mar: the day's notes are cut to fit one line; the booklet has them whole",
        "handout Sat 2 Mar: the day's notes are cut to fit one line; the booklet has them whole"]


def test_day_notes_survive_import_to_yaml(tmp_path):
    from program.export_yaml import dump

    schedule = load_schedule(str(DAYS))
    path = tmp_path / "days.yaml"
    path.write_text(dump(schedule), encoding="utf-8")
    again = load_schedule(str(path))
    assert again == schedule and again.days[0].notes == DAY1


OUTLOOK_ZONE = ("BEGIN:VTIMEZONE\nTZID:W. Europe Standard Time\nBEGIN:STANDARD\n"
                "DTSTART:16011028T030000\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\n"
                "END:STANDARD\nBEGIN:DAYLIGHT\nDTSTART:16010325T020000\n"
                "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\n"
                "END:DAYLIGHT\nEND:VTIMEZONE")


def test_an_outlook_calendar_with_a_windows_zone_name(write):
    tz = OUTLOOK_ZONE
    path = write(calendar("UID:1\nSUMMARY:Talk\nDTSTART;TZID=W. Europe Standard Time:20240301T100000\n"
                          "DTEND;TZID=W. Europe Standard Time:20240301T110000",
                          "UID:2\nSUMMARY:UTC talk\nDTSTART:20240301T120000Z\nDURATION:PT1H",
                          head=tz), "c.ics")
    schedule = ical.load(path)
    assert schedule.event.timezone == "Europe/Berlin"
    assert items(schedule) == [("1", "Talk", datetime(2024, 3, 1, 10), datetime(2024, 3, 1, 11), None),
                               ("2", "UTC talk", datetime(2024, 3, 1, 13), datetime(2024, 3, 1, 14), None)]
    assert errors(schedule) == []


def test_a_skipped_time_in_a_zone_the_calendar_defines_is_an_error(write):
    path = write(calendar("UID:1\nSUMMARY:Night owls\n"
                          "DTSTART;TZID=W. Europe Standard Time:20250330T023000",
                          head=OUTLOOK_ZONE), "c.ics")
    with pytest.raises(UserError) as info:
        ical.load(path)
    assert str(info.value).endswith("error: event 'Night owls': DTSTART 2025-03-30 02:30 does "
                                    "not exist in W. Europe Standard Time (the clocks go "
                                    "forward over it)")


# --- nothing a calendar says makes the reader crash --------------------------------------------

PROPERTIES = ("DTSTART", "DTEND", "DURATION", "RDATE", "EXDATE", "RECURRENCE-ID", "ORGANIZER",
              "ATTENDEE;ROLE=CHAIR", "ATTENDEE;ROLE=CHAIR;CN=", "CATEGORIES", "SUMMARY",
              "LOCATION", "URL", "UID", "DESCRIPTION", "X-WR-TIMEZONE", "RDATE;VALUE=PERIOD",
              "DTSTART;VALUE=DATE", "DTEND;VALUE=DATE")
VALUES = ("garbage", "", ";;;", "\\\\", "20240301", "20240301T100000Z/PT1H", "P2W", "-PT1H",
          "20240230T100000", "mailto:", "Europe/Nowhere")


@pytest.mark.parametrize("prop", PROPERTIES)
def test_any_value_of_any_property_is_read_or_refused_in_one_line(prop, write):
    for n, value in enumerate(VALUES):
        path = write(calendar(f"UID:u\nSUMMARY:Talk\nDTSTART:20240301T100000\n"
                              f"DTEND:20240301T110000\n{prop}:{value}",
                              "UID:v\nSUMMARY:Other\nDTSTART:20240301T120000\nDURATION:PT1H"),
                     f"c{n}.ics")
        try:
            schedule = ical.load(path)
        except UserError as exc:
            assert str(exc).startswith(f"{path}") and "\n" not in str(exc)
        else:
            check(schedule)  # and checks take what the reader gives


XCAL_EVENT = ('<icalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0"><vcalendar><components>'
              '<vevent><properties><uid><text>u</text></uid><summary><text>Talk</text></summary>'
              '<dtstart><date-time>2024-03-01T10:00:00</date-time></dtstart>'
              '<dtend><date-time>2024-03-01T11:00:00</date-time></dtend>{}'
              '</properties></vevent></components></vcalendar></icalendar>')


@pytest.mark.parametrize("prop", [
    "<url><uri>https://example.org/x&#10;SUMMARY:Injected</uri></url>",
    "<location><parameters><altrep><uri>a&#10;SUMMARY:Injected</uri></altrep></parameters>"
    "<text>Hall</text></location>",
    "<summary><text>Two&#10;SUMMARY:Injected</text></summary>",
    "<rdate><date-time>garbage</date-time></rdate>",
    "<attendee><parameters><role><text>CHAIR</text></role><cn><text>A;B:C,D\"E</text></cn>"
    "</parameters><cal-address>mailto:a@example.org</cal-address></attendee>",
    "<geo><latitude>1</latitude><longitude>2</longitude></geo>",
])
def test_xcal_values_are_data_never_calendar_structure(prop, write):
    path = write(XCAL_EVENT.format(prop), "c.xcal")
    try:
        schedule = load_schedule(str(path))
    except UserError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
        return
    assert "Injected" not in " ".join(t.title for t in schedule.talks())
    check(schedule)


def test_the_repeated_hour_in_order_with_a_warning_and_real_gaps(write):
    """London, 25 October 2015: the items come in real order (01:45 BST before 01:15 GMT),
    each time that reads two ways is a warning, and the gap is the real 45 minutes."""
    path = write(calendar("UID:1\nSUMMARY:Across\nDTSTART:20151025T004500Z\nDTEND:20151025T011500Z\n"
                          "LOCATION:Hall",
                          "UID:2\nSUMMARY:Second\nDTSTART:20151025T011500Z\n"
                          "DTEND:20151025T014500Z\nLOCATION:Hall",
                          "UID:3\nSUMMARY:Before\nDTSTART:20151024T230000Z\nDTEND:20151025T000000Z\n"
                          "LOCATION:Hall", head="X-WR-TIMEZONE:Europe/London"), "c.ics")
    schedule = ical.load(path)
    assert [(t.title, t.start, t.end) for t in schedule.talks()] == [
        ("Before", datetime(2015, 10, 25, 0), datetime(2015, 10, 25, 1)),
        ("Across", datetime(2015, 10, 25, 1, 45), datetime(2015, 10, 25, 1, 15)),
        ("Second", datetime(2015, 10, 25, 1, 15), datetime(2015, 10, 25, 1, 45))]
    twice = "comes twice in Europe/London (the clocks go back): it is printed as"
    assert [w.split(": ", 1)[1] for w in check_messages(schedule)] == [
        f"warning: 'Before' (00:00): 01:00 on 2015-10-25 {twice} 01:00 BST",
        f"warning: 'Across' (01:45): 01:45 on 2015-10-25 {twice} 01:45 BST",
        f"warning: 'Second' (01:15): 01:15 on 2015-10-25 {twice} 01:15 GMT",
        "warning: gap of 45 min before 'Across' (01:45)"]


def check_messages(schedule) -> list[str]:
    return [str(p) for p in check(schedule) if "gets no QR code" not in p.message]


def test_a_frab_duration_across_spring_forward_is_real_time(write):
    path = write('{"schedule": {"conference": {"title": "T", "time_zone_name": "Europe/Berlin", '
                 '"days": [{"date": "2025-03-30", "rooms": {"A": [{"guid": "g1", "title": '
                 '"Night owls", "start": "01:30", "duration": "01:00"}]}}]}}}', "s.json")
    schedule = load_schedule(str(path))
    assert items(schedule) == [("g1", "Night owls", datetime(2025, 3, 30, 1, 30),
                                datetime(2025, 3, 30, 3, 30), "A")]
    assert errors(schedule) == []


def test_categories_tracks_get_distinct_colours_in_ical_and_xcal():
    for path in (PRETALX, PRETALX.with_suffix(".xcal")):
        schedule = load_schedule(str(path))
        tracks = {t.track for t in schedule.talks() if t.track}
        colors = schedule.theme.color_map()
        assert tracks and set(colors) == tracks
        assert len(set(colors.values())) == len(tracks)


# --- recurring events as Google Calendar exports them ---------------------------------

def test_a_google_calendar_recurring_event_is_expanded(write):
    """A daily rule in a named zone across the change to summer time, one day left out
    (EXDATE) and one moved (a second VEVENT with the UID and a RECURRENCE-ID)."""
    berlin = ";TZID=Europe/Berlin"
    path = write(calendar(
        f"UID:daily@google.com\nSUMMARY:Stand-up\nDTSTART{berlin}:20250329T090000\n"
        f"DTEND{berlin}:20250329T093000\nRRULE:FREQ=DAILY;UNTIL=20250402T075959Z\n"
        f"EXDATE{berlin}:20250331T090000\nLOCATION:Saal 1",
        f"UID:daily@google.com\nRECURRENCE-ID{berlin}:20250401T090000\nSUMMARY:Stand-up\n"
        f"DTSTART{berlin}:20250401T110000\nDTEND{berlin}:20250401T113000\nLOCATION:Saal 2",
        head="X-WR-TIMEZONE:Europe/Berlin"), "google.ics")
    got = [(t.start, t.room) for t in ical.load(path).talks()]
    assert got == [(datetime(2025, 3, 29, 9), "Saal 1"), (datetime(2025, 3, 30, 9), "Saal 1"),
                   (datetime(2025, 4, 1, 11), "Saal 2"), (datetime(2025, 4, 2, 9), "Saal 1")]


def test_a_rule_with_a_count_gives_that_many_occurrences_and_an_endless_one_is_refused(write):
    path = write(calendar("UID:1\nSUMMARY:Opening\nDTSTART:20240506T090000Z\n"
                          "DTEND:20240506T093000Z\nRRULE:FREQ=DAILY;COUNT=3"), "c.ics")
    assert len(list(ical.load(path).talks())) == 3
    endless = write(calendar("UID:1\nSUMMARY:Tick\nDTSTART:20240506T090000\n"
                             "DTEND:20240506T090100\nRRULE:FREQ=MINUTELY;COUNT=5000"), "e.ics")
    with pytest.raises(UserError, match=r"e\.ics:4: error: event 'Tick' repeats more than "
                                        r"1,000 times"):
        ical.load(endless)
