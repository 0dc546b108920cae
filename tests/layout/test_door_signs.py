"""Door signs laid out as frames (program.layout.door_signs)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from program.fonts import BOLD, ITALIC, BOLD_ITALIC
import pytest

from bench.synthetic import SIZES, generate
from program.layout.door_signs import ITEM_LEADING, MIN_SIZE, ROOM_SIZE, door_sign_pages
from program.layout.frames import QR, Link, Text, text_of
from program.layout.grid import span_label, time_label
from program.layout.paper import A4, LETTER, landscape
from program.model import Day, Event, Kind, Person, Room, Schedule, Session, Talk
from program.sources.yaml_schedule import load, loads

from conftest import DATA


def _conference(days: int = 2, talks_per_session: int = 3) -> Schedule:
    out = []
    for n in range(days):
        d = date(2025, 5, 6) + timedelta(days=n)

        def at(h, m=0, d=d):
            return datetime(d.year, d.month, d.day) + timedelta(hours=h, minutes=m)

        entries = [Talk(f"open{n}", "Opening", Kind.REMARKS, at(9), at(9, 30))]
        for room in ("a", "b"):
            items = tuple(Talk(f"t{n}{room}{i}", f"Talk {i} in {room} on day {n}", Kind.TALK,
                               at(10, 20 * i), at(10, 20 * i + 20), room,
                               (Person(f"Speaker {room}{i}"),), track=f"Track {room.upper()}")
                          for i in range(talks_per_session))
            entries.append(Session(f"s{n}{room}", f"Session {room.upper()}{n}", at(10),
                                   at(10, 20 * talks_per_session), items, room=room))
        out.append(Day(d, tuple(entries)))
    return Schedule(Event("Conf", out[0].date, out[-1].date, url="https://example.org/conf"),
                    (Room("a", "Hall A"), Room("b", "Lecture Room B")), tuple(out))


def test_one_landscape_page_per_room_per_day_with_its_items_and_everyones():
    conf = _conference()
    pages, warnings = door_sign_pages(conf, "a4", "24h", True, "2025-05-01 10:00 UTC")
    assert len(pages) == 4 and not warnings
    assert all(p.size == landscape(A4) for p in pages)
    texts = text_of(pages)
    for n, (room, key) in enumerate([("Hall A", "a"), ("Lecture Room B", "b")] * 2):
        day = n // 2
        text = texts[n]
        assert text.splitlines()[0] == room
        assert f"Talk 0 in {key} on day {day}" in text and "Opening" in text
        other = "b" if key == "a" else "a"
        assert f"in {other} on day" not in text
        assert f"Speaker {key}0\n" in text  # speakers, and the track as text: once, on the
        assert f"Session {key.upper()}{day}\nTrack {key.upper()}\n" in text  # session's row
        assert "schedule as of 2025-05-01 10:00 UTC" in text
        assert [q.alt for q in pages[n].items if isinstance(q, QR)] == ["https://example.org/conf"]
    (letter, *_), _ = door_sign_pages(conf, "letter", "24h", False, None)
    assert letter.size == landscape(LETTER) and not [q for q in letter.items if isinstance(q, QR)]


def test_room_name_is_large_and_upright():
    pages, _ = door_sign_pages(_conference(1), "a4", "24h", False, None)
    for page in pages:
        name = next(i for i in page.items if isinstance(i, Text))
        assert name.size >= ROOM_SIZE
        assert all(font not in (ITALIC, BOLD_ITALIC) for _, font, _ in name.runs)
        assert name.runs[0][1] == BOLD


def _huge_day(sessions: int, talks: int) -> Schedule:
    """One room, one day of ``sessions`` sessions of ``talks`` talks: more than a sign
    holds legibly."""
    day = date(2025, 5, 6)
    entries = []
    for n in range(sessions):
        start = datetime(2025, 5, 6, 8) + timedelta(minutes=30 * n)
        items = tuple(Talk(f"t{n}-{i}", f"Talk {i} of session {n} on something long", Kind.TALK,
                           start + timedelta(minutes=10 * i), start + timedelta(minutes=10 * i + 10),
                           "a", (Person(f"Speaker {n}-{i}"),), track=f"Track {n % 3}")
                      for i in range(talks))
        entries.append(Session(f"s{n}", f"Session {n}", start, start + timedelta(minutes=30),
                               items, room="a"))
    return Schedule(Event("Conf", day, day), (Room("a", "Hall A"),), (Day(day, tuple(entries)),))


def test_a_huge_day_continues_on_a_page_broken_only_between_sessions():
    conf = _huge_day(sessions=20, talks=3)
    pages, warnings = door_sign_pages(conf, "a4", "24h", False, None)
    assert len(pages) > 1 and any("needs" in w for w in warnings)
    texts = text_of(pages)
    for session in conf.days[0].entries:
        holders = [n for n, t in enumerate(texts) if f"{session.title}\n" in t]
        assert len(holders) == 1  # the session and all its talks are on one page
        flat = " ".join(texts[holders[0]].split())  # a title may wrap
        assert all(talk.title in flat for talk in session.items)


def test_every_room_day_of_the_seed_is_one_page():
    seed = load(DATA)
    for paper in ("a4", "letter"):
        pages, warnings = door_sign_pages(seed, paper, "24h", True, "v1")
        assert len(pages) == len(seed.days) and not warnings  # the seed has no rooms


def test_seed_without_rooms_has_one_sign_per_day_under_the_event_title():
    seed = load(DATA)
    pages, _ = door_sign_pages(seed, "a4", "12h", True, None)
    text = "\n".join(text_of(pages))
    assert text.startswith("MLSys: Workshop on")
    for talk in seed.talks():
        assert talk.title.split()[0] in text


@pytest.fixture(scope="module")
def conference_day() -> Schedule:
    """One day of the generated conference, as busy as each of its days (its talks over
    its days), in all its rooms."""
    spec = SIZES["conference"]
    return loads(generate("conference", days=1, talks=spec.talks // spec.days))


def _room_talks(schedule: Schedule, text: str) -> list[Talk]:
    """The talks held in the room whose sign's text is ``text`` (its first line)."""
    room = next(r for r in schedule.rooms if r.name == text.splitlines()[0])
    return [t for t in schedule.talks() if t.room == room.id]


def _fewest_talks_a_room_holds() -> int:
    """The session talks each room holds in a day of the generated conference, at least:
    its talks but the plenary ones, spread over its rooms and days (one less, for the
    rounding of the spread)."""
    spec = SIZES["conference"]
    plenary = sum(1 for s in spec.plan if s.what in ("keynote", "panel"))
    return (spec.talks - plenary * spec.days) // (spec.rooms * spec.days) - 1


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_busy_conference_room_day_is_one_page_with_every_talks_start(conference_day, paper):
    pages, warnings = door_sign_pages(conference_day, paper, "24h", True, "v1")
    busy = [r for r in conference_day.rooms if any(t.room == r.id
                                                    for t in conference_day.talks())]
    assert len(pages) == len(busy) and not warnings  # one day: one page per room
    for text in text_of(pages):
        talks = _room_talks(conference_day, text)
        assert len(talks) >= _fewest_talks_a_room_holds()
        for talk in talks:
            assert time_label(talk.start, "24h") in text


def test_no_word_on_a_conference_sign_is_below_the_floor(conference_day):
    pages, _ = door_sign_pages(conference_day, "a4", "24h", True, "v1")
    sizes = [i.size for p in pages for i in p.items if isinstance(i, Text)]
    assert sizes and min(sizes) >= MIN_SIZE


def test_the_version_stamp_is_written_in_the_events_language_and_time_zone():
    conf = _conference(1)
    stamp = datetime(2025, 5, 1, 8, 0, tzinfo=timezone.utc)
    german = replace(conf, event=replace(conf.event, language="de", timezone="Europe/Berlin"))
    pages, _ = door_sign_pages(german, "a4", "24h", True, stamp)
    assert "Stand des Programms: 1. Mai 2025, 10:00" in text_of(pages)[0]
    assert "Programm online" in text_of(pages)[0]
    pages, _ = door_sign_pages(conf, "a4", "12h", True, stamp)  # no zone: UTC, said
    assert "schedule as of 1 May 2025, 8:00 am UTC" in text_of(pages)[0]


def _lone_cut_lines(page) -> list[Text]:
    """The lines of ``page`` that end in "…" with no line of their item one leading above
    (a title cut to a single line)."""
    texts = [i for i in page.items if isinstance(i, Text)]
    return [t for t in texts if t.text.endswith("…") and not any(
        abs(o.x - t.x) < 0.1 and abs(o.baseline - t.baseline - t.size * ITEM_LEADING) < 0.5
        for o in texts)]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_busy_conference_room_day_keeps_two_lines_of_every_title(conference_day, paper):
    pages, warnings = door_sign_pages(conference_day, paper, "24h", True, "v1")
    assert not warnings
    for page in pages:
        assert not _lone_cut_lines(page)
        qr = next(i for i in page.items if isinstance(i, QR))  # top right, linked
        assert qr.y + qr.side > page.size[1] / 2
        assert [link.rect for link in page.items if isinstance(link, Link)] == \
            [(qr.x, qr.y, qr.x + qr.side, qr.y + qr.side)]


def test_a_condensed_talk_shows_its_start_and_its_session_its_span(conference_day):
    pages, _ = door_sign_pages(conference_day, "a4", "24h", True, "v1")
    text = text_of(pages)[0]
    lines = set(text.splitlines())
    talks = _room_talks(conference_day, text)
    session = next(s for s in conference_day.days[0].entries
                   if isinstance(s, Session) and talks[0] in s.items)
    assert span_label(session, "24h") in lines
    assert not {span_label(t, "24h") for t in talks} & lines
    assert {time_label(t.start, "24h") for t in talks} <= lines
