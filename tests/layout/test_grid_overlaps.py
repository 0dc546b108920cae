"""Items that overlap in one room (a warning, not an error): in the at-a-glance grid they share
the room's column side by side, each marked as overlapping (an edge in OVERLAP, explained in
the legend), and no text is drawn over other text, in the booklet grid, the handout and the
cards. Asserted on the laid-out data (frames), no PDF."""
from __future__ import annotations

from itertools import combinations

import pytest

from program.fonts import width as text_width
from program.layout.card_frames import card_pages
from program.layout.frames import Box, Place, Text
from program.layout.grid import GridStyle, layout_day
from program.layout.grid_frames import grid_items
from program.layout.handout import handout_pages
from program.layout.overlap import OVERLAP, OVERLAP_LABEL, overlapping
from program.layout.palette import legend
from program.prepare import checked
from program.sources.yaml_schedule import loads

# A reception with pitches during it (planned overlaps, as real programmes have them), one of
# them overlapping two others, beside a normal room; a plenary opening before.
RECEPTION = """\
event: {title: Summit}
rooms: [{id: hall, name: Main hall}, {id: lab, name: Lab}]
days:
  - date: 2024-06-03
    items:
      - {time: "17:00-18:00", title: Opening keynote on the future of the field, kind: keynote}
      - {time: "18:00-20:00", title: Reception with drinks, room: hall, kind: meal}
      - {time: "18:30-18:50", title: Pitch one about robots, room: hall, kind: lightning,
         speakers: [Ana Ruiz]}
      - {time: "18:40-19:10", title: Pitch two about compilers and more, room: hall,
         kind: lightning, speakers: [Bo Li]}
      - {time: "18:50-19:00", title: Pitch three, room: hall, kind: lightning}
      - {time: "18:00-19:00", title: Workshop in the lab, room: lab, kind: workshop}
      - {time: "19:00-20:00", title: Demos, room: lab, kind: talk}
"""
OVERLAPPING = {"Reception with drinks", "Pitch one about robots",
               "Pitch two about compilers and more", "Pitch three"}


@pytest.fixture(scope="module")
def schedule():
    return checked(loads(RECEPTION, "summit.yaml"))[0]


def _grid(schedule, width=400.0, height=500.0):
    day = schedule.days[0]
    return layout_day(day, [r.id for r in schedule.rooms], {r.id: r.name for r in schedule.rooms},
                      width, height, GridStyle())


def _runs(items):
    """Every Text item's box (x0, y0, x1, y1): its width from the fonts, ascent and descent."""
    out = []
    for item in items:
        if isinstance(item, Text) and item.text.strip():
            w = sum(text_width(text, font, item.size) for text, font, _ in item.runs)
            out.append((item.text, (item.x, item.baseline - 0.22 * item.size, item.x + w,
                                    item.baseline + 0.75 * item.size)))
    return out


def _apart(a, b, slack=0.05) -> bool:
    return a[2] <= b[0] + slack or b[2] <= a[0] + slack or a[3] <= b[1] + slack \
        or b[3] <= a[1] + slack


def _no_text_over_text(items):
    runs = _runs(items)
    clashes = [(s, t) for (s, a), (t, b) in combinations(runs, 2) if not _apart(a, b)]
    assert clashes == []
    return runs


def test_an_overlap_in_one_room_is_a_warning_not_an_error():
    _, problems = checked(loads(RECEPTION, "summit.yaml"))
    assert [p for p in problems if p.severity == "error"] == []
    overlaps = [p for p in problems if "overlaps" in p.message]
    assert overlaps and all(p.severity == "warning" and "side by side" in p.message
                            for p in overlaps)
    assert {p.where.line for p in overlaps} == {8, 10, 12}  # each pitch, at its line


def test_overlapping_ids_are_the_items_that_share_time_in_their_room(schedule):
    titles = {t.id: t.title for t in schedule.talks()}
    assert {titles[i] for i in overlapping(schedule.talks())} == OVERLAPPING


def test_overlapping_items_share_the_column_in_lanes_each_marked(schedule):
    (page,) = _grid(schedule).pages
    hall = next(c for c in page.columns if c.name == "Main hall")
    cells = {c.title: c for c in page.cells}
    assert {t for t, c in cells.items() if c.overlapping} == OVERLAPPING
    in_hall = [cells[t] for t in OVERLAPPING]
    for cell in in_hall:  # inside the room's column, narrower than it
        assert hall.x <= cell.x and cell.x + cell.w <= hall.x + hall.w + 1e-6
        assert cell.w < hall.w / 2
    for a, b in combinations(in_hall, 2):  # never drawn on top of each other
        assert _apart((a.x, a.y, a.x + a.w, a.y + a.h), (b.x, b.y, b.x + b.w, b.y + b.h), 0)
    assert not cells["Workshop in the lab"].overlapping and not cells["Demos"].overlapping


def test_the_mark_is_an_edge_in_the_overlap_colour_and_the_legend_says_so(schedule):
    (page,) = _grid(schedule).pages
    items = grid_items(page, 20.0, 550.0)
    edges = [i for i in items if isinstance(i, Box) and i.fill == OVERLAP]
    assert len(edges) == len(OVERLAPPING)
    for cell in (c for c in page.cells if c.overlapping):
        x, bottom = 20.0 + cell.x, 550.0 - cell.y - cell.h
        assert any(abs(e.x - x) < 1e-6 and abs(e.y - bottom) < 1e-6 and e.w < page.pad
                   and abs(e.h - cell.h) < 1e-6 for e in edges)
    assert (OVERLAP, OVERLAP_LABEL) in legend(list(schedule.days[0].talks()), {})
    calm = [t for t in schedule.days[0].talks() if t.room != "hall"]  # none overlap
    assert (OVERLAP, OVERLAP_LABEL) not in legend(calm, {})


@pytest.mark.parametrize("width,height", [(400.0, 500.0), (300.0, 380.0), (220.0, 700.0)])
def test_no_two_text_runs_overlap_in_a_grid_with_overlaps(schedule, width, height):
    for page in _grid(schedule, width, height).pages:
        runs = _no_text_over_text(grid_items(page, 20.0, height + 40.0))
        assert any("Pitch" in text for text, _ in runs) or page.part > 1


def test_the_handout_and_the_cards_do_not_overprint(schedule):
    for page in handout_pages(schedule, "a5", "24h", False)[0]:
        _no_text_over_text(page.items)
    sheets, singles, _ = card_pages(schedule, "4x6in", "a5", "24h", False, 0.0)
    for single in singles:
        forms = [i.form for i in single.items if isinstance(i, Place)]
        for items in [single.items, *(f.items for f in forms)]:
            _no_text_over_text(items)
