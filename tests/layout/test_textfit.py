"""Text fitting (program/layout/textfit.py): the size :func:`fit` finds with few trials is
the one trying every size would find, and what gives when nothing fits whole."""
from __future__ import annotations

import pytest

from program.fonts import BOLD, REGULAR
from program.layout.textfit import Block, Span, fit, fit_best, lines_height

TITLE = "Towards Quantized and Energy-Aware Resource Allocation for Climate Simulation"
SPEAKERS = "Ada Lovelace, Grace Hopper, Edsger Dijkstra"
SIZES = [8.0, 7.5, 7.0, 6.5, 6.0]


def _blocks() -> list[Block]:
    return [Block((Span("9:45–10:05  ", REGULAR, "muted"), Span(TITLE, BOLD))),
            Block((Span(SPEAKERS, REGULAR),), optional=True)]


def _whole_at(blocks: list[Block], width: float, height: float, size: float) -> bool:
    """Whether the blocks fit whole (no word cut, nothing dropped or shortened) at ``size``
    alone."""
    one = fit(blocks, width, height, size, size)
    return not (one.abbreviated or one.cut_words or one.dropped)


@pytest.mark.parametrize("width", [float(w) for w in range(20, 400, 5)])
@pytest.mark.parametrize("lines", [1, 3, 4, 5, 8])
def test_fit_finds_the_largest_size_at_which_the_text_fits_whole(width, lines):
    """(Boxes of these sizes take the text whole at each of SIZES, and at none.)"""
    blocks = _blocks()
    height = lines_height(lines, SIZES[0])
    fitting = [s for s in SIZES if _whole_at(blocks, width, height, s)]
    fitted = fit(blocks, width, height, SIZES[0], SIZES[-1])
    if fitting:
        assert fitted.size == fitting[0]
        assert fitted.lines == fit(blocks, width, height, fitting[0], fitting[0]).lines
    else:
        assert fitted.size == SIZES[-1]
        assert fitted.abbreviated or fitted.cut_words or fitted.dropped


def test_whole_words_fit_at_every_size_below_one_that_fits():
    """What the search relies on: fitting whole is monotone in the size."""
    blocks = _blocks()
    for width in range(20, 400, 7):
        for lines in (1, 2, 3, 4):
            height = lines_height(lines, SIZES[0])
            found = [_whole_at(blocks, width, height, s) for s in SIZES]
            assert found == sorted(found), (width, lines)


def test_a_word_wider_than_the_box_is_cut_only_when_no_size_takes_it_whole():
    blocks = [Block((Span("Supercalifragilisticexpialidocious", BOLD),))]
    fitted = fit(blocks, 60.0, lines_height(3, 8.0), 8.0, 6.0)
    assert fitted.cut_words and fitted.size == 6.0
    assert "".join(fitted.text().split()) == "Supercalifragilisticexpialidocious"


def test_too_many_lines_at_every_size_drops_the_speakers_then_shortens_the_title():
    blocks = _blocks()
    fitted = fit(blocks, 70.0, lines_height(2, 7.0), 8.0, 7.0)
    assert fitted.abbreviated and fitted.dropped == 1 and fitted.size == 7.0
    assert len(fitted.lines) == 2 and fitted.text().endswith("…")
    assert SPEAKERS.split(",")[0] not in fitted.text()


def test_fit_best_keeps_the_alternative_that_shows_more_of_the_title():
    one = [Block((Span(TITLE, BOLD),)), Block((Span(SPEAKERS, REGULAR),), optional=True)]
    run_together = [Block((Span(TITLE, BOLD), Span(" · ", REGULAR), Span(SPEAKERS, REGULAR)))]
    box = (90.0, lines_height(2, 7.0))
    best = fit_best([one, run_together], *box, 8.0, 7.0)
    each = [fit(blocks, *box, 8.0, 7.0) for blocks in (one, run_together)]
    assert best in each
    shown = [sum(len(t) for line in f.lines for t, font, _ in line.runs if font == BOLD)
             for f in each]
    assert sum(len(t) for line in best.lines for t, font, _ in line.runs
               if font == BOLD) == max(shown)
