"""The planted change of issue 12: a page shows one more field (the running header also
shows the event's subtitle), and nothing else is touched. A ``--watch`` rebuild after an
edit of that field must still equal a cold build byte for byte: no cache key lists the
fields a page shows, so none can be forgotten.

The change is planted the same way in the warm process and in the fresh (cold) one: the
running header's layout function is swapped for one that adds the subtitle, before the
first build, as if the code had always said so.
"""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from bench import synthetic
from program.build import Settings, build
from program.export_yaml import dump
from program.layout import book
from program.memo import keep_warm
from program.sources.registry import load_schedule

from pdftools import page_texts

PLANT = '''
from program.layout import book
from program.layout.booklet import header_items

def header_with_subtitle(event, day, page, paper):
    """The running header, its day line followed by the event's subtitle."""
    shown = " · ".join(x for x in (day, event.subtitle) if x)
    return header_items(event, shown, page, paper)

book.header_items = header_with_subtitle
'''


def _cold(path: Path, out: Path) -> bytes:
    code = PLANT + (f"from program.build import Settings, build\n"
                    f"build({str(path)!r}, Settings(out_dir=__import__('pathlib').Path("
                    f"{str(out)!r}), products=('booklet',), jobs=1))\n")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return (out / f"{path.stem}-booklet.pdf").read_bytes()


def test_a_new_field_on_a_page_needs_no_cache_key(tmp_path, monkeypatch):
    planted: dict = {}
    exec(PLANT.replace("book.header_items = header_with_subtitle", ""), planted)
    monkeypatch.setattr(book, "header_items", planted["header_with_subtitle"])
    source = synthetic.write("workshop", tmp_path / "workshop.yaml")
    settings = Settings(out_dir=tmp_path / "warm", products=("booklet",), jobs=1)
    keep_warm(True)  # as --watch does
    try:
        build(str(source), settings)
        schedule = load_schedule(str(source))
        for n, subtitle in enumerate(["Planted one", "Planted two"]):
            schedule = replace(schedule, event=replace(schedule.event, subtitle=subtitle))
            source.write_text(dump(schedule), encoding="utf-8")
            build(str(source), settings)
            warm = tmp_path / "warm" / "workshop-booklet.pdf"
            assert warm.read_bytes() == _cold(source, tmp_path / f"cold-{n}")
            # the body pages carry the running header (not the covers, front and back)
            body = page_texts(warm)[2:-1]
            assert body and all(subtitle in text for text in body)
    finally:
        keep_warm(False)
