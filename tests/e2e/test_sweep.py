"""Hostile text through every text and id field of every input format (issue 11, "Done
when"): PDF syntax, iCalendar syntax and shell syntax in titles, names, affiliations, rooms,
tracks, sessions, chairs, abstracts, link labels and ids of a YAML, CSV, frab XML, frab JSON,
iCalendar and Markdown schedule. Each is built (booklet, handout, cards, calendar) and:

- every PDF is structurally sound (qpdf's check, through pikepdf);
- its text layer holds only what the schedule says: no id is ever drawn, the PDF
  operators of the payload are drawn as text (every ``INJECTED`` is inside its own
  parentheses, never a string an injected ``Tj`` drew), and the booklet holds every
  talk's title, speakers and abstract exactly as the model has them;
- the calendar parses and has exactly one event per item, each with the item's title and
  a one-line UID;
- nothing ran a shell (the ``$(touch ...)`` of the payload made no file).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import icalendar
import pytest

from program.build import Settings, build
from program.model import Schedule
from program.sources.registry import load_schedule

from pdftools import document_text, page_texts, structure_problems

PDF = ") ( / \\ < > [ ] BT ET Tj q Q %%EOF endobj (INJECTED) Tj"
ICAL = "\r\nBEGIN:VEVENT\r\nUID:evil ; a,b : c\r\nEND:VEVENT"
MARKER = "INJECTED"
ID_TAG = "IDLEAK"  # only ids hold it: it must never be drawn


def shell(tmp: Path) -> str:
    return f"$(touch {tmp}/pwned) `touch {tmp}/pwned` ; rm -rf {tmp}/x | cat && echo $HOME"


def payload(tmp: Path, name: str, lines: bool = True) -> str:
    """The hostile text for field ``name`` (named in it, so each field's text is its own)."""
    return f"{name} {PDF}{ICAL if lines else ''} {shell(tmp)}"


def ident(tmp: Path, name: str) -> str:
    return f"{ID_TAG}-{name} {PDF} {shell(tmp)}"


def _yaml(t: Path) -> str:
    q = lambda name: json.dumps(payload(t, name))  # noqa: E731 - JSON strings are YAML
    i = lambda name: json.dumps(ident(t, name))  # noqa: E731
    return f"""event:
  title: {q("event")}
  subtitle: {q("subtitle")}
  venue: {q("venue")}
  organizers: [{q("organizer")}]
rooms:
  - {{id: {i("room")}, name: {q("room")}}}
days:
  - date: 2024-05-06
    title: {q("day")}
    items:
      - time: 9:00-9:30
        title: {q("opening")}
        id: {i("opening")}
        speakers: [{{name: {q("speaker")}, affiliation: {q("affiliation")}}}]
      - session: {q("session")}
        id: {i("session")}
        time: 9:30-10:30
        room: {i("room")}
        chairs: [{{name: {q("chair")}, affiliation: {q("chair-affiliation")}}}]
        description: {q("description")}
        talks:
          - time: 9:30-10:00
            title: {q("talk")}
            id: {i("talk")}
            kind: contributed
            track: {q("track")}
            abstract: {q("abstract")}
            url: https://example.org/t/1
            links: [{{label: {q("link")}, url: "https://example.org/slides"}}]
            speakers: [{{name: {q("speaker2")}, affiliation: {q("affiliation2")}}}]
"""


def _csv(t: Path) -> str:
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    head = "ID,Date,Start,End,Room,Title,Speakers,Affiliation,Abstract,URL,Track,Session,Chair"
    rows = []
    for n, (start, end) in enumerate((("09:00", "09:30"), ("09:30", "10:00"))):
        values = [ident(t, f"id{n}"), "2024-05-06", start, end, payload(t, "room"),
                  payload(t, f"title{n}"), payload(t, f"speaker{n}"),
                  payload(t, f"affiliation{n}"), payload(t, f"abstract{n}"),
                  f"https://example.org/t/{n}", payload(t, "track"), payload(t, "session"),
                  payload(t, "chair")]
        rows.append(",".join(cell(v) for v in values))
    return "\r\n".join([head, *rows]) + "\r\n"


def _frab(t: Path) -> dict:
    q = lambda name: payload(t, name)  # noqa: E731
    events = []
    for n, start in enumerate(("09:00", "09:30")):
        events.append({"guid": ident(t, f"guid{n}"), "id": ident(t, f"id{n}"),
                       "code": ident(t, f"code{n}"), "title": q(f"title{n}"),
                       "subtitle": q(f"subtitle{n}"), "date": f"2024-05-06T{start}:00+02:00",
                       "start": start, "duration": "00:30", "room": q("room"),
                       "track": q("track"), "type": "Talk", "abstract": q(f"abstract{n}"),
                       "description": q(f"description{n}"), "url": f"https://example.org/t/{n}",
                       "persons": [{"public_name": q(f"person{n}")}],
                       "links": [{"url": "https://example.org/slides", "title": q(f"link{n}")}]})
    return {"schedule": {"version": "1", "conference": {
        "title": q("conference"), "acronym": q("acronym"), "time_zone_name": "Europe/Berlin",
        "rooms": [{"name": q("room")}],
        "days": [{"date": "2024-05-06", "day_start": "2024-05-06T04:00:00+02:00",
                  "rooms": {q("room"): events}}]}}}


def _json(t: Path) -> str:
    return json.dumps(_frab(t), indent=1)


def _xml(t: Path) -> str:
    conf = _frab(t)["schedule"]["conference"]
    (day,) = conf["days"]
    (room, events), = day["rooms"].items()
    out = []
    for e in events:
        fields = "".join(f"<{k}>{escape(e[k])}</{k}>" for k in (
            "title", "subtitle", "date", "start", "duration", "room", "track", "type",
            "abstract", "description", "url"))
        persons = "".join(f"<person>{escape(p['public_name'])}</person>" for p in e["persons"])
        links = "".join(f"<link href={quoteattr(x['url'])}>{escape(x['title'])}</link>"
                        for x in e["links"])
        out.append(f"<event guid={quoteattr(e['guid'])} id={quoteattr(e['id'])} "
                   f"code={quoteattr(e['code'])}>{fields}<persons>{persons}</persons>"
                   f"<links>{links}</links></event>\n")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<schedule><conference>'
            f"<title>{escape(conf['title'])}</title><acronym>{escape(conf['acronym'])}</acronym>"
            "<time_zone_name>Europe/Berlin</time_zone_name></conference>\n"
            '<day index="1" date="2024-05-06" start="2024-05-06T04:00:00+02:00">'
            f"<room name={quoteattr(room)}>\n{''.join(out)}</room></day></schedule>\n")


def _ics(t: Path) -> str:
    def text(value: str) -> str:  # RFC 5545 TEXT escaping
        return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n"))

    events = []
    for n, start in enumerate(("0900", "0930")):
        end = ("0930", "1000")[n]
        events.append("BEGIN:VEVENT\r\n"
                      f"UID:{text(ident(t, f'uid{n}'))}\r\n"
                      f"DTSTART;TZID=Europe/Berlin:20240506T{start}00\r\n"
                      f"DTEND;TZID=Europe/Berlin:20240506T{end}00\r\n"
                      f"SUMMARY:{text(payload(t, f'summary{n}'))}\r\n"
                      f"LOCATION:{text(payload(t, 'location'))}\r\n"
                      f"DESCRIPTION:{text(payload(t, f'description{n}'))}\r\n"
                      f"URL:https://example.org/t/{n}\r\n"
                      "END:VEVENT\r\n")
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//sweep//EN\r\n"
            f"X-WR-CALNAME:{text(payload(t, 'calendar'))}\r\nX-WR-TIMEZONE:Europe/Berlin\r\n"
            + "".join(events) + "END:VCALENDAR\r\n")


def _md(t: Path) -> str:
    q = lambda name: payload(t, name, lines=False)  # noqa: E731 - a line holds no line end
    return (f"# {q('workshop')}\n\n"
            f"8:30 - 8:40 {q('opening')}, {q('speaker')}\n\n"
            f"### {q('session')}: Chair {q('chair')}\n\n"
            f"8:40 - 9:10 Keynote: *{q('keynote')}*, {q('keynote-speaker')}\n\n"
            f"9:10 - 9:30 Contributed Talk: *{q('talk')}*\n")


FORMATS = {"yaml": _yaml, "csv": _csv, "xml": _xml, "json": _json, "ics": _ics, "md": _md}
FILE_IDS = {"yaml", "csv", "xml", "json", "ics"}  # formats that name their own ids


def _squeeze(text: str) -> str:
    """Text without whitespace: how a wrapped text is found in a text layer."""
    return re.sub(r"\s+", "", text)


def _body(pdf: Path) -> str:
    """The text layer without each page's footer (the event's title and date, then the page
    number: its last two lines), so that text running over a page break reads on."""
    pages = []
    for text in page_texts(pdf):
        lines = text.replace("\ufffe", "-").splitlines()
        pages.append("\n".join(lines[:-2] if lines and lines[-1].strip().isdigit() else lines))
    return "\n".join(pages)


def _printed(schedule: Schedule) -> list[str]:
    """What the booklet prints in full for each item: title, speakers, abstract."""
    out = []
    for talk in schedule.talks():
        out.append(talk.title)
        out += [p.name for p in talk.speakers]
        out += [talk.abstract.plain()] if talk.abstract else []
    return out


@pytest.fixture(scope="module")
def swept(tmp_path_factory) -> dict[str, tuple[Path, Schedule, dict[str, Path]]]:
    """Every format's hostile schedule, loaded and built: {format: (tmp, model, files)}."""
    out = {}
    for fmt, make in FORMATS.items():
        tmp = tmp_path_factory.mktemp(f"sweep-{fmt}")
        path = tmp / f"sweep.{fmt}"
        path.write_text(make(tmp), encoding="utf-8", newline="")
        schedule = load_schedule(str(path))
        result = build(str(path), Settings(out_dir=tmp / "out", jobs=1, force=True,
                                           products=("booklet", "handout", "cards", "ics")))
        out[fmt] = (tmp, schedule, {p.name.split(".", 1)[0].split("-")[-1] + p.suffix: p
                                    for p, _, _ in result.files})
    return out


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_payload_reached_the_model(fmt, swept):
    """The sweep is a sweep: the reader kept the hostile text in titles (and in ids)."""
    _, schedule, _ = swept[fmt]
    talks = list(schedule.talks())
    assert talks and all("(INJECTED) Tj" in t.title for t in talks)
    if fmt in FILE_IDS:
        assert all(ID_TAG in t.id for t in talks)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_pdf_is_sound_and_draws_no_injected_text(fmt, swept):
    tmp, _, files = swept[fmt]
    pdfs = [p for p in files.values() if p.suffix == ".pdf"]
    assert len(pdfs) == 4  # booklet, handout, cards sheet, single card
    for pdf in pdfs:
        assert structure_problems(pdf) == [], pdf.name
        text = document_text(pdf)
        assert ID_TAG not in text, pdf.name
        for found in re.finditer(MARKER, text):  # drawn as the text it is, or cut short
            before, after = text[found.start() - 1], text[found.end():found.end() + 1]
            assert before == "(" and after in (")", "…"), (pdf.name, text[found.start() - 40:
                                                                        found.end() + 40])
    assert not (tmp / "pwned").exists()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_booklet_prints_the_schedule_text_exactly(fmt, swept):
    _, schedule, files = swept[fmt]
    text = _squeeze(_body(files["booklet.pdf"]))
    for expected in _printed(schedule):
        assert _squeeze(expected) in text, expected


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_calendar_has_exactly_the_events(fmt, swept):
    _, schedule, files = swept[fmt]
    data = files[".ics"].read_bytes() if ".ics" in files else next(
        p for p in files.values() if p.suffix == ".ics").read_bytes()
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", data)
    assert data.count(b"\r\nBEGIN:VEVENT\r\n") == len(list(schedule.talks()))
    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    talks = list(schedule.talks())
    assert [str(e["SUMMARY"]) for e in events] == [t.title for t in talks]
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert all("\n" not in u and "\r" not in u for u in uids)
