"""Tracks stay apart in grayscale and times read at 4.5:1, asserted on frames: when two
tracks' fills print as (nearly) one grey, every track gets a short tag, printed first in its
grid and handout cells and before its name in the legend; greys far enough apart need none;
every text run in every cell of the seed's and the conference's grids contrasts 4.5:1 or more
with its cell's fill."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import synthetic
from program.layout.frames import Box, Text
from program.layout.grid import GridStyle, layout_day
from program.layout.grid_frames import grid_items
from program.layout.handout import handout_pages
from program.layout.palette import (GREY_STEP, contrast, greys_apart, legend, lightness,
                                    schedule_tags, text_on)
from program.layout.paper import PAPERS
from program.model import Schedule
from program.sources.yaml_schedule import load, loads

SEED = Path(__file__).resolve().parents[2] / "data" / "mlsys-2019.yaml"
A5 = PAPERS["a5"]
WIDTH, HEIGHT = A5.size[0] - 2 * A5.margin, A5.size[1] - 2 * A5.margin - 60

# eight hues of about one lightness (L* 55 .. 62): one grey on a laser printer
SIMILAR = {"Systems": "#e07a5f", "Data": "#3d9970", "Vision": "#7f8fd0", "Theory": "#c08a2e",
           "Networks": "#4aa3a3", "Human Factors": "#b07cc6", "Robotics": "#8ea24a",
           "Security and Privacy": "#d4727d"}
# a dark and a light fill: two greys no one confuses
DISTINCT = {"Systems": "#1f4e79", "Data": "#f4d35e"}


def tracked(colors: dict[str, str], rooms: int = 4) -> Schedule:
    """A one-day schedule: one 30-minute talk per track, ``rooms`` rooms side by side."""
    lines = ["event:", "  title: Tracks", "  timezone: Europe/Berlin", "rooms:"]
    lines += [f"  - Room {r + 1}" for r in range(rooms)]
    lines += ["theme:", "  colors: " + json.dumps(colors), "days:", "  - date: 2024-05-06",
              "    items:"]
    for i, track in enumerate(colors):
        start = 9 * 60 + (i // rooms) * 30
        lines += [f"      - time: {start // 60}:{start % 60:02d}-{(start + 30) // 60}:"
                  f"{(start + 30) % 60:02d}",
                  f"        title: Talk {i + 1} on {track.lower()}",
                  f"        room: Room {i % rooms + 1}",
                  f"        track: {json.dumps(track)}",
                  "        kind: talk"]
    return loads("\n".join(lines) + "\n", "tracks.yaml")


def grid_pages(schedule: Schedule):
    style = GridStyle(colors=schedule.theme.colors, tags=tuple(schedule_tags(schedule).items()),
                      **dict(A5.grid))
    rooms = [r.id for r in schedule.rooms]
    names = {r.id: r.name for r in schedule.rooms}
    return [page for day in schedule.days
            for page in layout_day(day, rooms, names, WIDTH, HEIGHT, style).pages]


def cell_texts(items) -> list[tuple[Box, list[Text]]]:
    """Each filled cell box of a grid's items with the text lines set inside it."""
    boxes = [i for i in items if isinstance(i, Box) and i.fill and i.stroke == "#ffffff"]
    texts = [i for i in items if isinstance(i, Text)]
    return [(b, [t for t in texts if b.x <= t.x <= b.x + b.w and b.y <= t.baseline <= b.y + b.h])
            for b in boxes]


def test_eight_tracks_of_one_grey_get_tags_in_cells_and_legend():
    schedule = tracked(SIMILAR)
    assert not greys_apart(list(SIMILAR.values()))  # the premise: within GREY_STEP of L*
    tags = schedule_tags(schedule)
    assert set(tags) == set(SIMILAR) and len(set(tags.values())) == len(SIMILAR)
    assert tags["Human Factors"] == "HF" and tags["Security and Privacy"] == "SP"
    talks = {t.id: t for day in schedule.days for t in day.talks()}
    (page,) = grid_pages(schedule)
    assert len(page.cells) == len(talks)
    for cell in page.cells:
        assert cell.text.text().startswith(tags[talks[cell.talk_id].track] + " ")
    entries = legend(list(talks.values()), dict(schedule.theme.colors), tags=tags)
    assert sorted(label for _, label in entries) == sorted(f"{tags[t]} · {t}" for t in SIMILAR)


def test_the_handout_prints_the_tags_in_cells_and_legend():
    schedule = tracked(SIMILAR)
    tags = schedule_tags(schedule)
    (page,), _ = handout_pages(schedule, "a4", "24h", False)
    lines = [i.text for i in page.items if isinstance(i, Text)]
    for track, tag in tags.items():
        assert f"{tag} · {track}" in lines  # the legend
        assert any(line.startswith(tag + " ") and "9:" in line for line in lines)  # a cell


def test_two_tracks_in_distinct_greys_get_no_tags():
    schedule = tracked(DISTINCT, rooms=2)
    dark, light = sorted(lightness(c) for c in DISTINCT.values())
    assert light - dark >= GREY_STEP
    assert schedule_tags(schedule) == {}
    (page,) = grid_pages(schedule)
    assert all(cell.text.text()[:1].isdigit() for cell in page.cells)  # the time leads


def test_two_tracks_sharing_a_fill_get_tags():
    schedule = tracked({"Systems": "#1f4e79", "Data": "#1f4e79"}, rooms=2)
    assert schedule_tags(schedule) == {"Systems": "S", "Data": "D"}


@pytest.mark.parametrize("fill", ["#777777", "#7f7f7f", "#808080", "#888888", "#6c757d"])
def test_mid_grey_fills_get_an_ink_that_reads_at_4_5(fill):
    assert contrast(text_on(fill), fill) >= 4.5


@pytest.mark.parametrize("name", ["seed", "conference"])
def test_every_run_in_every_cell_reads_at_4_5_to_1(name):
    schedule = load(SEED) if name == "seed" else loads(synthetic.generate(name), "c.yaml")
    checked = 0
    for page in grid_pages(schedule):
        cells = cell_texts(grid_items(page, 0, HEIGHT))
        assert len(cells) == sum(not c.marker for c in page.cells)
        for box, lines in cells:
            assert lines, box  # every cell has its text (its time at least)
            for line in lines:
                for _, _, ink in line.runs:
                    assert contrast(ink, box.fill) >= 4.5, (ink, box.fill, line.text)
                    checked += 1
    assert checked > len(list(schedule.days[0].talks()))
