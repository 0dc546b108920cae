"""The booklet's email edition on its frames: without abstracts it is the booklet of the same
schedule with none (no gap where they were), and its pictures are at most the asked pixels
an inch at their printed size."""
from __future__ import annotations

import io
from dataclasses import replace

from PIL import Image

from bench import synthetic
from program.layout.book import booklet_pages, pictures_at
from program.layout.frames import Form, Picture, Place, Text
from program.model import Session
from program.options import Options
from program.prepare import without_abstracts
from program.sources.richtext import parse
from program.sources.yaml_schedule import loads

OPTIONS = Options(paper="a5", clock="24h", qr=True, jobs=1)


def _workshop():
    """The generated workshop, its first session given a description too."""
    schedule = loads(synthetic.generate("workshop"), "workshop.yaml")
    day = schedule.days[0]
    n, session = next((n, e) for n, e in enumerate(day.entries) if isinstance(e, Session))
    entries = list(day.entries)
    entries[n] = replace(session, description=parse("What the session is about, at length."))
    return replace(schedule, days=(replace(day, entries=tuple(entries)),) + schedule.days[1:])


def _texts(pages) -> str:
    return "\n".join(i.text for page in pages for i in page.items if isinstance(i, Text))


def test_without_abstracts_the_booklet_is_that_of_a_schedule_without_any():
    schedule = _workshop()
    abstracts = [t.abstract.plain() for t in schedule.talks() if t.abstract]
    assert abstracts
    full = booklet_pages(schedule, OPTIONS)[0]
    light = booklet_pages(schedule, replace(OPTIONS, abstracts=False))[0]
    bare = without_abstracts(schedule)
    assert not any(t.abstract or t.description for t in bare.talks())
    assert not any(s.description for day in bare.days for s in day.sessions())
    # the same frames as a schedule that never had abstracts: nothing left where they were
    assert light == booklet_pages(bare, OPTIONS)[0]
    assert len(light) < len(full)
    first_line = abstracts[0].split()[:4]
    assert " ".join(first_line) in _texts(full) and " ".join(first_line) not in _texts(light)
    assert "What the session is about" in _texts(full)
    assert "What the session is about" not in _texts(light)
    for talk in schedule.talks():  # every title still there, once its lines are joined
        assert talk.title.split()[0] in _texts(light)


def _png(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (31, 78, 121)).save(out, "PNG")
    return out.getvalue()


def _pixels(image: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(image)) as im:
        return im.size


def test_pictures_are_scaled_down_to_the_asked_resolution_at_their_printed_size():
    big = Picture(_png((900, 300)), 10, 10, 144, 48, "logo")  # 2 x 2/3 inch: 450 dpi
    small = Picture(_png((100, 50)), 0, 0, 144, 72, "small")  # 50 dpi: kept as it is
    form = Form("f", (0, 0, 200, 200), (big,))
    scaled, kept, placed = pictures_at((big, small, Place(form, 5, 5)), 150)
    assert _pixels(scaled.image) == (300, 100)
    assert (scaled.x, scaled.y, scaled.w, scaled.h) == (big.x, big.y, big.w, big.h)
    assert kept.image == small.image
    assert _pixels(placed.form.items[0].image) == (300, 100)


def test_a_palette_picture_is_resampled_smoothly():
    """A palette PNG (a logo in few colours) is scaled by area, not by the nearest pixel:
    a fine stripe pattern averages to grey rather than keeping one stripe's colour."""
    im = Image.new("P", (400, 400))
    im.putpalette([0, 0, 0, 255, 255, 255])
    im.putdata([(x % 2) for _ in range(400) for x in range(400)])
    out = io.BytesIO()
    im.save(out, "PNG")
    (scaled,) = pictures_at((Picture(out.getvalue(), 0, 0, 72, 72, "stripes"),), 100)
    with Image.open(io.BytesIO(scaled.image)) as result:
        grey = result.convert("L").getpixel((50, 50))
    assert 80 < grey < 180
