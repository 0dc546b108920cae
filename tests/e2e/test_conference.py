"""A generated 3-day, 6-room conference: handout one page per day, cards one per day, and
the warnings name exactly the items whose text was shortened."""
from __future__ import annotations

import re

import pytest

from program.build import Settings, build
from program.layout.cards import layout_cards, parse_card_size
from program.layout.card_frames import QR_MODULE, card_url
from program.layout.frames import qr_side
from program.layout.handout import best_layout, handout_style
from program.layout.palette import schedule_tags
from program.sources.yaml_schedule import load
from bench.synthetic import generate
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from pdftools import min_font_size, outside_page, overprinted, qr_codes


@pytest.fixture(scope="module")
def conference(tmp_path_factory):
    base = tmp_path_factory.mktemp("conf")
    src = base / "conference.yaml"
    src.write_text(generate("conference"), encoding="utf-8")
    result = build(str(src), Settings(out_dir=base / "out", products=("handout", "cards")))
    return src, result


def _said(warnings, product):
    """(count, first title) of each day's one line about shortened cells of ``product``."""
    return [(int(m.group(1)), m.group(2)) for w in warnings if f"warning: {product} " in w
            for m in [re.search(r": (\d+) (?:cells|titles?|cell) .*?shortened.*?: '(.*?)' \(\d", w)]
            if m]


def test_one_handout_page_and_one_card_per_day(conference):
    src, result = conference
    schedule = load(src)
    assert len(schedule.days) == 3 and len(schedule.rooms) == 6
    files = {p.name: (p, pages) for p, _, pages in result.files}
    handout, handout_pages = files["conference-handout.pdf"]
    cards, card_sheets = files["conference-cards.pdf"]
    assert handout_pages == 3 and card_sheets == 3
    assert min_font_size(handout) >= 7.0 and min_font_size(cards) >= 6.0
    for path in (handout, cards):
        assert overprinted(path) == [] and outside_page(path) == []
    assert {t for _, t in qr_codes(handout)} == {schedule.event.url}


def test_handout_warnings_name_exactly_the_abbreviated_cells(conference):
    src, result = conference
    schedule = load(src)
    style = handout_style(schedule.event.clock, schedule.theme.colors,
                          tags=tuple(schedule_tags(schedule).items()))  # as the build does
    pages = [best_layout(day, schedule, A4, style) for day in schedule.days]
    said = _said(result.warnings, "handout")  # one line a day, not one a cell
    assert len(said) == len([p for p in pages if p.grid.abbreviations]) >= 1
    for (count, first), page in zip(said, [p for p in pages if p.grid.abbreviations]):
        cells = [a for a in page.grid.abbreviations if not a.talk_id.startswith("room:")]
        assert count == len(cells) and first == cells[0].title
    folded = sorted(t for page in pages for t in page.folded)
    said = [w for w in result.warnings if "handout" in w and "left out" in w]
    assert len(said) <= len(pages)  # once a day, naming every session folded
    assert folded == sorted(t for w in said for t in re.findall(r"'([^']*)'", w.split("fits: ")[1]))


def test_card_warnings_name_exactly_what_lost_text(conference):
    src, result = conference
    schedule = load(src)
    url = card_url(schedule, schedule.theme.qr)  # as the build resolves it: no --no-qr
    cards = layout_cards(schedule, parse_card_size("4x3in"), schedule.event.clock,
                         qr_side(url, 12 * mm, QR_MODULE) if url else 0.0)
    assert len(cards.cards) == 3
    shortened = [p.row.title for c in cards.cards for p in c.rows if p.row.text.abbreviated]
    said = _said(result.warnings, "cards")
    assert sum(count for count, _ in said) == len(shortened)
    assert all(first in shortened for _, first in said)
    assert list(cards.warnings) == [w for w in result.warnings if "warning: cards " in w]


def overlapping_talks(count: int) -> str:
    """A one-room day of ``count`` talks each overlapping the next: one warning a pair."""
    talks = []
    for i in range(count):
        start = 9 * 60 + 10 * i
        talks.append(f"      - time: {start // 60:02d}:{start % 60:02d}-"
                     f"{(start + 20) // 60:02d}:{(start + 20) % 60:02d}\n"
                     f"        title: Talk {i + 1}\n        room: Hall")
    return ("event:\n  title: Overlaps\nrooms: [Hall]\ndays:\n  - date: 2025-09-15\n"
            "    items:\n" + "\n".join(talks) + "\n")


def test_many_warnings_go_to_a_listing(tmp_path, capsys):
    from program.cli import main

    src = tmp_path / "overlaps.yaml"
    src.write_text(overlapping_talks(50), encoding="utf-8")
    assert main(["build", str(src), "-o", str(tmp_path), "--products", "cards"]) == 0
    err = capsys.readouterr().err.splitlines()
    listing = tmp_path / "overlaps-warnings.txt"
    lines = listing.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 40 and len(err) == 41
    assert err[:40] == lines[:40]
    assert err[-1] == (f"program: … and {len(lines) - 40} more warnings; all {len(lines)} "
                       f"are in {listing}")
