"""Poster sessions: board numbers read from YAML (given or assigned in order, prefixed by the
session's ``boards``), written back by ``program import``, and a sign per board."""
from __future__ import annotations

from program.export_yaml import dump
from program.layout.frames import QR, text_of
from program.layout.poster_boards import board_key, poster_board_pages, posters
from program.sources.yaml_schedule import loads

YAML = """\
event:
  title: Posters Workshop
  url: https://example.org/
days:
  - date: 2025-05-06
    items:
      - time: 09:00-09:30
        title: Opening
      - session: Poster session A
        time: 15:00-16:30
        kind: poster
        boards: A
        talks:
          - title: Sparse attention on a budget
            speakers: ["Ada Lovelace, Analytical Engines", "Alan Turing, Bletchley Park"]
            url: https://example.org/posters/sparse
          - title: Quantized training in the wild
            board: "A10"
            speakers: "Grace Hopper, US Navy"
          - title: A third poster
            speakers: "Katherine Johnson, NASA"
"""


def test_boards_are_given_or_assigned_in_order_with_the_session_prefix():
    schedule = loads(YAML)
    found = [(t.title, t.board) for _, t in posters(schedule)]
    assert found == [("Sparse attention on a budget", "A1"), ("A third poster", "A2"),
                     ("Quantized training in the wild", "A10")]
    assert sorted(["A10", "A2", "B1", "A1"], key=board_key) == ["A1", "A2", "A10", "B1"]


def test_board_numbers_survive_import_and_read_back():
    schedule = loads(YAML)
    again = loads(dump(schedule))
    assert [t.board for t in again.talks()] == [t.board for t in schedule.talks()]
    assert "board: A10" in dump(schedule) or 'board: "A10"' in dump(schedule)


def test_a_sign_per_board_with_number_title_authors_and_qr():
    pages, warnings = poster_board_pages(loads(YAML), "a4", "24h", True)
    assert len(pages) == 3 and not warnings
    first = text_of(pages)[0].splitlines()
    assert first[0] == "A1"
    text = " ".join(first)
    assert "Sparse attention on a budget" in text
    assert "Ada Lovelace (Analytical Engines), Alan Turing (Bletchley Park)" in text
    assert [q.alt for q in pages[0].items if isinstance(q, QR)] == ["https://example.org/posters/sparse"]
    assert not [q for q in pages[1].items if isinstance(q, QR)]  # no URL, no code


def test_poster_boards_product_only_when_asked(tmp_path):
    from program.cli import main
    from pdftools import font_problems, outside_page, qr_codes

    path = tmp_path / "posters.yaml"
    path.write_text(YAML, encoding="utf-8")
    assert main(["build", str(path), "-o", str(tmp_path / "all"), "--products", "booklet"]) == 0
    assert main(["build", str(path), "-o", str(tmp_path / "out"), "--products",
                 "poster-boards"]) == 0
    pdf = tmp_path / "out" / "posters-poster-boards.pdf"
    assert font_problems(pdf) == [] and outside_page(pdf) == []
    assert [t for _, t in qr_codes(pdf)] == ["https://example.org/posters/sparse"]


def test_grids_show_a_poster_session_as_one_cell_with_its_count():
    from program.layout.grid import GridStyle, layout_day
    from program.layout.posters import poster_cells

    day = loads(YAML).days[0]
    shown = poster_cells(day)
    assert [e.title for e in shown.entries] == ["Opening", "Poster session A · 3 posters"]
    grid = layout_day(day, [], {}, 400.0, 600.0, GridStyle())
    titles = [c.text.text() for page in grid.pages for c in page.cells]
    assert any("3 posters" in t for t in titles)
    assert not any("Sparse attention" in t for t in titles)
