"""model -> YAML -> model gives the same model."""
import json

from program.export_yaml import dump
from program.sources import markdown
from program.sources.yaml_schedule import load, loads

from conftest import DATA, SEED

RICH = """\
event:
  title: "Rich: a test"
  subtitle: "no"
  venue: Somewhere, Earth
  url: https://example.org/
  timezone: Europe/Berlin
  organizers: [Ada, "Grace # Hopper"]
  language: de
  clock: 12h
rooms:
  - Hall A
  - {id: b, name: "Room B: small"}
theme:
  paper: a4
  colors: {keynote: "#112233"}
days:
  - date: 2024-05-06
    title: Day one
    items:
      - time: 9:00-10:00
        title: "<T> & a<b"
        kind: keynote
        id: custom-id
        speakers:
          - {name: "Smith, Jr.", affiliation: ACME}
          - "Ada Lovelace, Analytical: Engines"
        abstract: "Line one.\\nLine two with \\"quotes\\"."
        url: https://example.org/t/1
        links: [{label: Slides, url: https://example.org/s.pdf}]
        track: ML
      - session: Parallel
        time: 10:00-11:00
        room: b
        chairs: [Grace Hopper, Alan Turing]
        description: Short talks
        each: 15min
        talks:
          - {title: "Yes"}
          - {title: "Null", speakers: "~ tilde"}
          - {title: "12:30", room: Hall A}
      - {time: 9:00-9:30, title: Earlier in another room, room: Hall A, kind: talk}
  - date: 2024-05-07
    items:
      - {time: 22:00-1:00, title: Night walk, kind: other}
"""


def test_rich_round_trip():
    first = loads(RICH)
    text = dump(first)
    second = loads(text)
    assert second == first
    assert second.days[1].entries[0].end.day == 8  # crossed midnight


def test_seed_round_trip():
    first = markdown.load(SEED)
    assert loads(dump(first)) == first


def test_data_round_trip():
    first = load(DATA)
    assert loads(dump(first)) == first


def test_rich_text_round_trip_from_every_syntax():
    """Abstracts from HTML (pentabarf), Markdown (pretalx) and plain text (iCal) are written
    as Markdown by ``program import`` and read back the same."""
    from pathlib import Path

    from program.sources.registry import load_schedule

    fixtures = Path(__file__).parent.parent / "fixtures"
    for path in [*sorted((fixtures / "richtext").iterdir()),
                 fixtures / "interchange" / "democonf24.ics"]:
        first = load_schedule(str(path))
        text = dump(first)
        assert "&lt;" not in text and "<p>" not in text, path.name
        second = loads(text)
        assert [t.abstract for t in second.talks()] == [t.abstract for t in first.talks()]
        assert any(t.abstract for t in first.talks()), path.name
    markdown = "**Bold** and *em*, `code`, [a link](https://example.org/x).\n\n- one\n- two"
    schedule = loads(RICH.replace('"Line one.\\nLine two with \\"quotes\\"."', json.dumps(markdown)))
    assert next(schedule.talks()).abstract.plain() == "Bold and em, code, a link.\n\n• one\n• two"
    text = dump(schedule)
    assert "abstract: " + json.dumps(markdown) in text  # written as it was
    assert loads(text) == schedule
