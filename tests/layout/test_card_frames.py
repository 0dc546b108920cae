"""Badge cards laid out as frames (program.layout.card_frames): asserted on the data."""
from __future__ import annotations

from program.layout.card_frames import card_pages, imposition
from program.layout.trim import MARK
from program.layout.cards import parse_card_size
from program.layout.frames import QR, Link, Place, Rule, Text
from program.layout.paper import A4, mm
from program.sources.yaml_schedule import load

from conftest import DATA
from pdftools import normalized


def test_sheets_place_each_card_as_often_as_it_fits_with_marks_and_links():
    seed = load(DATA)
    bleed = 3 * mm
    sheets, singles, _ = card_pages(seed, "4x3in", "a5", "24h", True, bleed)
    assert len(sheets) == len(singles) >= 1
    imp = imposition(parse_card_size("4x3in"), A4, bleed)
    for sheet, single in zip(sheets, singles):
        places = [i for i in sheet.items if isinstance(i, Place)]
        assert [(p.x, p.y) for p in places] == list(imp.origins)
        assert len({id(p.form) for p in places}) == 1  # one form, placed again and again
        marks = [i for i in sheet.items if isinstance(i, Rule)]
        assert len(marks) == 8 * len(places)
        assert all(abs(abs(m.x1 - m.x0) + abs(m.y1 - m.y0) - MARK) < 1e-9 for m in marks)
        links = [i for i in sheet.items if isinstance(i, Link)]
        assert [link.url for link in links] == [seed.event.url] * len(places)
        (code,) = [i for i in places[0].form.items if isinstance(i, QR)]
        assert code.alt == f"QR code: link to {seed.event.title}"
        assert single.trim is not None and single.bleed == (0, 0, *single.size)


def test_every_talk_of_the_day_is_on_its_card():
    seed = load(DATA)
    sheets, _, warnings = card_pages(seed, "4x6in", "a5", "24h", False, 0.0)
    for day, sheet in zip(seed.days, sheets):
        form = next(i for i in sheet.items if isinstance(i, Place)).form
        text = normalized(" ".join(i.text for i in form.items if isinstance(i, Text)))
        assert not [i for i in form.items if isinstance(i, QR)]
        shortened = {w.split("'")[1] for w in warnings if "abbreviated" in w}
        for talk in day.talks():
            if talk.title not in shortened:
                assert normalized(talk.title) in text, talk.title


def test_a_long_event_title_never_prints_over_the_date():
    from dataclasses import replace as changed

    seed = load(DATA)
    long = changed(seed, event=changed(seed.event, title="International Conference on "
                                       "Computing Systems and Everything Else (ICCS 2025)"))
    _, singles, _ = card_pages(long, "4x3in", "a5", "24h", True, 0.0)
    form = next(i for i in singles[0].items if isinstance(i, Place)).form
    texts = [i for i in form.items if isinstance(i, Text)]
    title = next(t for t in texts if t.text.startswith("International"))
    date = next(t for t in texts if "Dec" in t.text)
    assert abs(title.baseline - date.baseline) >= min(title.size, date.size)
