"""The synthetic schedules of bench.synthetic: deterministic, the promised sizes, valid.

Workshop and conference go through the real loader and ``program check``; mega (3,000 talks)
is read with PyYAML's C loader only, to keep the suite fast: its figures come from the text.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from bench import synthetic
from program.checks import ERROR, check
from program.cli import main as cli_main
from program.model import Schedule, Session
from program.sources.transform import fill_talk_urls
from program.sources.yaml_schedule import loads

SEED = Path(__file__).resolve().parent.parent.parent / "data" / "mlsys-2019.yaml"


@pytest.fixture(scope="module")
def loaded() -> dict[str, Schedule]:
    """Workshop and conference, generated and loaded once for the module."""
    return {size: loads(synthetic.generate(size), f"{size}.yaml")
            for size in ("workshop", "conference")}


@pytest.fixture(scope="module")
def mega_data() -> dict:
    """The mega schedule as plain data (C loader; all scalars as PyYAML reads them)."""
    return yaml.load(synthetic.generate("mega"), Loader=yaml.CSafeLoader)


def test_same_size_and_seed_give_the_same_text():
    assert synthetic.generate("workshop") == synthetic.generate("workshop")
    assert synthetic.generate("conference", seed=7) == synthetic.generate("conference", seed=7)


def test_another_seed_gives_another_schedule():
    assert synthetic.generate("workshop", seed=1) != synthetic.generate("workshop", seed=2)


def test_unknown_size_is_a_value_error():
    with pytest.raises(ValueError, match="unknown size"):
        synthetic.generate("huge")


@pytest.mark.parametrize("size", ["workshop", "conference"])
def test_counts_of_talks_rooms_and_days(loaded, size):
    spec = synthetic.SIZES[size]
    schedule = loaded[size]
    talks = [t for t in schedule.talks() if t.kind.is_talk]
    assert len(talks) == spec.talks
    assert len(schedule.rooms) == spec.rooms
    assert len(schedule.days) == spec.days
    assert all(t.url for t in fill_talk_urls(schedule).talks() if t.kind.is_talk)  # printed


def test_sizes_are_as_the_issue_describes():
    sizes = synthetic.SIZES
    assert (sizes["workshop"].talks, sizes["workshop"].rooms, sizes["workshop"].days) == (25, 1, 1)
    assert (sizes["conference"].talks, sizes["conference"].rooms,
            sizes["conference"].days) == (600, 6, 3)
    assert (sizes["mega"].talks, sizes["mega"].rooms, sizes["mega"].days) == (3000, 12, 5)


@pytest.mark.parametrize("size", ["workshop", "conference"])
def test_no_check_errors(loaded, size):
    errors = [p for p in check(loaded[size]) if p.severity == ERROR]
    assert errors == []


def test_program_check_accepts_the_workshop(tmp_path):
    path = synthetic.write("workshop", tmp_path / "workshop.yaml")
    assert cli_main(["check", str(path)]) == 0


@pytest.mark.parametrize("size", ["workshop", "conference"])
def test_no_overlaps_within_a_room_and_talks_inside_sessions(loaded, size):
    schedule = loaded[size]
    room_ids = [r.id for r in schedule.rooms]
    for day in schedule.days:
        by_room: dict[str | None, list] = defaultdict(list)
        for talk in day.talks():
            for room in ([talk.room] if talk.room else room_ids):
                by_room[room].append(talk)
        for room, talks in by_room.items():
            talks.sort(key=lambda t: t.start)
            for a, b in zip(talks, talks[1:]):
                assert a.end <= b.start, f"{a.title!r} overlaps {b.title!r} in {room}"
        for session in day.sessions():
            for talk in session.items:
                assert session.start <= talk.start < talk.end <= session.end


def test_plenary_items_span_all_rooms_in_the_conference(loaded):
    day = loaded["conference"].days[0]
    plenary = [e for e in day.entries if e.room is None]
    assert {e.kind.value for e in plenary if not isinstance(e, Session)} >= {"break", "meal"}
    assert any(isinstance(e, Session) and e.items[0].kind.value == "keynote" for e in plenary)


def test_some_talks_have_implied_times_and_some_titles_are_long(loaded):
    talks = [t for t in loaded["conference"].talks() if t.kind.is_talk]
    assert any(t.times_implied for t in talks)
    assert any(len(t.title) > 90 for t in talks)
    assert any(len(t.title) < 25 for t in talks)


def test_names_are_non_ascii_latin_but_not_cjk():
    text = synthetic.generate("conference")
    for letter in "éłø":
        assert letter in text
    assert not re.search(r"[\u3000-\u9fff\uac00-\ud7af]", text)


def _mega_talks(data: dict) -> list[dict]:
    talks = []
    for day in data["days"]:
        for entry in day["items"]:
            if "session" in entry:
                talks += entry["talks"]
            elif entry.get("kind") == "panel":
                talks.append(entry)
    return talks


def test_mega_counts_and_talk_details(mega_data):
    talks = _mega_talks(mega_data)
    assert len(talks) == 3000
    assert len(mega_data["rooms"]) == 12
    assert len(mega_data["days"]) == 5
    for talk in talks:
        assert 60 <= len(talk["abstract"].split()) <= 150
        speakers = talk["speakers"] if isinstance(talk["speakers"], list) else [talk["speakers"]]
        assert 1 <= len(speakers) <= 4
        for s in speakers:
            assert (s.get("affiliation") if isinstance(s, dict) else "," in s)
        assert talk["url"].startswith("https://")
    assert len({t["url"] for t in talks}) == 3000


def test_edit_one_talk_changes_one_title_only():
    text = synthetic.generate("workshop")
    edited = synthetic.edit_one_talk(text)
    before, after = text.split("\n"), edited.split("\n")
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and len(changed) == 1
    old, new = changed[0]
    assert "title:" in old and new == old[:-1] + ' (revised)"'
    titles = {t.title for t in loads(edited).talks()} - {t.title for t in loads(text).talks()}
    assert len(titles) == 1 and titles.pop().endswith("(revised)")


def test_edit_one_talk_works_on_the_seed():
    text = SEED.read_text(encoding="utf-8")
    edited = synthetic.edit_one_talk(text)
    new = {t.title for t in loads(edited).talks()} - {t.title for t in loads(text).talks()}
    assert len(new) == 1
