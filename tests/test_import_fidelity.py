"""Import fidelity: ``program import FILE -o FILE.yaml`` then building FILE.yaml gives the same
items at the same instants as building FILE, for every reader.

A generated event is written as YAML, CSV (wall clock, or UTC starttime/endtime), frab XML
(with a zone name, or with ``+01:00`` offsets only, as 31C3's), frab JSON, an all-UTC
iCalendar file naming its zone and its xCal form, an Indico contributions export, and a
Markdown or HTML page; each is read, written as YAML and read again, and (title, room, start
instant, end instant, speakers) must not change. Items after midnight of their day (a frab
``<day end="04:00">``) and in the hour the clocks repeat are generated on purpose."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings, strategies as st

from program.export_yaml import dump
from program.model import Person, ambiguous, instant, wall
from program.sources.registry import load_schedule
from program.sources.yaml_schedule import loads

BERLIN = ZoneInfo("Europe/Berlin")
WORDS = ["graphs", "robust", "learning", "sparse", "kernels", "edge", "compilers", "scaling",
         "data", "tensors", "privacy", "Ünïcode", "München"]
PEOPLE = [Person("Ada Lovelace", "MIT"), Person("Grace Hopper", None),
          Person("Noémie Elhadad", "Columbia University"), Person("Jean-Luc Picard", "ETH Zurich")]
ROOMS = ["Hall A", "Saal 2"]


@dataclass(frozen=True)
class Item:
    title: str
    room: str
    start: int  # minutes from the midnight that begins its day (1440 and more: after midnight)
    length: int
    speakers: tuple[Person, ...]


@st.composite
def events(draw, after_midnight=True, rooms=True):
    """(first day, [[Item]] per day): winter dates, or the nights the clocks go forward and
    back in Berlin (items after midnight fall in the skipped or the repeated hour)."""
    first = draw(st.sampled_from([date(2024, 3, 30), date(2024, 10, 26)])) \
        if after_midnight and draw(st.booleans()) \
        else date(2024, 1, 8) + timedelta(days=draw(st.integers(0, 40)))
    days = []
    number = 0
    for _ in range(draw(st.integers(1, 2))):
        items = []
        minute = 8 * 60
        for _ in range(draw(st.integers(1, 4))):
            number += 1
            latest = 28 * 60 if after_midnight else 20 * 60  # (up to 4:00 real time)
            start = draw(st.integers(minute // 5, latest // 5)) * 5
            length = draw(st.sampled_from([0, 15, 30, 45, 90, 180]))
            words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))
            speakers = tuple(draw(st.lists(st.sampled_from(PEOPLE), max_size=2, unique=True)))
            room = draw(st.sampled_from(ROOMS)) if rooms else ""
            items.append(Item(f"Talk {number} on {' '.join(words)}", room, start, length,
                              speakers))
            if not rooms:  # one track: in order, one after the other
                minute = start + length + 5
                if minute > latest:
                    break
        days.append(items)
    return first, days


def _moment(day: date, minutes: int) -> datetime:
    """The Berlin wall clock ``minutes`` of real time after the midnight that begins ``day``
    (``fold`` set in the repeated hour)."""
    midnight = instant(datetime.combine(day, datetime.min.time()), "Europe/Berlin")
    return wall(midnight + timedelta(minutes=minutes), "Europe/Berlin")


def _zoned_hm(moment: datetime) -> str:
    """``02:30``, or ``02:30 CET`` for a time Berlin shows twice (as the YAML format says)."""
    if not ambiguous(moment, "Europe/Berlin"):
        return _hm(moment)
    return f"{_hm(moment)} {moment.replace(tzinfo=BERLIN).tzname()}"


def _hm(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def _dated(first, days):
    """(day date, item, start, end) for every item."""
    for index, items in enumerate(days):
        day = first + timedelta(days=index)
        for item in items:
            yield day, item, _moment(day, item.start), _moment(day, item.start + item.length)


# --- the formats ---------------------------------------------------------------------------

def as_yaml(first, days) -> str:
    lines = ["event:", "  title: Fidelity", "  timezone: Europe/Berlin", "rooms:"]
    lines += [f"  - {room}" for room in ROOMS] + ["days:"]
    for index, items in enumerate(days):
        day = first + timedelta(days=index)
        lines += [f"  - date: {day.isoformat()}", "    items:"]
        for item in items:
            start, end = _moment(day, item.start), _moment(day, item.start + item.length)
            lines.append(f"      - title: {json.dumps(item.title)}")
            if start.date() != day:
                lines.append(f"        date: {start.date().isoformat()}")
            lines += [f"        time: {_zoned_hm(start)}-{_zoned_hm(end)}",
                      f"        room: {item.room}"]
            if item.speakers:
                lines.append("        speakers:")
                lines += [f"          - {json.dumps(p.display())}" for p in item.speakers]
    return "\n".join(lines) + "\n"


def as_csv(first, days) -> str:
    rows = ["Title,Date,Start,Duration,Room,Speakers"]  # (wall clock: no zone in the file)
    for _, item, start, _ in _dated(first, days):
        people = "; ".join(f"{p.name} ({p.affiliation})" if p.affiliation else p.name
                           for p in item.speakers)
        rows.append(f'"{item.title}",{start.date().isoformat()},{_hm(start)},{item.length},'
                    f'{item.room},"{people}"')
    return "\n".join(rows) + "\n"


def as_csv_utc(first, days) -> str:
    """An agenda export: UTC ``starttime``/``endtime``, ``fullname``, parallel ``track``s."""
    rows = ["submission_id,title,fullname,starttime,endtime,track"]
    for n, (_, item, start, end) in enumerate(_dated(first, days)):
        def utc(moment):
            return moment.replace(tzinfo=BERLIN).astimezone(timezone.utc).isoformat(" ")
        people = "|".join(p.name for p in item.speakers)
        rows.append(f'{n},"{item.title}","{people}",{utc(start)},{utc(end)},{item.room}')
    return "\n".join(rows) + "\n"


def as_indico(first, days) -> str:
    """Indico's contributions export: UTC start and end beside the event's zone."""
    def utc(moment):
        at = moment.replace(tzinfo=BERLIN).astimezone(timezone.utc)
        return {"date": f"{at:%Y-%m-%d}", "time": f"{at:%H:%M:%S}", "tz": "UTC"}
    contributions = [
        {"_type": "Contribution", "id": str(n), "title": item.title, "startDate": utc(start),
         "endDate": utc(end), "duration": item.length, "room": item.room,
         "speakers": [{"fullName": p.name, "first_name": p.name.split()[0],
                       "last_name": p.name.split()[-1], "affiliation": p.affiliation or ""}
                      for p in item.speakers]}
        for n, (_, item, start, end) in enumerate(_dated(first, days))]
    return json.dumps({"_type": "HTTPAPIResult", "results": [
        {"_type": "Conference", "id": "1", "title": "Fidelity", "timezone": "Europe/Berlin",
         "contributions": contributions}]})


def _frab_events(day: date, items, offset_only: bool) -> dict[str, list[dict]]:
    rooms: dict[str, list[dict]] = {room: [] for room in ROOMS}
    for n, item in enumerate(items):
        start = _moment(day, item.start).replace(tzinfo=BERLIN)
        rooms[item.room].append({
            "guid": f"g-{day}-{n}", "id": abs(hash((day, n))) % 10**6, "title": item.title,
            "date": start.isoformat(), "start": _hm(start),
            "duration": f"{item.length // 60:02d}:{item.length % 60:02d}", "room": item.room,
            "persons": [{"public_name": p.name} for p in item.speakers]})
    return rooms


def as_frab_json(first, days) -> str:
    conference = {"title": "Fidelity", "time_zone_name": "Europe/Berlin", "days": [
        {"index": i + 1, "date": (first + timedelta(days=i)).isoformat(),
         "day_start": f"{first + timedelta(days=i)}T08:00:00+01:00",
         "day_end": f"{first + timedelta(days=i + 1)}T04:00:00+01:00",
         "rooms": _frab_events(first + timedelta(days=i), items, False)}
        for i, items in enumerate(days)]}
    return json.dumps({"schedule": {"version": "1", "conference": conference}})


def as_frab_xml(first, days, zone_name: bool = True) -> str:
    out = ["<?xml version='1.0' encoding='utf-8'?>", "<schedule><version>1</version>",
           "<conference><title>Fidelity</title>"
           + ("<time_zone_name>Europe/Berlin</time_zone_name>" if zone_name else "")
           + "</conference>"]
    for i, items in enumerate(days):
        day = first + timedelta(days=i)
        out.append(f'<day index="{i + 1}" date="{day}" start="{day}T08:00:00+01:00" '
                   f'end="{day + timedelta(days=1)}T04:00:00+01:00">')
        for room, records in _frab_events(day, items, not zone_name).items():
            out.append(f'<room name="{room}">')
            for r in records:
                persons = "".join(f'<person id="{k}">{escape(p["public_name"])}</person>'
                                  for k, p in enumerate(r["persons"]))
                out.append(f'<event guid="{r["guid"]}" id="{r["id"]}"><date>{r["date"]}</date>'
                           f'<start>{r["start"]}</start><duration>{r["duration"]}</duration>'
                           f'<room>{room}</room><title>{escape(r["title"])}</title>'
                           f'<persons>{persons}</persons></event>')
            out.append("</room>")
        out.append("</day>")
    return "\n".join(out + ["</schedule>"]) + "\n"


def as_ics(first, days) -> str:
    """All in UTC (``Z``), the zone named by X-WR-TIMEZONE."""
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//fidelity//EN",
           "X-WR-CALNAME:Fidelity", "X-WR-TIMEZONE:Europe/Berlin"]
    for n, (_, item, start, end) in enumerate(_dated(first, days)):
        def utc(moment):
            return moment.replace(tzinfo=BERLIN).astimezone(timezone.utc).strftime(
                "%Y%m%dT%H%M%SZ")
        out += ["BEGIN:VEVENT", f"UID:u{n}@example.org", f"DTSTAMP:{utc(start)}",
                f"DTSTART:{utc(start)}", f"DTEND:{utc(end)}", f"SUMMARY:{item.title}",
                f"LOCATION:{item.room}", "END:VEVENT"]
    return "\r\n".join(out + ["END:VCALENDAR"]) + "\r\n"


def as_xcal(first, days) -> str:
    """RFC 6321 xCal: UTC times, the zone named by x-wr-timezone."""
    def utc(moment):
        at = moment.replace(tzinfo=BERLIN).astimezone(timezone.utc)
        return f"{at:%Y-%m-%dT%H:%M:%S}Z"
    events = "".join(
        f"<vevent><properties><uid><text>x{n}@example.org</text></uid>"
        f"<dtstamp><date-time>{utc(start)}</date-time></dtstamp>"
        f"<dtstart><date-time>{utc(start)}</date-time></dtstart>"
        f"<dtend><date-time>{utc(end)}</date-time></dtend>"
        f"<summary><text>{escape(item.title)}</text></summary>"
        f"<location><text>{item.room}</text></location></properties></vevent>"
        for n, (_, item, start, end) in enumerate(_dated(first, days)))
    return ('<?xml version="1.0" encoding="utf-8"?>'
            '<icalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0"><vcalendar><properties>'
            "<version><text>2.0</text></version><prodid><text>-//test//x//EN</text></prodid>"
            "<x-wr-timezone><unknown>Europe/Berlin</unknown></x-wr-timezone>"
            f"</properties><components>{events}</components></vcalendar></icalendar>\n")


def as_markdown(first, days) -> str:
    """One day of a workshop page, as a list with the speakers after the title."""
    lines = ["---", "title: Fidelity", f"date: {first.isoformat()}", "---", "",
             "## Schedule", ""]
    for item in days[0]:
        start = _moment(first, item.start)
        end = start + timedelta(minutes=item.length)
        people = "".join(f", {p.name}, {p.affiliation}" if p.affiliation else f", {p.name}"
                         for p in item.speakers[:1])
        lines.append(f"- **{_hm(start)} - {_hm(end)}**: *{item.title}*{people}")
    return "\n".join(lines) + "\n"


def as_html(first, days) -> str:
    """One day of a workshop page as an HTML table."""
    rows = []
    for item in days[0]:
        start = _moment(first, item.start)
        end = start + timedelta(minutes=item.length)
        who = item.speakers[0] if item.speakers else None
        person = (f"<td>{escape(who.name)}" + (f" ({escape(who.affiliation)})"
                                                if who.affiliation else "")) if who else "<td>"
        rows.append(f"<tr><td>{_hm(start)} - {_hm(end)}<td><b>{escape(item.title)}</b>{person}")
    return (f"<html><head><title>Fidelity</title></head><body>"
            f"<p>Held on {first:%A} {first.day} {first:%B %Y}.</p><table><thead><tr><th>Time"
            f"<th>Talk<th>Speaker</thead>{''.join(rows)}</table></body></html>\n")


FORMATS = {
    "yaml": (as_yaml, "yaml"), "csv": (as_csv, "csv"), "csv-utc": (as_csv_utc, "csv"),
    "frab-json": (as_frab_json, "json"),
    "frab-xml": (as_frab_xml, "xml"),
    "frab-xml-offsets": (lambda f, d: as_frab_xml(f, d, zone_name=False), "xml"),
    "ics": (as_ics, "ics"), "xcal": (as_xcal, "xcal"), "indico": (as_indico, "json"),
}


# --- the property --------------------------------------------------------------------------

def key(schedule):
    """What must survive the import: per day, each item's title, room, real start and end,
    and speakers."""
    zone = schedule.event.timezone
    return [(day.date, [(t.title, schedule.room_name(t.room), instant(t.start, zone),
                         instant(t.end, zone), t.speakers) for t in day.talks()])
            for day in schedule.days]


def round_trip(text: str, ext: str, tmp_path):
    path = tmp_path / f"generated.{ext}"
    path.write_text(text, encoding="utf-8")
    direct = load_schedule(str(path))
    imported = loads(dump(direct), str(tmp_path / "imported.yaml"))
    return direct, imported


SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(event=events(), name=st.sampled_from(sorted(FORMATS)))
def test_import_keeps_items_at_their_instants(event, name, tmp_path):
    writer, ext = FORMATS[name]
    direct, imported = round_trip(writer(*event), ext, tmp_path)
    assert sum(len(items) for items in event[1]) == sum(1 for _ in direct.talks())
    assert key(imported) == key(direct), name
    assert imported.event.timezone == direct.event.timezone


@SETTINGS
@given(event=events(after_midnight=False, rooms=False), html=st.booleans())
def test_import_of_a_web_page_keeps_its_items(event, html, tmp_path):
    text = as_html(*event) if html else as_markdown(*event)
    direct, imported = round_trip(text, "html" if html else "md", tmp_path)
    assert len(list(direct.talks())) == len(event[1][0])
    assert key(imported) == key(direct)


# --- the command line, on a frab night programme -------------------------------------------

NIGHT = [[Item("Evening talk", "Hall A", 22 * 60, 90, (PEOPLE[0],)),
          Item("After midnight", "Saal 2", 24 * 60 + 30, 60, (PEOPLE[2],)),
          Item("Small hours", "Hall A", 26 * 60, 45, ())]]


def test_cli_import_then_read_keeps_frab_events_after_midnight(tmp_path):
    source = tmp_path / "night.xml"
    source.write_text(as_frab_xml(date(2024, 12, 27), NIGHT, zone_name=False), encoding="utf-8")
    target = tmp_path / "night.yaml"
    result = subprocess.run([sys.executable, "-m", "program", "import", str(source), "-o",
                             str(target)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    direct, imported = load_schedule(str(source)), load_schedule(str(target))
    assert key(imported) == key(direct)
    late = [t for t in imported.talks() if t.title == "After midnight"][0]
    assert late.start == datetime(2024, 12, 28, 0, 30)  # not 24 hours earlier
    assert [d.date for d in imported.days] == [date(2024, 12, 27)]
    assert "date: 2024-12-28" in target.read_text(encoding="utf-8")
