"""The handout laid out as frames (program.layout.handout): asserted on the data, no PDF."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from program import qr
from program.layout.frames import QR, Box, Link, Role, Rule, Text, text_of
from program.layout.handout import handout_pages
from program.sources.yaml_schedule import load

from conftest import DATA, ROOT
from pdftools import normalized


@pytest.fixture(scope="module")
def seed():
    return load(DATA)


@pytest.fixture(scope="module")
def laid_out(seed):
    return handout_pages(seed, "a5", "24h", True)


def _inside(item, size) -> bool:
    w, h = size
    if isinstance(item, (Box, QR)):
        side = (item.w, item.h) if isinstance(item, Box) else (item.side, item.side)
        return 0 <= item.x and item.x + side[0] <= w and 0 <= item.y and item.y + side[1] <= h
    if isinstance(item, Rule):
        return all(0 <= x <= w for x in (item.x0, item.x1)) and all(0 <= y <= h for y in (item.y0, item.y1))
    if isinstance(item, Text):
        return 0 <= item.x <= w and 0 <= item.baseline <= h
    return True


def test_a_page_per_day_with_every_talk_and_the_event(seed, laid_out):
    pages, warnings = laid_out
    assert len(pages) == len(seed.days) and warnings == ()
    for day, text in zip(seed.days, text_of(pages)):
        flat = normalized(text)  # (lines broken after a hyphen join as the word)
        assert normalized(seed.event.title) in flat and seed.event.venue in flat
        for talk in day.talks():
            assert normalized(talk.title) in flat, talk.title


def test_every_item_is_on_its_page_and_text_is_seven_points_or_more(laid_out):
    for page in laid_out[0]:
        assert all(_inside(item, page.size) for item in page.items)
        assert min(i.size for i in page.items if isinstance(i, Text)) >= 7.0


def test_the_qr_code_is_the_events_url_as_a_matrix_with_its_link(seed, laid_out):
    for page in laid_out[0]:
        (code,) = [i for i in page.items if isinstance(i, QR)]
        assert code.alt == f"QR code: link to {seed.event.title}" and code.role is Role.FIGURE
        assert code.rows == qr.qr_matrix(seed.event.url).rows
        links = [i for i in page.items if isinstance(i, Link)]
        assert [link.url for link in links] == [seed.event.url]
        assert links[0].rect == (code.x, code.y, code.x + code.side, code.y + code.side)


def test_roles(laid_out):
    page = laid_out[0][0]
    texts = [i for i in page.items if isinstance(i, Text)]
    assert texts[0].role is Role.HEADING
    assert any(t.role is Role.TABLE_CELL for t in texts)
    assert all(i.role is Role.ARTIFACT for i in page.items if isinstance(i, (Rule, Box)))


def test_without_qr_there_is_no_code_and_no_link(seed):
    pages, _ = handout_pages(seed, "a5", "24h", False)
    assert not [i for p in pages for i in p.items if isinstance(i, (QR, Link))]


def test_layout_is_pure_data(seed, laid_out):
    again = handout_pages(seed, "a5", "24h", True)
    assert again == laid_out  # frozen values, equal field by field
    hash(again)


def test_layout_modules_import_nothing_from_reportlab():
    for path in sorted((ROOT / "program" / "layout").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not [n for n in names if n.split(".")[0] == "reportlab"], path.name


def test_a_day_of_many_rooms_prints_per_room_group():
    """30 rooms on one handout page are 30 unreadable columns: one page per group."""
    from datetime import date, datetime

    from program.layout.handout import HANDOUT_MIN_COLUMN, handout_pages
    from program.model import Day, Event, Kind, Room, Schedule, Talk

    at = lambda h, m: datetime(2020, 2, 1, h, m)  # noqa: E731
    rooms = tuple(Room(f"r{i}", f"Room {i}") for i in range(30))
    talks = tuple(Talk(id=f"t{i}-{h}", title=f"Talk {i} at {h}", kind=Kind.TALK, start=at(h, 0),
                       end=at(h, 50), room=f"r{i}") for i in range(30) for h in range(9, 12))
    opening = Talk(id="open", title="Opening", kind=Kind.REMARKS, start=at(8, 30),
                   end=at(9, 0), room=None)
    schedule = Schedule(event=Event(title="Many rooms", start_date=date(2020, 2, 1),
                                    end_date=date(2020, 2, 1)),
                        days=(Day(date(2020, 2, 1), (opening,) + talks),), rooms=rooms)
    pages, _ = handout_pages(schedule, "a4", "24h", False)
    assert len(pages) > 1
    seen = []
    for page in pages:
        text = "\n".join(i.text for i in page.items if isinstance(i, Text))
        assert "Opening" in text  # the items for everyone on every part
        assert f"(rooms {pages.index(page) + 1}/{len(pages)})" in text
        seen += [t.title for t in talks if t.title in normalized(text)]
    assert sorted(seen) == sorted(t.title for t in talks)  # each room on exactly one part
    assert HANDOUT_MIN_COLUMN >= 60
