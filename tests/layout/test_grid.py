"""Grid geometry: proportional heights, spans, side-by-side overlaps, continuation pages."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from program.layout.grid import GridStyle, layout_day
from program.layout.textfit import Block, Span, fit
from program.model import Day, Kind, Person, Session, Talk

D = date(2024, 5, 6)


def at(hhmm: str) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return datetime(2024, 5, 6, h, m)


def talk(ident: str, start: str, end: str, room: str | None = "A", title: str | None = None,
         kind: Kind = Kind.TALK, speakers: tuple[Person, ...] = ()) -> Talk:
    return Talk(id=ident, title=title or f"Talk {ident}", kind=kind, start=at(start), end=at(end),
                room=room, speakers=speakers)


def cells_by_id(page):
    return {c.talk_id: c for c in page.cells}


STYLE = GridStyle(min_column_width=60)


def test_heights_are_proportional_to_duration():
    day = Day(D, (talk("a", "9:00", "9:10"), talk("b", "9:10", "9:40"), talk("c", "9:40", "10:40")))
    grid = layout_day(day, ["A"], {"A": "Hall A"}, 300, 800, STYLE)
    (page,) = grid.pages
    c = cells_by_id(page)
    gap = 2 * STYLE.gap
    assert (c["b"].h + gap) == pytest.approx(3 * (c["a"].h + gap))
    assert (c["c"].h + gap) == pytest.approx(6 * (c["a"].h + gap))
    assert c["b"].y == pytest.approx(c["a"].y + c["a"].h + gap)


def test_shortest_item_keeps_a_readable_minimum():
    day = Day(D, (talk("a", "9:00", "9:05"), talk("b", "9:05", "17:00")))
    grid = layout_day(day, ["A"], {}, 300, 400, STYLE)
    first = cells_by_id(grid.pages[0])["a"]
    assert first.h + 2 * STYLE.gap >= STYLE.shortest_cell - 1e-6
    assert len(grid.pages) > 1  # the long day no longer fits one page at that scale


def test_plenary_items_span_every_column():
    day = Day(D, (talk("k", "9:00", "10:00", room=None, kind=Kind.KEYNOTE),
                  talk("a", "10:00", "11:00", "A"), talk("b", "10:00", "11:00", "B"),
                  talk("c", "10:00", "11:00", "C")))
    (page,) = layout_day(day, ["A", "B", "C"], {}, 400, 600, STYLE).pages
    c = cells_by_id(page)
    assert c["k"].x == pytest.approx(c["a"].x)
    assert c["k"].x + c["k"].w == pytest.approx(c["c"].x + c["c"].w)
    assert c["a"].w == pytest.approx(c["b"].w) and c["b"].x > c["a"].x + c["a"].w
    assert [col.name for col in page.columns] == ["A", "B", "C"]


def test_overlaps_in_one_room_share_the_column_side_by_side():
    day = Day(D, (talk("x", "9:00", "10:00"), talk("y", "9:30", "10:30"), talk("z", "10:30", "11:00"),
                  talk("o", "9:00", "11:00", "B")))
    (page,) = layout_day(day, ["A", "B"], {}, 400, 600, STYLE).pages
    c = cells_by_id(page)
    assert c["x"].w == pytest.approx(c["y"].w)
    assert c["y"].x == pytest.approx(c["x"].x + c["x"].w + 2 * STYLE.gap)
    assert c["x"].w < c["o"].w / 1.5
    assert c["z"].w == pytest.approx(c["o"].w)  # after the overlap the column is whole again


def test_long_day_continues_with_the_time_axis_repeated():
    talks = tuple(talk(f"t{i}", f"{8 + i}:00", f"{8 + i}:50") for i in range(12)) + (
        talk("short", "20:00", "20:05"),)
    grid = layout_day(Day(D, talks), ["A"], {}, 300, 300, STYLE)
    assert len(grid.pages) >= 2
    for page in grid.pages:
        assert page.ticks and page.ticks[0].y >= page.header_height
        assert page.height <= 300 + 1e-6
    assert grid.pages[0].end == grid.pages[1].start
    seen = [c.talk_id for p in grid.pages for c in p.cells]
    assert sorted(set(seen)) == sorted(t.id for t in talks)
    assert (grid.pages[0].part, grid.pages[-1].parts) == (1, len(grid.pages))


def test_pages_break_between_sessions_when_they_can():
    s1 = Session("s1", "Morning", at("9:00"), at("12:00"),
                 tuple(talk(f"m{i}", f"{9 + i}:00", f"{10 + i}:00") for i in range(3)), room="A")
    s2 = Session("s2", "Afternoon", at("13:00"), at("16:00"),
                 tuple(talk(f"a{i}", f"{13 + i}:00", f"{14 + i}:00") for i in range(3)), room="A")
    day = Day(D, (s1, talk("l", "12:00", "13:00", room="A", kind=Kind.MEAL), s2))
    # the shortest item (60 min) must be 40 pt tall: 300 minutes fit a page, the day has 420
    style = GridStyle(min_column_width=60, min_cell_height=40)
    grid = layout_day(day, ["A"], {}, 300, 14 + 300 * 40 / 60, style)
    assert len(grid.pages) == 2
    assert grid.pages[0].end == at("13:00")  # after lunch, not inside a session


def test_a_cut_inside_an_item_marks_it_continued():
    day = Day(D, (talk("long", "9:00", "17:00"), talk("short", "9:00", "9:05", "B")))
    grid = layout_day(day, ["A", "B"], {}, 300, 300, STYLE)
    parts = [cells_by_id(p).get("long") for p in grid.pages]
    assert parts[0].continued_below and not parts[0].continued_above
    assert parts[-1].continued_above and not parts[-1].continued_below


def test_more_rooms_than_fit_continue_with_headers_repeated():
    rooms = [f"R{i}" for i in range(9)]
    day = Day(D, tuple(talk(f"t{i}", "9:00", "10:00", room=r) for i, r in enumerate(rooms))
              + (talk("lunch", "10:00", "11:00", room=None, kind=Kind.MEAL),))
    grid = layout_day(day, rooms, {}, 300, 500, GridStyle(min_column_width=60))
    # 4 fit a page, 5 slightly narrower: 5 + 4 on facing pages, not 4 + 4 + 1
    assert len(grid.pages) == 2
    assert [len(p.columns) for p in grid.pages] == [5, 4]
    assert [c.name for p in grid.pages for c in p.columns] == rooms
    assert all("lunch" in cells_by_id(p) for p in grid.pages)  # plenary repeated


def test_text_is_fitted_and_abbreviations_reported():
    long_title = "A very long title " * 12
    day = Day(D, (talk("t", "9:00", "9:10", title=long_title,
                       speakers=(Person("Ada Lovelace"),)),
                  talk("u", "9:10", "18:00", title="Short")))
    grid = layout_day(day, ["A"], {}, 200, 600, STYLE)
    c = cells_by_id(grid.pages[0])
    assert c["t"].text.abbreviated and c["t"].text.text().endswith("…")
    assert [a.talk_id for a in grid.abbreviations] == ["t"]
    assert not c["u"].text.abbreviated
    for cell in grid.pages[0].cells:
        assert cell.text.height <= cell.h - 2 * STYLE.pad + 1e-6
        assert all(line.width <= cell.w - 2 * STYLE.pad + 1e-6 for line in cell.text.lines)


def test_fit_wraps_then_shrinks_then_drops_then_abbreviates():
    title = Block((Span("Deep learning for everyone", "NotoSans-Bold"),))
    who = Block((Span("Ada Lovelace", "NotoSans"),), optional=True)
    roomy = fit([title, who], 200, 100, 9, 6)
    assert roomy.size == 9 and len(roomy.lines) == 2 and not roomy.abbreviated
    wrapped = fit([title, who], 70, 100, 9, 6)
    assert wrapped.size == 9 and len(wrapped.lines) >= 3
    shrunk = fit([title, who], 120, 15.6, 9, 6)
    assert shrunk.size < 9 and shrunk.dropped == 0
    dropped = fit([title, who], 110, 9, 9, 6)
    assert dropped.dropped == 1 and not dropped.abbreviated
    cut = fit([title, who], 40, 8, 9, 6)
    assert cut.abbreviated and cut.text().endswith("…") and cut.size == 6


@pytest.mark.parametrize("one_page", [False, True])
def test_a_zero_minute_item_after_a_long_gap_keeps_its_line(one_page):
    """An empty stretch before a zero-minute item is squeezed, but not the item's own line:
    squeezed with it, its marker and title were drawn into the next talk's cell."""
    from dataclasses import replace

    day = Day(D, (talk("a", "9:00", "9:10"), talk("m", "11:30", "11:30", title="Photo"),
                  talk("b", "12:00", "12:10"), talk("c", "12:10", "18:00")))
    grid = layout_day(day, ["A"], {}, 300, 200, replace(STYLE, one_page=one_page))
    cells = {c.talk_id: c for page in grid.pages for c in page.cells}
    marker, after = cells["m"], cells["b"]
    assert marker.marker
    side_by_side = marker.x + marker.w <= after.x + 1e-6 or after.x + after.w <= marker.x + 1e-6
    assert side_by_side or marker.y + marker.h <= after.y + 1e-6
