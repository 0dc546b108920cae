"""Poster sessions from the CSV reader (rows of type Poster in a Session, a Board column) and
the frab/pretalx XML and JSON readers (events of type Poster at one time in one room, a
``board`` field where an export adds it). Fixture: ``fixtures/posters``."""
from __future__ import annotations

import json
from pathlib import Path

from program.build import checked
from program.model import Kind, Session
from program.sources.registry import load_schedule

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "posters"

CSV = """\
Date,Start,End,Room,Session,Type,Title,Speakers,Affiliation,Poster board
2025-05-06,09:00,10:00,Hall,,Talk,Opening talk,Barbara Liskov,MIT,
2025-05-06,15:00,16:30,Foyer,Posters,Poster,Sparse attention,Ada Lovelace,Analytical Engines,
2025-05-06,15:00,16:30,Foyer,Posters,Poster,Quantized training,Grace Hopper,US Navy,1
2025-05-06,15:00,16:30,Foyer,Posters,Poster,A third one,Alan Turing,Bletchley Park,
"""


def poster_session(schedule) -> Session:
    found = [e for d in schedule.days for e in d.entries if isinstance(e, Session) and e.is_posters]
    assert len(found) == 1
    return found[0]


def test_csv_rows_of_type_poster_in_a_session_with_a_board_column(tmp_path):
    path = tmp_path / "posters.csv"
    path.write_text(CSV, encoding="utf-8")
    schedule = load_schedule(str(path))
    session = poster_session(schedule)
    assert session.kind is Kind.POSTER and session.title == "Posters"
    # the given board is kept; the others take the next free numbers in file order
    assert [(t.title, t.board) for t in session.items] == [
        ("Sparse attention", "2"), ("Quantized training", "1"), ("A third one", "3")]
    assert session.items[0].speakers[0].affiliation == "Analytical Engines"
    # posters hang side by side: no overlap warnings among them
    _, problems = checked(schedule)
    assert not [p for p in problems if "overlaps" in p.message]


def test_pretalx_xml_posters_become_one_poster_session():
    schedule = load_schedule(str(FIXTURES / "pretalx-posters.xml"))
    session = poster_session(schedule)
    assert (session.title, session.room is not None) == ("Posters", True)
    assert [(t.title, t.board) for t in session.items] == [
        ("Sparse attention on a budget", "1"), ("Quantized training in the wild", "P7"),
        ("A third poster", "2")]
    keynote = [t for t in schedule.talks() if t.kind is Kind.KEYNOTE]
    assert [t.title for t in keynote] == ["Opening keynote"] and not keynote[0].board
    _, problems = checked(schedule)
    assert not [p for p in problems if "overlaps" in p.message]


def test_frab_json_posters_with_a_board_field(tmp_path):
    def event(n, title, kind, board=None, start="15:00"):
        out = {"id": n, "guid": f"00000000-0000-0000-0000-00000000000{n}", "title": title,
               "type": kind, "date": f"2025-05-06T{start}:00+02:00", "start": start,
               "duration": "01:30", "room": "Foyer", "persons": [{"public_name": f"P{n}"}]}
        return out | ({"board": board} if board else {})

    data = {"schedule": {"version": "1", "conference": {
        "acronym": "p", "title": "Posters", "start": "2025-05-06", "end": "2025-05-06",
        "time_zone_name": "Europe/Berlin", "days": [{"index": 1, "date": "2025-05-06",
        "rooms": {"Foyer": [event(1, "Alone at nine", "Poster", start="09:00"),
                            event(2, "First poster", "Poster", "B2"),
                            event(3, "Second poster", "Poster"),
                            event(4, "A talk between", "Talk", start="17:00")]}}]}}}
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    schedule = load_schedule(str(path))
    session = poster_session(schedule)
    assert [(t.title, t.board) for t in session.items] == [("First poster", "B2"),
                                                           ("Second poster", "1")]
    # a poster alone at its time stays an item of its own
    alone = [t for t in schedule.days[0].entries if t.title == "Alone at nine"]
    assert len(alone) == 1 and not isinstance(alone[0], Session)
