"""frab / pentabarf / pretalx XML and JSON: the shapes real exports come in.

Fixtures in ``fixtures/frab``: ``penta-flat.xml`` (old pentabarf: events directly under
``<day>``, HTML abstracts and descriptions, attachments) and ``v2-hub.json`` (c3voc schedule
v2: ``schedule.events``, room and track objects, Markdown with CRLF); smaller shapes inline.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from program.build import Settings, build
from program.errors import UserError
from program.export_yaml import dump as to_yaml
from program.model import Kind, Link, Person, TextList
from program.sources import frab_json, frab_xml
from program.sources.common import TRACK_FILLS, track_fills
from program.sources.registry import load_schedule

from pdftools import page_texts

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "frab"


def talks(path: Path) -> dict[str, object]:
    return {t.title: t for t in load_schedule(str(path)).talks()}


# --- pentabarf XML -----------------------------------------------------------------------

def test_events_directly_under_day_take_their_room_child():
    schedule = load_schedule(str(FIXTURES / "penta-flat.xml"))
    assert [(t.title, t.room, t.start) for t in schedule.talks()] == [
        ("Composited desktops", "Aula", datetime(2006, 3, 4, 10)),
        ("Packaging for two distros", "B.201", datetime(2006, 3, 4, 10)),
        ("Lightning round", "Aula", datetime(2006, 3, 4, 11)),
    ]
    assert [r.name for r in schedule.rooms] == ["Aula", "B.201"]


def test_subtitle_description_persons_links_type_and_track_are_kept():
    by_title = talks(FIXTURES / "penta-flat.xml")
    first = by_title["Composited desktops"]
    assert first.subtitle == "What the GPU does for windows"
    assert first.kind is Kind.KEYNOTE
    assert first.speakers == (Person("Maja Kowalska"), Person("Olu Adeyemi"))
    assert first.track == "Desktop"
    # HTML parsed: a link and strong text in the abstract, a list in the description
    assert [(r.text.strip(), r.url) for r in first.abstract.runs() if r.url] == \
        [("GL", "https://example.org/gl")]
    assert any(r.strong and r.text == "compositing" for r in first.abstract.runs())
    assert first.description.plain() == "First part.\n\n• speed\n• beauty"
    assert isinstance(first.description.blocks[1], TextList)
    assert "<" not in first.abstract.plain() + first.description.plain()
    # only a description: kept as the description (printed instead of the abstract)
    second = by_title["Packaging for two distros"]
    assert second.abstract is None and second.description.plain() == "Only a description here."
    assert second.subtitle is None
    # a description equal to the abstract is not kept twice; attachments are links
    third = by_title["Lightning round"]
    assert third.kind is Kind.LIGHTNING and third.description is None
    assert third.links == (Link("Round slides", "https://example.org/slides/13.pdf"),
                           Link("Paper", "https://example.org/paper/13.pdf"))


def test_tracks_without_colours_get_stable_distinct_ones():
    schedule = load_schedule(str(FIXTURES / "penta-flat.xml"))
    colors = schedule.theme.color_map()
    assert set(colors) == {"Desktop", "Distributions"}
    assert colors["Desktop"] != colors["Distributions"]
    assert load_schedule(str(FIXTURES / "penta-flat.xml")).theme.color_map() == colors
    # a colour the source gives is kept and not handed to another track
    given = (("B", TRACK_FILLS[0]),)
    assert dict(track_fills(["C", "A", "B", None], given)) == \
        {"A": TRACK_FILLS[1], "B": TRACK_FILLS[0], "C": TRACK_FILLS[2]}
    # the order the tracks come in does not matter
    assert track_fills(["Z", "Y", "X"]) == track_fills(["X", "Y", "Z"])
    # more tracks than distinct fills: no shared fills; the grid colours those by kind
    many = [f"Devroom {n}" for n in range(len(TRACK_FILLS) + 1)]
    assert track_fills(many, given) == given


def test_pretalx_xml_description_markdown(write):
    path = write("<schedule><conference><title>P</title></conference>"
                 "<day date='2024-05-01'><room name='R'><event id='1' guid='g1'>"
                 "<title>M</title><subtitle>Sub</subtitle><date>2024-05-01T10:00:00+02:00</date>"
                 "<duration>00:30</duration><abstract>Short *one*.</abstract>"
                 "<description>Long:\n\n1. first\n2. `second`</description>"
                 "<persons><person id='5' code='AB'>Kim Lee</person></persons>"
                 "</event></room></day></schedule>", "p.xml")
    talk = next(load_schedule(str(path)).talks())
    assert talk.subtitle == "Sub"
    assert any(r.emphasis and r.text == "one" for r in talk.abstract.runs())
    assert talk.description.blocks[1].ordered
    assert any(r.code and r.text == "second" for r in talk.description.runs())


@pytest.mark.parametrize("text,message,line", [
    ("<schedule><conference><title>T</title></conference>\n<day date='2024-03-01'>"
     "<entry><title>X</title></entry></day></schedule>",
     "<day> holds <entry> elements, not events", 2),
    ("<schedule>\n<day date='2024-03-01'><room name='A'>\n<talk/><slot/></room></day></schedule>",
     "<room> holds <talk>, <slot> elements, not events", 2),
    ("<schedule><conference><title>T</title></conference>\n<sessions><session/></sessions>"
     "</schedule>", "<schedule> holds <sessions> elements, not <day> elements with events", 1),
])
def test_a_foreign_shape_names_what_it_found(text, message, line, write):
    path = write(text, "s.xml")
    with pytest.raises(UserError) as info:
        frab_xml.load(path)
    assert message in str(info.value)
    assert str(info.value).startswith(f"{path}:{line}: error: not a frab/pentabarf schedule")


# --- schedule v2 and JSON messages -------------------------------------------------------

def test_schedule_v2_events_rooms_and_days():
    schedule = load_schedule(str(FIXTURES / "v2-hub.json"))
    assert schedule.event.title == "Demo Congress 42"
    assert schedule.event.timezone == "Europe/Berlin"
    assert [r.name for r in schedule.rooms] == ["Hall One", "Stage Two", "Empty Stage"]
    # the night event belongs to the congress day it follows, not to the calendar date
    assert [(d.date, [t.title for t in d.talks()]) for d in schedule.days] == [
        (date(2042, 12, 27), ["Opening", "Soldering at night"]),
        (date(2042, 12, 28), ["Day two talk"]),
    ]
    by_title = {t.title: t for t in schedule.talks()}
    opening, night = by_title["Opening"], by_title["Soldering at night"]
    assert (opening.start, opening.end) == (datetime(2042, 12, 27, 10, 30),
                                            datetime(2042, 12, 27, 11))
    assert (night.start, night.end) == (datetime(2042, 12, 28, 0, 15),
                                        datetime(2042, 12, 28, 1, 15))
    assert opening.speakers == (Person("Rosa Iglesias"), Person("Tam Nguyen"))
    assert opening.track == "Science" and night.track == "Art & Beauty"
    assert night.kind is Kind.WORKSHOP and night.subtitle == "Bring your own iron"
    # a participant given only by guid is named from schedule.persons
    assert night.speakers == (Person("Ada Oyelaran"), Person("Noor Haddad"))
    assert night.abstract is None and night.description.plain() == "Hands on."
    assert [r.url for r in opening.description.runs() if r.url] == ["https://wiki.example.org/"]
    assert [link.label for link in opening.links] == ["Feedback", "Slides"]
    colors = schedule.theme.color_map()
    assert colors["Science"] == "#00a356"  # the track's own ("colors": {"light": ...})
    assert len({colors["Science"], colors["Art & Beauty"], colors["unknown-track"]}) == 3


def test_minified_json_points_at_line_and_column(tmp_path):
    data = json.loads((FIXTURES / "v2-hub.json").read_text(encoding="utf-8"))
    one_line = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    good = tmp_path / "min.json"
    good.write_text(one_line, encoding="utf-8")
    for talk in load_schedule(str(good)).talks():
        assert talk.where.line == 1
        assert one_line[talk.where.column - 1:].startswith('{"type"')
        assert f'"guid":"{talk.id}"' in one_line[talk.where.column - 1:][:60]
    data["schedule"]["events"][1]["end"] = "soon"
    bad = tmp_path / "bad.json"
    text = json.dumps(data, separators=(",", ":"))
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as info:
        frab_json.load(bad)
    column = text.index('{"type":"WORKSHOP"') + 1
    assert str(info.value) == (f"{bad}:1:{column}: error: event e-2 ('Soldering at night'): "
                               "end 'soon' is not a date and time (ISO 8601)")


def test_json_shape_error_gives_line_and_column(write):
    path = write('{"schedule": {"conference": {"title": "T",\n  "days": [{"date": "2024-03-01",'
                 ' "rooms": {"A": {"not": "a list"}}}]}}}', "s.json")
    with pytest.raises(UserError) as info:
        frab_json.load(path)
    assert str(info.value).startswith(f"{path}:2:")
    assert "expected a list of events" in str(info.value)
    where = str(info.value).split(": error")[0]
    assert where.count(":") == 2 and int(where.rsplit(":", 1)[1]) > 1


# --- through YAML and onto the page --------------------------------------------------------

def test_subtitle_survives_import_and_is_printed_under_the_title(tmp_path):
    schedule = load_schedule(str(FIXTURES / "penta-flat.xml"))
    yaml_path = tmp_path / "s.yaml"
    yaml_path.write_text(to_yaml(schedule), encoding="utf-8")
    assert load_schedule(str(yaml_path)) == schedule
    pdf = build(str(FIXTURES / "penta-flat.xml"),
                Settings(out_dir=tmp_path, products=("booklet",))).files[0][0]
    text = next(t for t in page_texts(pdf) if "What the GPU does" in t)
    assert text.index("Composited desktops") < text.index("What the GPU does for windows") \
        < text.index("Maja Kowalska") < text.index("A look at GL") < text.index("First part.")
    assert "Only a description here." in "\n".join(page_texts(pdf))


def test_relative_links_are_resolved_against_the_base_url(write):
    path = write(json.dumps({"schedule": {"base_url": "https://fahrplan.example.org/camp/",
        "conference": {"title": "C", "days": [{"date": "2030-08-01", "rooms": {"Tent": [{
            "guid": "g", "id": 1, "title": "T", "date": "2030-08-01T10:00:00+02:00",
            "duration": "0:30", "url": "/camp/events/1.html",
            "links": [{"url": "nymtech.example", "title": "bare host"},
                      {"url": "https://other.example/x", "title": "absolute"}],
            "attachments": [{"url": "/system/attachments/1/slides.pdf?123", "title": "Slides"},
                            {"url": "../up.pdf", "title": "Up"}]}]}}]}}}), "rel.json")
    talk = next(load_schedule(str(path)).talks())
    assert talk.url == "https://fahrplan.example.org/camp/events/1.html"
    assert [link.url for link in talk.links] == [
        "nymtech.example", "https://other.example/x",
        "https://fahrplan.example.org/system/attachments/1/slides.pdf?123",
        "https://fahrplan.example.org/up.pdf"]
