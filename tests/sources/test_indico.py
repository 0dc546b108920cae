"""Indico's JSON export: the event with its contributions, and the timetable.

Fixtures in ``fixtures/indico`` are shaped like Indico's HTTP API (``export/event/ID.json
?detail=contributions`` and ``export/timetable/ID.json``), written for these tests.
"""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from program.errors import UserError
from program.model import Kind, Person, Session, Talk
from program.sources.registry import load_schedule, pick_format

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "indico"


def entries(schedule):
    return [e for day in schedule.days for e in day.entries]


def test_contributions_export_by_content_not_extension():
    assert pick_format(str(FIXTURES / "contributions.json")).name == "indico"
    assert pick_format(str(FIXTURES / "timetable.json")).name == "indico"
    frab = Path(__file__).resolve().parent.parent / "fixtures" / "interchange" / "democonf24.json"
    assert pick_format(str(frab)).name == "frab-json"


def test_contributions_become_sessions_talks_speakers_and_rooms():
    schedule = load_schedule(str(FIXTURES / "contributions.json"))
    assert schedule.event.title == "Graphics Devroom Days 2030"
    assert schedule.event.timezone == "Europe/Lisbon"
    assert schedule.event.organizers == ("Inês Valente, Example Lab",)
    assert {r.name for r in schedule.rooms} == {"Sala A", "Sala B"}
    found = {e.title: e for e in entries(schedule)}
    session = found["Compilers"]
    assert isinstance(session, Session) and session.room == "Sala A"
    # UTC times in the export, printed in the event's zone (Lisbon is UTC+1 in June)
    assert [(t.title, t.start, t.end) for t in session.items] == [
        ("Shader compilers today", datetime(2030, 6, 3, 10), datetime(2030, 6, 3, 10, 40)),
        ("Register allocation", datetime(2030, 6, 3, 10, 45), datetime(2030, 6, 3, 11, 15)),
    ]
    first, second = session.items
    # no speakers: the primary authors, "Family, Given" turned round, affiliations kept
    # (a stray comma typed after a family name is dropped)
    assert first.speakers == (Person("Jonas Berg", "Kernel Co"), Person("Chidi Okafor"),
                              Person("Ana Sofia Reis"))
    assert second.speakers == (Person("Mei Tanaka", "Pixel GmbH"),)  # speakers win
    assert any(r.strong and r.text == "in short" for r in first.abstract.runs())
    assert first.abstract.plain().endswith("• caching\n• NIR")
    assert first.url == "https://indico.example.org/event/7/contributions/30/"
    lightning = found["Lightning: a tiny rasterizer"]
    assert isinstance(lightning, Talk) and lightning.kind is Kind.LIGHTNING
    assert lightning.room == "Sala B" and lightning.abstract.plain() == "Small & fast."
    assert lightning.speakers == (Person("Rui Costa", "Independent"),)


def test_unscheduled_contribution_is_left_out_with_a_warning_at_its_place():
    schedule = load_schedule(str(FIXTURES / "contributions.json"))
    assert "Not yet scheduled" not in {t.title for t in schedule.talks()}
    [notice] = schedule.notices
    where = notice.where
    assert notice.text() == "contribution 6 ('Not yet scheduled'): has no time in the " \
        "timetable: left out"
    text = (FIXTURES / "contributions.json").read_text(encoding="utf-8").splitlines()
    assert text[where.line - 1][where.column - 1] == "{"
    assert '"id": "6"' in text[where.line]


def test_timetable_sessions_with_conveners_breaks_and_presenters():
    schedule = load_schedule(str(FIXTURES / "timetable.json"))
    assert schedule.event.timezone == "Europe/Zurich"
    [session, coffee, closing] = entries(schedule)
    assert session.title == "Storage" and session.room == "31/3-004"
    assert session.chairs == (Person("Ana Souza", "Campus IT"),)
    assert (session.start, session.end) == (datetime(2030, 9, 10, 9), datetime(2030, 9, 10, 10, 30))
    assert [(t.title, t.speakers) for t in session.items] == [
        ("Object stores at scale", (Person("Eva Kral"),)),
        ("Tape is not dead", (Person("Lars Holm", "Data Centre"),)),
    ]
    assert session.items[0].abstract.plain() == "Buckets & more."
    assert coffee.kind is Kind.BREAK and coffee.room is None
    assert closing.kind is Kind.REMARKS and closing.room == "31/3-004"


def test_contributions_without_rooms_take_their_session_as_column(write):
    data = json.loads((FIXTURES / "contributions.json").read_text(encoding="utf-8"))
    for c in data["results"][0]["contributions"]:
        c["room"] = ""
        c.pop("roomFullname", None)
        c["session"] = c["session"] or "Lightning"
    schedule = load_schedule(str(write(json.dumps(data), "no-rooms.json")))
    assert [r.name for r in schedule.rooms] == ["Compilers", "Lightning"]


def test_another_shape_is_named(write):
    path = write('{"_type": "HTTPAPIResult", "results": [{"title": "x"}]}', "x.json")
    with pytest.raises(UserError) as info:
        load_schedule(str(path))
    assert "not an Indico export" in str(info.value)
