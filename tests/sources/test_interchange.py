"""Interchange: frab/pretalx XML and JSON, iCalendar and CSV readers, and the .ics writer.

The fixtures in ``fixtures/interchange`` hold the same small two-day event in all five
formats (xCal is the iCalendar file written as RFC 6321 XML): Cyrillic, Greek, Arabic (RTL) and Japanese (CJK) text, an event crossing midnight,
a zero-minute event, two events overlapping in one room and a room without events.
"""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import icalendar
import pytest

from program.checks import WARNING, check
from program.prepare import checked
from program.errors import UserError
from program.export_ics import to_ics
from program.model import Kind, Person
from program.sources import csv_table, frab_json, frab_xml, ical
from program.sources.common import kind_for
from program.sources.registry import load_schedule, pick_format

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "interchange"
FORMATS = ("xml", "json", "ics", "xcal", "csv")


def fixture(ext: str) -> Path:
    return FIXTURES / f"democonf24.{ext}"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 3, day, hour, minute)


# title, start, end, room, speaker names: what every format carries.
EXPECTED = [
    ("Eröffnung", at(1, 9), at(1, 9, 15), "Saal 1", ("Zoë Müller",)),
    ("Распределённые системы на практике", at(1, 9, 30), at(1, 10, 15), "Saal 1",
     ("Анна Петрова", "Δημήτρης Παπαδόπουλος")),
    ("مقدمة في التعلم الآلي", at(1, 10), at(1, 10, 45), "Saal 1", ("ليلى حسن",)),
    ("分散データベースの設計", at(1, 10), at(1, 10, 30), "Saal 2", ("山田 太郎",)),
    ("Gruppenfoto", at(1, 11), at(1, 11), "Saal 2", ()),
    ("Hacking until dawn", at(1, 23, 30), at(2, 0, 30), "Saal 2",
     ("Zoë Müller", "Jean-Luc Dupont")),
    ("Keynote - Μηχανική μάθηση σήμερα", at(2, 10), at(2, 11), "Saal 1", ("Ελένη Γεωργίου",)),
    ("Coffee break", at(2, 11), at(2, 11, 30), "Saal 1", ()),
]


def summary(schedule):
    return [(t.title, t.start, t.end, t.room, tuple(p.name for p in t.speakers))
            for t in schedule.talks()]


def run(*args):
    return subprocess.run([sys.executable, "-m", "program", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


# --- each reader -------------------------------------------------------------------------

@pytest.mark.parametrize("ext", FORMATS)
def test_reader_yields_expected_talks(ext):
    schedule = load_schedule(str(fixture(ext)))
    assert summary(schedule) == EXPECTED
    assert [d.date for d in schedule.days] == [date(2024, 3, 1), date(2024, 3, 2)]
    assert (schedule.event.start_date, schedule.event.end_date) == (date(2024, 3, 1),
                                                                    date(2024, 3, 2))
    assert {t.room for t in schedule.talks()} <= {r.id for r in schedule.rooms}


@pytest.mark.parametrize("ext", ("xml", "json"))
def test_frab_reader_details(ext):
    schedule = load_schedule(str(fixture(ext)))
    assert schedule.event.title == "Demo Conf 2024"
    assert schedule.event.timezone == "Europe/Berlin"
    assert schedule.event.url == "https://pretalx.example.org/democonf24/"
    assert [r.name for r in schedule.rooms] == ["Saal 1", "Saal 2", "Raum 3"]
    assert schedule.theme.color_map() == {"Systems": "#1f5fa8", "Data": "#2a9d8f"}
    talks = {t.id: t for t in schedule.talks()}
    assert list(talks) == ["101", "102", "103", "104", "105", "106", "201", "202"]
    assert [talks[i].kind for i in talks] == [
        Kind.REMARKS, Kind.TALK, Kind.TALK, Kind.TALK, Kind.OTHER, Kind.WORKSHOP,
        Kind.KEYNOTE, Kind.BREAK]
    assert talks["102"].track == "Systems" and talks["104"].track == "Data"
    assert talks["102"].abstract.plain() == "Line one & more.\nLine two <with brackets>."
    assert [(link.label, link.url) for link in talks["201"].links] == [
        ("Slides", "https://example.org/slides/keynote.pdf")]
    assert talks["105"].duration.total_seconds() == 0
    assert talks["106"].end.date() == date(2024, 3, 2)  # crosses midnight, stays on day 1
    assert talks["106"] in schedule.days[0].talks()


def test_xml_and_json_give_the_same_schedule():
    assert load_schedule(str(fixture("xml"))) == load_schedule(str(fixture("json")))


def test_xml_talks_know_their_line():
    schedule = load_schedule(str(fixture("xml")))
    text = fixture("xml").read_text(encoding="utf-8").splitlines()
    for talk in schedule.talks():
        assert f'id="{talk.id}"' in text[talk.where.line - 1]


def test_json_talks_know_their_line_and_column():
    """Each talk points at the ``{`` that opens its event: line and column."""
    schedule = load_schedule(str(fixture("json")))
    text = fixture("json").read_text(encoding="utf-8").splitlines()
    for talk in schedule.talks():
        line = text[talk.where.line - 1]
        assert line[talk.where.column - 1] == "{"
        following = "\n".join(text[talk.where.line - 1:])[talk.where.column - 1:]
        assert f'"id": {talk.id},' in following.split("}")[0] or talk.id in following[:400]


def test_ical_reader_details():
    schedule = load_schedule(str(fixture("ics")))
    assert schedule.event.timezone == "Europe/Berlin"
    assert [r.name for r in schedule.rooms] == ["Saal 1", "Saal 2"]
    talks = list(schedule.talks())
    assert talks[0].id == "pretalx-democonf24-EROEFF@pretalx.example.org"
    assert talks[1].url == "https://pretalx.example.org/democonf24/talk/RSNP01/"  # unfolded
    assert talks[1].abstract.plain() == "Line one & more.\nLine two <with brackets>."
    # SUMMARY "Keynote - Μηχανική ... - Ελένη Γεωργίου": split at the last " - " only
    assert talks[6].title == "Keynote - Μηχανική μάθηση σήμερα"
    assert talks[6].start == at(2, 10)  # written in UTC (09:00Z), read in Berlin time


def test_csv_reader_details():
    schedule = load_schedule(str(fixture("csv")))
    first_day = schedule.days[0]
    (session,) = list(first_day.sessions())
    assert session.title == "Morgensitzung"
    assert session.chairs == (Person("Иван Иванов", "МГУ"),)
    assert (session.start, session.end, session.room) == (at(1, 9, 30), at(1, 10, 45), "Saal 1")
    talk = session.items[0]
    assert talk.speakers == (Person("Анна Петрова", "МГУ"),
                             Person("Δημήτρης Παπαδόπουλος", "Πανεπιστήμιο Αθηνών"))
    assert talk.abstract.plain() == "Line one & more.\nLine two <with brackets>."
    assert talk.where.line == 3 and session.items[1].where.line == 5  # after a 2-line row
    assert [t.id for t in schedule.talks()] == ["101", "102", "103", "104", "105", "106",
                                                "201", "202"]


def test_same_event_in_every_format():
    loaded = {ext: load_schedule(str(fixture(ext))) for ext in FORMATS}
    reference = summary(loaded["xml"])
    abstracts = [t.abstract for t in loaded["xml"].talks()]
    tracks = [t.track for t in loaded["xml"].talks()]
    assert tracks.count("Systems") == 2 and tracks.count("Data") == 2
    for ext, schedule in loaded.items():
        assert summary(schedule) == reference, ext
        assert [t.abstract for t in schedule.talks()] == abstracts, ext
        # the track (frab <track>, iCal/xCal CATEGORIES, a CSV Track column) and its colour
        assert [t.track for t in schedule.talks()] == tracks, ext
        assert set(schedule.theme.color_map()) >= {"Systems", "Data"}, ext
    # subtitle and description: the formats that carry them (frab XML and JSON) agree
    rich = [(t.subtitle, t.description) for t in loaded["xml"].talks()]
    assert ("Опыт эксплуатации", loaded["xml"].days[0].entries[1].description) in rich
    assert [(t.subtitle, t.description) for t in loaded["json"].talks()] == rich


@pytest.mark.parametrize("ext", FORMATS)
def test_check_reports_the_overlap(ext):
    result = run("check", fixture(ext))
    assert result.returncode == 0  # a warning: the grid prints them side by side
    overlaps = [line for line in result.stdout.splitlines() if "overlaps" in line]
    assert len(overlaps) == 1 and ": warning: " in overlaps[0] and "in room 'Saal 1'" in overlaps[0]
    assert overlaps[0].startswith(f"{fixture(ext)}:")


@pytest.mark.parametrize("ext", FORMATS)
def test_import_to_yaml_reads_back_the_same(ext, tmp_path):
    out = tmp_path / "imported.yaml"
    result = run("import", fixture(ext), "-o", out)
    assert result.returncode == 0, result.stderr
    assert load_schedule(str(out)) == load_schedule(str(fixture(ext)))


# --- URLs that are not http(s) stay in the model, so check reports them -----------------

BAD_URL = "javascript:alert(1)"
GOOD_URL = "https://pretalx.example.org/democonf24/talk/MUQADD/"


@pytest.mark.parametrize("ext", FORMATS)
def test_unsafe_url_is_kept_and_reported(ext, write):
    """Readers keep what the file says; the prepare step leaves the link out, warned."""
    path = write(fixture(ext).read_bytes().replace(GOOD_URL.encode(), BAD_URL.encode()),
                 f"unsafe.{ext}")
    schedule = load_schedule(str(path))
    assert BAD_URL in [t.url for t in schedule.talks()]
    printed, problems = checked(schedule)
    assert any(BAD_URL in p.message and "not an http(s) URL: left out" in p.message
               and p.severity == WARNING for p in problems)
    assert BAD_URL not in [t.url for t in printed.talks()]
    assert BAD_URL.encode() not in to_ics(schedule)


# --- picking the format ------------------------------------------------------------------

@pytest.mark.parametrize("ext,name", [("xml", "frab-xml"), ("json", "frab-json"),
                                      ("ics", "ical"), ("xcal", "xcal"), ("csv", "csv")])
def test_format_by_extension_and_by_content(ext, name, write):
    assert pick_format(str(fixture(ext))).name == name
    renamed = write(fixture(ext).read_bytes(), "schedule.txt")
    assert pick_format(str(renamed)).name == name
    assert summary(load_schedule(str(renamed))) == EXPECTED


# --- bad files ---------------------------------------------------------------------------

BAD = [
    ("bad-xxe.xml", "DTD"),
    ("bad-bomb.xml", "DTD"),
    ("bad-truncated.xml", "cut off"),
    ("bad-not-schedule.xml", "root element is <rss>"),
    ("bad-empty.xml", "file is empty"),
    ("bad-empty.json", "file is empty"),
    ("bad-empty.ics", "file is empty"),
    ("bad-empty.csv", "file is empty"),
    ("bad-garbage.json", "not valid JSON"),
    ("bad-truncated.json", "cut off"),
    ("bad-shape.json", "expected a list, found an object"),
    ("bad-truncated.ics", "cut off"),
    ("bad-no-title.csv", "no Title column"),
    ("bad-open-quote.csv", "quote left open"),
]


@pytest.mark.parametrize("name,message", BAD)
def test_bad_file_gives_user_error(name, message):
    with pytest.raises(UserError) as info:
        load_schedule(str(FIXTURES / name))
    assert message in str(info.value)
    assert str(info.value).startswith(str(FIXTURES / name))


@pytest.mark.parametrize("name", [name for name, _ in BAD])
def test_bad_file_cli_one_line_exit_2(name):
    result = run("check", FIXTURES / name)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(FIXTURES / name)) and "error:" in lines[0]


def test_external_entity_never_read():
    result = run("check", FIXTURES / "bad-xxe.xml")
    assert "root:" not in result.stdout + result.stderr


@pytest.mark.parametrize("text,message", [
    ("<schedule><conference><title>T</title></conference><day date='2024-03-01'>"
     "<room name='A'><event id='7'><title>X</title><start>9:00</start>"
     "<duration>soon</duration></event></room></day></schedule>",
     ":1: error: event 7 ('X'): duration 'soon' is not HH:MM"),
    ("<schedule><day date='2024-03-01'><room name='A'>\n<event id='8'>"
     "<start>9:00</start><duration>soon</duration></event></room></day></schedule>",
     ":2: error: event 8: duration 'soon' is not HH:MM"),  # no title: "(untitled)", by prepare
    ("<schedule><day date='2024-03-01'><room name='A'>\n\n<event id='9'><title>Y</title>"
     "<duration>0:30</duration></event></room></day></schedule>",
     ":3: error: event 9 ('Y') has neither date nor start"),
    ("<schedule><day date='2024-03-01'/></schedule>", "no events in this file"),
])
def test_xml_event_errors_name_line_and_event(text, message, write):
    path = write(text, "s.xml")
    with pytest.raises(UserError) as info:
        frab_xml.load(path)
    assert message in str(info.value)


def test_frab_lenient_and_after_midnight_by_day_start(write):
    path = write('{"schedule": {"conference": {"title": "T", "days": [{"date": "2024-03-01",'
                 ' "day_start": "2024-03-01T08:00:00", "rooms": {"A": [{"guid": "g1",'
                 ' "title": "Late", "start": "01:30", "duration": "0:45:00",'
                 ' "persons": ["Ann Lee"]}], "Empty": []}}]}}}', "s.json")
    schedule = frab_json.load(path)
    (talk,) = schedule.talks()
    assert (talk.id, talk.start, talk.end) == ("g1", at(2, 1, 30), at(2, 2, 15))
    assert talk.speakers == (Person("Ann Lee"),) and talk.kind == Kind.TALK
    assert schedule.days[0].date == date(2024, 3, 1)
    assert [r.id for r in schedule.rooms] == ["A", "Empty"]


def test_json_event_error_names_event_and_line(write):
    path = write('{"schedule": {"conference": {"days": [{"date": "2024-03-01", "rooms": {"A": [\n'
                 '{"guid": "g-1", "id": 5, "title": "T", "date": "yesterday"}]}}]}}}', "s.json")
    with pytest.raises(UserError) as info:
        frab_json.load(path)
    assert str(info.value).startswith(f"{path}:2:1: error: event 5 ('T'): date 'yesterday'")


# --- iCalendar details -------------------------------------------------------------------

def calendar(*events: str, prodid: str = "-//Example//Cal//EN") -> str:
    body = "".join(f"BEGIN:VEVENT\n{e.strip()}\nEND:VEVENT\n" for e in events)
    return f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:{prodid}\n{body}END:VCALENDAR\n"


def test_ical_summary_not_split_when_ambiguous(write):
    path = write(calendar("UID:1\nSUMMARY:Rust - The Good Parts\nDTSTART:20240301T100000",
                          "UID:2\nSUMMARY:Lunch\nDTSTART:20240301T120000\nDURATION:PT1H"),
                 "c.ics")
    talks = list(ical.load(path).talks())
    assert talks[0].title == "Rust - The Good Parts" and talks[0].speakers == ()
    assert talks[0].duration.total_seconds() == 0  # no DTEND, no DURATION
    assert talks[1].kind == Kind.MEAL and talks[0].room is None


def test_ical_summary_split_when_every_event_has_names(write):
    path = write(calendar("UID:1\nSUMMARY:Rust in practice - Ana de la Cruz\n"
                          "DTSTART:20240301T100000\nDTEND:20240301T103000",
                          "UID:2\nSUMMARY:Go - Bo Li\\, Chen Wei\nDTSTART:20240301T110000\n"
                          "DTEND:20240301T113000",
                          "UID:3\nSUMMARY:Zig - Kim Park\nDTSTART:20240301T120000\n"
                          "DTEND:20240301T123000\nORGANIZER;CN=Kim Park:mailto:k@example.org"),
                 "c.ics")
    talks = list(ical.load(path).talks())
    assert [(t.title, [p.name for p in t.speakers]) for t in talks] == [
        ("Rust in practice", ["Ana de la Cruz"]), ("Go", ["Bo Li", "Chen Wei"]),
        ("Zig", ["Kim Park"])]  # ORGANIZER names the speaker; the summary's tail is the same


def test_ical_zones_all_day_and_recurrence(write):
    path = write(calendar("UID:1\nSUMMARY:Talk\nDTSTART;TZID=America/New_York:20240301T100000\n"
                          "DTEND;TZID=America/New_York:20240301T110000",
                          "UID:2\nSUMMARY:Tokyo talk\nDTSTART:20240301T160000Z\nDURATION:PT30M",
                          "UID:3\nSUMMARY:Conference\nDTSTART;VALUE=DATE:20240301"), "c.ics")
    schedule = ical.load(path)
    assert schedule.event.timezone == "America/New_York"
    assert [(t.title, t.start, t.end) for t in schedule.talks()] == [
        ("Talk", at(1, 10), at(1, 11)), ("Tokyo talk", at(1, 11), at(1, 11, 30))]
    assert schedule.days[0].notes == ("Conference",)  # all day: a note of its day
    path = write(calendar("UID:1\nSUMMARY:Weekly\nDTSTART:20240301T100000\nRRULE:FREQ=WEEKLY"),
                 "r.ics")
    with pytest.raises(UserError, match=r"r\.ics:4: error: event 'Weekly' repeats"):
        ical.load(path)


@pytest.mark.parametrize("content,message", [
    ("hello world\n", "does not start with BEGIN:VCALENDAR"),
    (calendar().replace("BEGIN:VEVENT", ""), "no events"),
    (calendar("UID:1\nSUMMARY:X\nDTSTART:2024-03-01"), "DTSTART"),
    (calendar("UID:1\nSUMMARY:X\nDTEND:20240301T100000"), "has no DTSTART"),
    (calendar("UID:1\nSUMMARY:X\nDTSTART;TZID=Europe:20240301T100000"),
     r"c\.ics:7: error: unknown time zone 'Europe'"),
    ("BEGIN:VCALENDAR\nVERSION:2.0\nnot a content line\nEND:VCALENDAR\n",
     r"c\.ics:3: error: not a readable iCalendar file"),
])
def test_ical_errors(content, message, write):
    with pytest.raises(UserError, match=message):
        ical.load(write(content, "c.ics"))


# --- CSV details -------------------------------------------------------------------------

def test_csv_flexible_columns(write):
    path = write("title;START;location;presenters;Organization;length\n"
                 "Talk A;2024-03-01 09:00;Hall;Ann Lee | Bo Li;ACME;45\n"
                 "Talk B;01.03.2024 10:00;Hall;Cy Young, Uni X;;1h30\n", "t.csv")
    talks = list(csv_table.load(path).talks())
    assert [(t.title, t.start, t.end, t.room) for t in talks] == [
        ("Talk A", at(1, 9), at(1, 9, 45), "Hall"), ("Talk B", at(1, 10), at(1, 11, 30), "Hall")]
    assert talks[0].speakers == (Person("Ann Lee", "ACME"), Person("Bo Li", "ACME"))
    assert talks[1].speakers == (Person("Cy Young", "Uni X"),)


def test_csv_time_range_in_start_and_tabs(write):
    path = write("Date\tTime\tTitle\n2024-03-01\t22:00-1:00\tParty\n", "t.tsv")
    (talk,) = csv_table.load(path).talks()
    assert (talk.start, talk.end, talk.kind) == (at(1, 22), at(2, 1), Kind.TALK)


@pytest.mark.parametrize("row,message", [
    ("2024-03-01,09:00,,", ":3: error: this row has neither an end time nor a duration"),
    ("03/01/2024,09:00,,X", ":3: error: '03/01/2024' could be day first or month first"),
    ("2024-13-01,09:00,,X", ":3: error: '2024-13-01' is not a date: month must be in 1..12"),
    ("2024-03-01,9 o'clock,,X", ":3: error:"),
    ("2024-03-01,09:00,,X", ":3: error: this row has neither an end time nor a duration"),
    ("2024-03-01,09:00,09:30,X,45", ":3: error: end '09:30' and duration '45' disagree"),
    ("2024-03-01,09:00,09:30,X,,A|B,U|V|W", ":3: error: 2 speaker(s) but 3 affiliations"),
])
def test_csv_row_errors_name_the_line(row, message, write):
    path = write("Date,Start,End,Title,Duration,Speakers,Affiliation\n"
                 "2024-03-01,08:00,08:30,Fine\n" + row + "\n", "t.csv")
    with pytest.raises(UserError) as info:
        csv_table.load(path)
    assert message in str(info.value)


def test_kind_names():
    assert kind_for("Lecture", "x") == Kind.TALK
    assert kind_for("Lightning Talk", "x") == Kind.LIGHTNING
    assert kind_for("Talk (30 min)", "x") == Kind.TALK
    assert kind_for("Workshops", "x") == Kind.WORKSHOP
    assert kind_for("Coffee break", "x") == Kind.BREAK
    assert kind_for("Podcast recording", "Lunch") == Kind.TALK
    assert kind_for(None, "Lunch") == Kind.MEAL
    assert kind_for("", "Poster session") == Kind.POSTER


# --- the .ics writer ---------------------------------------------------------------------

@pytest.mark.parametrize("ext", FORMATS)
def test_ics_export_reads_back_with_icalendar(ext):
    schedule = load_schedule(str(fixture(ext)))
    data = to_ics(schedule)
    assert data == to_ics(schedule)  # deterministic bytes, no clock
    cal = icalendar.Calendar.from_ical(data)
    assert cal["PRODID"] and cal["VERSION"] == "2.0"
    events = list(cal.walk("VEVENT"))
    talks = list(schedule.talks())
    assert len(events) == len(talks)
    host = "pretalx.example.org" if schedule.event.url else "program"
    for vevent, talk in zip(events, talks):
        assert str(vevent["UID"]) == f"{talk.id}@{host}"
        assert str(vevent["SUMMARY"]) == talk.title
        assert str(vevent["LOCATION"]) == talk.room
        start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
        assert (start.replace(tzinfo=None), end.replace(tzinfo=None)) == (talk.start, talk.end)
        if schedule.event.timezone:
            assert start.tzinfo.key == schedule.event.timezone
            assert vevent["DTSTART"].params["TZID"] == schedule.event.timezone
        assert vevent.decoded("DTSTAMP") == datetime(2024, 3, 1, tzinfo=timezone.utc)
        assert str(vevent.get("URL", "")) == (talk.url or "")
        for person in talk.speakers:
            assert person.name in str(vevent["DESCRIPTION"])
    if schedule.event.timezone:
        assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == [schedule.event.timezone]


@pytest.mark.parametrize("ext", FORMATS)
def test_ics_export_reads_back_with_our_reader(ext, write):
    schedule = load_schedule(str(fixture(ext)))
    again = ical.load(write(to_ics(schedule), "out.ics"))
    assert [(t.title, t.start, t.end, t.room) for t in again.talks()] == \
        [(t.title, t.start, t.end, t.room) for t in schedule.talks()]
    assert again.event.timezone == schedule.event.timezone
    assert again.event.title == schedule.event.title


def test_ics_export_unknown_zone_is_user_error():
    schedule = load_schedule(str(fixture("json")))
    broken = replace(schedule, event=replace(schedule.event, timezone="Mars/Olympus"))
    with pytest.raises(UserError, match="unknown time zone"):
        to_ics(broken)


# --- xCal ----------------------------------------------------------------------------------

def test_xcal_reads_as_the_ical_file(write):
    """The xCal fixture is the .ics written as RFC 6321 XML: the same schedule, with each
    item's line pointing at its <vevent>; saved as .xml it is still read as xCal."""
    xcal = load_schedule(str(fixture("xcal")))
    assert xcal == load_schedule(str(fixture("ics")))
    text = fixture("xcal").read_text(encoding="utf-8").splitlines()
    assert all(text[t.where.line - 1].strip() == "<vevent>" for t in xcal.talks())
    assert summary(load_schedule(str(write(fixture("xcal").read_bytes(), "s.xml")))) == EXPECTED


@pytest.mark.parametrize("text,message", [
    ('<icalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0">\n</icalendar>',
     "s.xcal:1: error: no <vcalendar> in this xCal file"),
    ('<icalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0"><vcalendar><components>\n'
     '<vevent><properties><summary><text>X</text></summary>\n<dtstart><parameters><tzid>'
     '<text>Mars/Olympus</text></tzid></parameters><date-time>2024-03-01T09:00:00</date-time>'
     '</dtstart></properties></vevent></components></vcalendar></icalendar>',
     "s.xcal:3: error: unknown time zone 'Mars/Olympus' in a TZID"),
    ('<icalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0"><vcalendar><components>\n'
     '<vevent><properties><summary><text>X</text></summary></properties></vevent>'
     '</components></vcalendar></icalendar>', "s.xcal:2: error: event 'X' has no DTSTART"),
    ('<rss/>', "s.xcal:1: error: not an xCal file: the root element is <rss>"),
])
def test_xcal_errors_name_the_xml_line(text, message, write):
    with pytest.raises(UserError) as info:
        load_schedule(str(write(text, "s.xcal")))
    assert str(info.value).startswith(str(write(text, "s.xcal").parent / message))
