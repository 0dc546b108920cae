"""Time zones through to the products: a time the clocks show twice is printed with its zone
abbreviation wherever it is printed (grid cells, talk blocks, cards), and times written with
a UTC offset but no zone name reach the .ics export as zoned times, never floating ones."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import icalendar
import pytest
from hypothesis import given, settings, strategies as st

from program.build import Settings, build
from program.cli import main
from program.errors import UserError
from program.export_ics import to_ics
from program.layout.grid import span_label, time_label
from program.model import Kind, Talk, ambiguous, exists, instant, wall, zone as zone_info
from program.sources.registry import load_schedule
from program.sources.transform import to_timezone

from pdftools import normalized, overprinted, page_texts

# the night the clocks go back in Berlin (27 October 2024, 03:00 CEST -> 02:00 CET), all in
# UTC as calendar servers write it, the zone named by X-WR-TIMEZONE
NIGHT = "\r\n".join([
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//night//EN", "X-WR-CALNAME:Long night",
    "X-WR-TIMEZONE:Europe/Berlin",
    "BEGIN:VEVENT", "UID:a@example.org", "DTSTAMP:20241001T000000Z",
    "DTSTART:20241026T220000Z", "DTEND:20241026T230000Z", "SUMMARY:Midnight set",
    "LOCATION:Club", "END:VEVENT",
    "BEGIN:VEVENT", "UID:b@example.org", "DTSTAMP:20241001T000000Z",
    "DTSTART:20241027T003000Z", "DTEND:20241027T004500Z", "SUMMARY:First half past two",
    "LOCATION:Club", "END:VEVENT",
    "BEGIN:VEVENT", "UID:c@example.org", "DTSTAMP:20241001T000000Z",
    "DTSTART:20241027T013000Z", "DTEND:20241027T014500Z", "SUMMARY:Second half past two",
    "LOCATION:Bar", "END:VEVENT",
    "END:VCALENDAR", ""])


def test_a_repeated_time_carries_its_zone():
    first, second = datetime(2024, 10, 27, 2, 30), datetime(2024, 10, 27, 2, 30, fold=1)
    assert time_label(first, "24h", "Europe/Berlin") == time_label(first, "24h") + " CEST"
    assert time_label(second, "24h", "Europe/Berlin") == time_label(first, "24h") + " CET"
    assert time_label(datetime(2024, 10, 27, 3, 30), "24h", "Europe/Berlin") == \
        time_label(datetime(2024, 10, 27, 3, 30), "24h")  # not repeated: as always
    assert not time_label(first, "24h").endswith("CEST")  # no zone: nothing to say
    talk = Talk("t", "T", Kind.TALK, first, datetime(2024, 10, 27, 2, 45, fold=1))
    assert span_label(talk, "24h", "Europe/Berlin").split("–")[1].endswith(" CET")


def test_utc_calendar_printed_in_its_zone_without_ambiguity(write, tmp_path):
    path = write(NIGHT, "night.ics")
    schedule = load_schedule(str(path))
    assert schedule.event.timezone == "Europe/Berlin"
    starts = [(t.title, t.start, t.start.fold) for t in schedule.talks()]
    assert starts[1:] == [("First half past two", datetime(2024, 10, 27, 2, 30), 0),
                          ("Second half past two", datetime(2024, 10, 27, 2, 30), 1)]
    result = build(str(path), Settings(out_dir=tmp_path / "out",
                                       products=("booklet", "handout", "cards")))
    for file, _, _ in result.files:
        text = normalized(" ".join(page_texts(file)))
        assert "CEST" in text and "CET" in text.replace("CEST", ""), file.name
        assert overprinted(file) == [], file.name  # the longer times still fit their column


@pytest.mark.parametrize("offset,zone", [("+01:00", "Etc/GMT-1"), ("+00:00", "UTC")])
def test_frab_offsets_reach_the_calendar_as_zoned_times(offset, zone, write):
    path = write(f"""<?xml version="1.0"?>
<schedule><conference><title>C</title></conference>
<day index="1" date="2024-12-27" start="2024-12-27T10:00:00{offset}" end="2024-12-28T04:00:00{offset}">
<room name="Saal 1">
<event guid="e1" id="1"><date>2024-12-27T23:30:00{offset}</date><start>23:30</start>
<duration>01:00</duration><room>Saal 1</room><title>Late</title><persons/></event>
<event guid="e2" id="2"><date>2024-12-28T01:00:00{offset}</date><start>01:00</start>
<duration>00:30</duration><room>Saal 1</room><title>Later</title><persons/></event>
</room></day></schedule>
""", "f.xml")
    schedule = load_schedule(str(path))
    assert schedule.event.timezone == zone
    data = to_ics(schedule)
    calendar = icalendar.Calendar.from_ical(data)
    got = []
    for event in calendar.walk("VEVENT"):
        start = event.decoded("DTSTART")
        assert start.tzinfo is not None  # never a floating time
        got.append(start.astimezone(timezone.utc).replace(tzinfo=None))
    assert got == [instant(t.start, zone) for t in schedule.talks()]
    written = datetime.fromisoformat(f"2024-12-28T01:00:00{offset}")
    assert got[1] == written.astimezone(timezone.utc).replace(tzinfo=None)


def test_import_keeps_which_pass_of_the_repeated_hour(write, tmp_path):
    source = write(NIGHT, "night.ics")
    target = tmp_path / "night.yaml"
    assert main(["import", str(source), "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert "02:30 CEST-02:45 CEST" in text and "02:30 CET-02:45 CET" in text
    direct, imported = load_schedule(str(source)), load_schedule(str(target))
    assert [(t.title, t.start, t.start.fold, t.end.fold) for t in imported.talks()] == \
        [(t.title, t.start, t.start.fold, t.end.fold) for t in direct.talks()]


YAML_NIGHT = """\
event: {{title: N{zone}}}
days:
  - date: 2024-10-27
    items:
      - {{time: "{time}", title: Set}}
"""


@pytest.mark.parametrize("zone,time,message", [
    ("", "2:30 CET-2:45 CET", "'CET' after a time needs the event's timezone"),
    (", timezone: Europe/Berlin", "2:30 EST-2:45", "Europe/Berlin is not 'EST' at 02:30"),
    (", timezone: Europe/Berlin", "2:30 CET CET-2:45", "is not a time"),
])
def test_yaml_zone_names_after_times_are_checked(zone, time, message, write):
    path = write(YAML_NIGHT.format(zone=zone, time=time))
    with pytest.raises(UserError) as info:
        load_schedule(str(path))
    assert message in str(info.value) and ":5:" in str(info.value)


def test_yaml_zone_name_picks_the_pass(write):
    path = write(YAML_NIGHT.format(zone=", timezone: Europe/Berlin", time="2:45 CEST-2:15 CET"))
    (talk,) = load_schedule(str(path)).talks()
    assert (talk.start.fold, talk.end.fold) == (0, 1)
    assert instant(talk.end, "Europe/Berlin") - instant(talk.start, "Europe/Berlin") == \
        timedelta(minutes=30)


@pytest.mark.parametrize("zone_name,warned", [("", True), ("<time_zone_name>Europe/London"
                                                            "</time_zone_name>", False)])
def test_frab_in_utc_without_a_zone_name_says_so(zone_name, warned, write):
    path = write(f"""<?xml version="1.0"?>
<schedule><conference><title>C</title>{zone_name}</conference>
<day index="1" date="2024-12-27"><room name="Saal 1">
<event guid="e1" id="1"><date>2024-12-27T10:00:00+00:00</date><start>10:00</start>
<duration>01:00</duration><room>Saal 1</room><title>Talk</title><persons/></event>
</room></day></schedule>
""", "u.xml")
    schedule = load_schedule(str(path))
    notes = [n.message for n in schedule.notices]
    assert any("printed in UTC" in n for n in notes) == warned
    if warned:  # --timezone settles it: the times move into the zone, the warning goes
        moved = to_timezone(schedule, "Europe/Berlin")
        assert moved.notices == () and next(moved.talks()).start == datetime(2024, 12, 27, 11)


def test_frab_offsets_across_a_change_of_the_clocks_find_a_zone(write, tmp_path):
    # no time_zone_name; +02:00 before the clocks go back, +01:00 after: the second 02:30
    events = [("a", "2024-10-27T01:30:00+02:00", "Before"),
              ("b", "2024-10-27T02:30:00+02:00", "First 2:30"),
              ("c", "2024-10-27T02:30:00+01:00", "Second 2:30"),
              ("d", "2024-10-27T10:00:00+01:00", "Morning")]
    body = "".join(f'<event guid="{g}" id="{i}"><date>{d}</date><start>{d[11:16]}</start>'
                   f'<duration>00:15</duration><room>R{i % 2}</room><title>{t}</title></event>'
                   for i, (g, d, t) in enumerate(events))
    path = write(f'<?xml version="1.0"?><schedule><conference><title>C</title></conference>'
                 f'<day index="1" date="2024-10-26"><room name="R">{body}</room></day>'
                 f'</schedule>', "c.xml")
    schedule = load_schedule(str(path))
    zone = schedule.event.timezone
    assert zone == "Europe/Berlin"
    assert any("UTC offsets (+01:00, +02:00)" in n.message for n in schedule.notices)
    got = [instant(t.start, zone) for t in schedule.talks()]
    assert got == [datetime.fromisoformat(d).astimezone(timezone.utc).replace(tzinfo=None)
                   for _, d, _ in events]
    calendar = icalendar.Calendar.from_ical(to_ics(schedule))
    assert [e.decoded("DTSTART").astimezone(timezone.utc).replace(tzinfo=None)
            for e in calendar.walk("VEVENT")] == got


AGENDA = """\
submission_id,title,fullname,starttime,endtime,track
0,Opening,Ada Lovelace,2020-05-25 12:40:00+00:00,2020-05-25 13:00:00+00:00,main
1,Late talk,Grace Hopper,2020-05-25 22:30:00+00:00,2020-05-25 23:00:00+00:00,main
"""


def test_timezone_option_on_check_import_and_build(write, tmp_path, capsys):
    path = write(AGENDA, "agenda.csv")
    assert main(["check", str(path)]) == 0
    assert "printed in UTC" in capsys.readouterr().out
    assert main(["check", str(path), "--timezone", "Europe/Berlin"]) == 0
    assert "printed in UTC" not in capsys.readouterr().out
    target = tmp_path / "agenda.yaml"
    assert main(["import", str(path), "--timezone", "Europe/Berlin", "-o", str(target)]) == 0
    imported = load_schedule(str(target))
    assert imported.event.timezone == "Europe/Berlin"
    assert [t.start for t in imported.talks()] == [datetime(2020, 5, 25, 14, 40),
                                                   datetime(2020, 5, 26, 0, 30)]
    out = tmp_path / "out"
    assert main(["build", str(path), "--timezone", "Europe/Berlin", "--products", "handout",
                 "-o", str(out)]) == 0
    (handout,) = out.glob("*-handout.pdf")
    text = normalized(" ".join(page_texts(handout)))
    assert "14:40" in text and "12:40" not in text


# --- instant, exists, ambiguous: held to their definitions ---------------------------------
# (each has a shortcut: offsets read straight from the zone, and most times found regular
# at once; these say the shortcut never changes an answer, exceptions included)

ZONES = ("Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Apia",
         "America/St_Johns", "Europe/Dublin", "Africa/Casablanca", "Asia/Kathmandu",
         "Antarctica/Troll", "UTC", "Mars/Olympus", None)


def _changes(zone_name: str, year: int) -> list[datetime]:
    """The wall-clock times, in ``year``, at which ``zone_name`` changes its UTC offset (the
    hour after a change is read by ``astimezone``, the definition, not the shortcut)."""
    tz = zone_info(zone_name)
    if tz is None:
        return []
    out = []
    hour = datetime(year, 1, 1, tzinfo=timezone.utc)
    while hour.year == year:
        after = hour + timedelta(hours=1)
        if hour.astimezone(tz).utcoffset() != after.astimezone(tz).utcoffset():
            out.append(after.astimezone(tz).replace(tzinfo=None))
        hour = after
    return out


def _outcome(answer) -> object:
    """What ``answer()`` gives (a time with its fold), or the kind of error it raises."""
    try:
        value = answer()
    except (OverflowError, ValueError) as exc:
        return type(exc)
    return (value, value.fold) if isinstance(value, datetime) else value


def _defined(moment: datetime, zone_name: str | None) -> tuple:
    """(instant, exists, ambiguous) of ``moment`` by their definitions."""
    tz = zone_info(zone_name)
    if tz is None:
        return (moment.replace(fold=0), 0), True, False

    def utc(m: datetime) -> datetime:
        return m.replace(tzinfo=tz).astimezone(timezone.utc).replace(tzinfo=None)

    def real() -> bool:
        return wall(utc(moment), zone_name) == moment

    return (_outcome(lambda: utc(moment)), _outcome(real), _outcome(
        lambda: real() and utc(moment.replace(fold=0)) != utc(moment.replace(fold=1))))


def _answers(moment: datetime, zone_name: str | None) -> tuple:
    return tuple(_outcome(lambda f=f: f(moment, zone_name)) for f in (instant, exists, ambiguous))


@settings(max_examples=400, deadline=None)
@given(zone_name=st.sampled_from(ZONES), year=st.sampled_from((2011, 2024, 2025)),
       minutes=st.integers(-200, 200), pick=st.integers(0, 20), fold=st.integers(0, 1))
def test_times_near_a_change_of_the_clocks_as_defined(zone_name, year, minutes, pick, fold):
    changes = _changes(zone_name, year) if zone_name else []
    base = changes[pick % len(changes)] if changes else datetime(year, 3, 30, 2, 30)
    moment = (base + timedelta(minutes=minutes)).replace(fold=fold)
    assert _answers(moment, zone_name) == _defined(moment, zone_name)


@pytest.mark.parametrize("moment", [datetime(1, 1, 1, 0, 30), datetime(1, 1, 1, 23, 0),
                                    datetime(9999, 12, 31, 23, 30), datetime(9999, 12, 31, 1),
                                    datetime(2, 1, 1, 12), datetime(9998, 12, 31, 23, 59)])
@pytest.mark.parametrize("zone_name", ["America/New_York", "Asia/Tokyo", "UTC", None])
def test_times_at_the_ends_of_the_calendar_as_defined(moment, zone_name):
    for fold in (0, 1):
        assert _answers(moment.replace(fold=fold), zone_name) == \
            _defined(moment.replace(fold=fold), zone_name)
