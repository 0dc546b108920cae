"""Print quality of the at-a-glance grid, asserted on its frames at seed, conference and mega
sizes: a day fits a page when it can be read there (long breaks compressed), continued pages
are balanced, every item keeps its time, no text leaves its cell, no cells overlap, the axis
labels have one style, a zero-minute item is a marker, rooms are split into even groups."""
from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from bench import synthetic
from program.layout.frames import Text
from program.layout.grid import (GridStyle, layout_day, room_groups, span_label, summary,
                                 time_label)
from program.layout.grid_frames import grid_items
from program.layout.palette import DEFAULT_FILLS, contrast, muted_on, text_on
from program.layout.paper import PAPERS
from program.model import Day, Kind, Schedule, Talk

from program.sources.yaml_schedule import load, loads

SEED = Path(__file__).resolve().parents[2] / "data" / "mlsys-2019.yaml"
A5 = PAPERS["a5"]
# the booklet's grid box on A5: the text frame less the title line and a two-line legend
WIDTH = A5.size[0] - 2 * A5.margin
HEIGHT = A5.size[1] - 2 * A5.margin - A5.text_size * 3 - A5.text_size * 2.2 - 2 * 7 * 1.6


@pytest.fixture(scope="module")
def schedules() -> dict[str, Schedule]:
    out = {"seed": load(SEED)}
    for size in ("conference", "mega"):
        out[size] = loads(synthetic.generate(size), f"{size}.yaml")
    return out


def grids(schedule: Schedule, clock: str = "24h", days: int = 2):
    style = GridStyle(clock=clock, colors=schedule.theme.colors, **dict(A5.grid))
    rooms = [r.id for r in schedule.rooms]
    names = {r.id: r.name for r in schedule.rooms}
    return [(day, layout_day(day, rooms, names, WIDTH, HEIGHT, style))
            for day in schedule.days[:days]]


def test_the_seeds_day_is_on_one_page_with_its_long_breaks_compressed(schedules):
    ((day, grid),) = grids(schedules["seed"], "12h")
    (page,) = grid.pages
    assert page.height <= HEIGHT + 1e-6
    assert page.breaks  # lunch and the long breaks are drawn shorter, with a mark
    assert {c.talk_id for c in page.cells} == {t.id for t in day.talks()}


@pytest.mark.parametrize("size", ["seed", "conference", "mega"])
def test_every_item_keeps_its_time_and_its_text_stays_in_its_cell(schedules, size):
    for day, grid in grids(schedules[size]):
        shown: dict[str, str] = {}
        for page in grid.pages:
            assert page.height <= HEIGHT + 1e-6
            for cell in page.cells:
                shown[cell.talk_id] = shown.get(cell.talk_id, "") + cell.text.text()
                if cell.marker:
                    continue
                assert cell.text.height <= cell.h - 2 * page.pad + 1e-6, cell.title
                assert all(line.width <= cell.w - 2 * page.pad + 1e-6 for line in cell.text.lines)
        for talk in day.talks():  # its span, or (a one-line cell) its start
            assert time_label(talk.start, "24h") in shown[talk.id].replace("\n", ""), talk.title


@pytest.mark.parametrize("size", ["conference", "mega"])
def test_no_two_cells_overlap_and_one_size_a_page(schedules, size):
    for _, grid in grids(schedules[size]):
        for page in grid.pages:
            boxes = sorted((c.y, c.x, c.y + c.h, c.x + c.w) for c in page.cells)
            for i, (y0, x0, y1, x1) in enumerate(boxes):
                for (v0, u0, v1, u1) in boxes[i + 1:]:
                    if v0 >= y1 - 1e-6:
                        break
                    assert u0 >= x1 - 1e-6 or u1 <= x0 + 1e-6
            assert len({c.text.size for c in page.cells if c.text.lines}) == 1


@pytest.mark.parametrize("size", ["conference", "mega"])
def test_continued_pages_are_balanced_and_none_holds_only_a_closing(schedules, size):
    for _, grid in grids(schedules[size]):
        heights = [p.height - p.header_height for p in grid.pages]
        for page in grid.pages:
            assert len({c.talk_id for c in page.cells}) > 1
        if len(heights) > 1:
            assert min(heights) >= max(heights) / 3


def test_many_rooms_are_split_into_even_groups(schedules):
    for _, grid in grids(schedules["conference"]):  # 6 rooms: 3 + 3, not 5 + 1
        counts = {p.group: len(p.columns) for p in grid.pages}
        assert max(counts.values()) - min(counts.values()) <= 1
    assert [len(g) for g in room_groups(list(range(6)), 5)] == [3, 3]
    assert [len(g) for g in room_groups(list(range(12)), 5)] == [4, 4, 4]
    assert [len(g) for g in room_groups(list(range(12)), 5, tight=6)] == [6, 6]  # a spread
    assert [len(g) for g in room_groups(list(range(30)), 5)] == [5] * 6


def test_axis_labels_have_one_style_and_the_first_carries_am_pm(schedules):
    for clock, pattern in (("24h", r"\d{1,2}:\d\d"), ("12h", r"\d{1,2}:\d\d( am| pm)?")):
        for _, grid in grids(schedules["conference"], clock):
            for page in grid.pages:
                labels = [t.label for t in page.ticks]
                assert all(re.fullmatch(pattern, label) for label in labels), labels
                if clock == "12h":
                    assert labels[0].endswith(("am", "pm"))
                # drawn labels never overprint one another
                ys = [t.y for t in page.ticks]
                assert all(b - a >= 7.0 for a, b in zip(ys, ys[1:]))


def test_a_zero_minute_item_is_a_marker_line_with_its_title():
    at = lambda h, m: datetime(2024, 5, 6, h, m)  # noqa: E731
    day = Day(date(2024, 5, 6), (
        Talk(id="a", title="Morning", kind=Kind.TALK, start=at(9, 0), end=at(12, 0), room="A"),
        Talk(id="photo", title="Group photo", kind=Kind.OTHER, start=at(12, 0), end=at(12, 0),
             room=None),
        Talk(id="b", title="Afternoon", kind=Kind.TALK, start=at(13, 0), end=at(15, 0), room="A")))
    (page,) = layout_day(day, ["A"], {}, 300, 500, GridStyle()).pages
    photo = next(c for c in page.cells if c.talk_id == "photo")
    assert photo.marker and "12:00 " in photo.text.text() and "12:00–12:00" not in photo.text.text()
    assert "Group photo" in photo.text.text()


def test_times_in_cells_have_at_least_4_5_to_1_contrast(schedules):
    fills = set(DEFAULT_FILLS.values()) | set(dict(schedules["conference"].theme.colors).values())
    for fill in fills:
        assert contrast(muted_on(fill, text_on(fill)), fill) >= 4.5, fill
    for _, grid in grids(schedules["conference"], days=1):
        for item in grid_items(grid.pages[0], 0, HEIGHT):
            if isinstance(item, Text):
                assert item.size >= 7.0  # nothing on a grid under 7 pt


def test_shortened_cells_are_said_once_a_day(schedules):
    for _, grid in grids(schedules["conference"], days=1):
        lines = summary(grid.abbreviations, "24h")
        assert len(lines) <= 2 and len(grid.abbreviations) > 2
        assert f"{sum(not a.talk_id.startswith('room:') for a in grid.abbreviations)} cells" \
            in lines[0]


def test_time_labels_in_12_hour_mode():
    assert time_label(datetime(2024, 5, 6, 13, 30), "12h") == "1:30"


def test_narrow_columns_hyphenate_by_the_events_language():
    from program.layout.textfit import SOFT_HYPHEN, Block, Span, fit

    word = [Block((Span("Marketplace", "NotoSans-Bold"),))]
    english = fit(word, 30, 100, 7, 7, lang="en").text().split("\n")
    assert english[0].endswith(SOFT_HYPHEN) and "".join(english).replace(SOFT_HYPHEN, "") == \
        "Marketplace"
    assert english[0] == "Market" + SOFT_HYPHEN  # a dictionary point, not "Marketp" / "lace"
    unknown = fit(word, 30, 100, 7, 7, lang="").text()
    assert SOFT_HYPHEN not in unknown  # no dictionary: cut between characters, as before
