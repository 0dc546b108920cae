"""Right-to-left lines are written in reading order (issue 17): ``fonts.reading_order``
undoes the visual order the layout drew them in, so the renderer can write the glyphs in
the order they are read (see ``draw._reading_order_ops``)."""
from __future__ import annotations

import unicodedata

import pytest

from program.fonts import reading_order, visual

TITLES = ["مقدمة في التعلم الآلي", "שלום עולם", "Hello שלום world"]


def read(drawn: str) -> str:
    """The drawn line's characters in reading order, presentation forms as letters."""
    return unicodedata.normalize("NFKC", "".join(drawn[i] for i in reading_order(drawn)))


@pytest.mark.parametrize("title", TITLES)
def test_a_drawn_line_reads_as_it_was_written(title):
    assert visual(title) != title or title.isascii()
    assert read(visual(title)) == title


def test_numbers_in_a_right_to_left_line_keep_their_place():
    """An Arabic date (a right-to-left line with left-to-right numbers in it) reads as
    written, the year last."""
    date = "الاثنين، 6 مايو 2024"
    assert read(visual(date)) == date
