"""The one-page handout of the seed: one page per day, 7 pt or more, QR to the programme."""
from __future__ import annotations

import pytest

from program.build import Settings, build
from program.sources.yaml_schedule import load

from conftest import DATA
from pdftools import (font_problems, min_font_size, normalized, outside_page, overprinted,
                      page_texts, qr_codes)


@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = build(str(DATA), Settings(out_dir=out, products=("handout",)))
    return result


def test_one_page_with_everything_on_it(handout):
    path, _, pages = handout.files[0]
    assert path.name == "mlsys-2019-handout.pdf" and pages == 1
    schedule = load(DATA)
    text = normalized(" ".join(page_texts(path)))
    assert schedule.event.title in text and "Friday, 13 December 2019" in text
    assert schedule.event.venue in text
    for talk in schedule.talks():
        assert normalized(talk.title) in text, talk.title


def test_readable_and_clean(handout):
    path = handout.files[0][0]
    assert min_font_size(path) >= 7.0
    assert font_problems(path) == [] and outside_page(path) == [] and overprinted(path) == []
    assert [text for _, text in qr_codes(path)] == [load(DATA).event.url]


def test_seed_needs_no_abbreviation(handout):
    assert handout.warnings == ()
