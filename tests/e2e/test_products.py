"""`program build` writes every product by default, and --products picks some."""
from __future__ import annotations

from program.build import Settings, build
from program.cli import main

from conftest import DATA
from pdftools import page_texts, qr_codes


def test_all_products_by_default(tmp_path, capsys):
    assert main(["build", str(DATA), "-o", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["mlsys-2019-booklet-imposed.pdf", "mlsys-2019-booklet.pdf",
                     "mlsys-2019-card.pdf", "mlsys-2019-cards.pdf", "mlsys-2019-door-signs.pdf",
                     "mlsys-2019-handout.pdf", "mlsys-2019.ics"]
    out = capsys.readouterr().out
    assert out.count("wrote ") == 7


def test_imposed_booklet_pages(tmp_path):
    result = build(str(DATA), Settings(out_dir=tmp_path, products=("imposed",), creep_mm=0.2))
    ((path, _, sides),) = result.files
    booklet_pages = len(page_texts(build(str(DATA), Settings(out_dir=tmp_path, products=("booklet",))).files[0][0]))
    assert sides == 2 * -(-booklet_pages // 4)  # one sheet (two sides) per four pages
    texts = page_texts(path)
    padding = 2 * sides - booklet_pages  # pages that only fill the last sheet
    assert " ".join(texts).count("Notes") >= (1 if padding else 0)
    assert len({t for _, t in qr_codes(path)}) == 20


def test_unknown_product_and_bad_option(tmp_path, capsys):
    assert main(["build", str(DATA), "-o", str(tmp_path), "--products", "poster"]) == 2
    assert "unknown product 'poster'" in capsys.readouterr().err
    assert main(["build", str(DATA), "-o", str(tmp_path), "--card", "huge"]) == 2
    assert "card size 'huge'" in capsys.readouterr().err


def test_poster_boards_of_a_schedule_without_posters_are_not_written(tmp_path, capsys):
    """A PDF without a page opens in no viewer: the build says why and writes none (and
    removes one an older build wrote, which would be out of date)."""
    stale = tmp_path / "mlsys-2019-poster-boards.pdf"
    stale.write_bytes(b"%PDF-1.3 from an older build")
    assert main(["build", str(DATA), "-o", str(tmp_path), "--products", "poster-boards"]) == 0
    captured = capsys.readouterr()
    assert "the schedule has no posters" in captured.err + captured.out
    assert not stale.exists()
    assert list(tmp_path.iterdir()) == []


def test_export_ics_matches_the_build(tmp_path, capsys):
    import icalendar

    target = tmp_path / "x.ics"
    assert main(["export", "ics", str(DATA), "-o", str(target)]) == 0
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == 25
    first = events[0]
    assert str(first["SUMMARY"]) == "Opening Remarks"
    assert first["DTSTART"].dt.isoformat() == "2019-12-13T08:30:00-08:00"


def test_the_table_names_every_file_a_build_writes(tmp_path):
    """Settings() asks for every default product; the files come in table order, named by it."""
    from program.products import PRODUCTS

    result = build(str(DATA), Settings(out_dir=tmp_path))
    assert [path.name for path, _, _ in result.files] == [
        f"{DATA.stem}{suffix}" for product in PRODUCTS if product.default
        for suffix in product.files]


def test_resolve_resolves_options_once_and_fills_talk_urls():
    """The schedule as printed: the theme decides what the command line leaves open, and
    every talk of a schedule with a talk_url template has its URL."""
    from program.build import resolve
    from program.sources.registry import load_schedule

    schedule = load_schedule(str(DATA))
    printed = resolve(schedule, Settings(clock="12h"))
    assert printed.options.paper == schedule.theme.paper and printed.options.clock == "12h"
    assert printed.options.qr == schedule.theme.qr
    assert schedule.event.talk_url
    assert all(t.url for t in printed.schedule.talks() if t.kind.is_talk)


def test_door_signs_footer_names_the_version_and_its_qr_code_decodes(tmp_path):
    from program.sources.yaml_schedule import load

    ((path, *_),) = build(str(DATA), Settings(out_dir=tmp_path, products=("door-signs",))).files
    seed = load(DATA)
    texts = page_texts(path)
    pages = len(texts)
    assert pages == len(seed.days)  # the seed has no rooms: one sign per day
    assert all("schedule as of" in text for text in texts)  # on the text layer
    assert qr_codes(path) == [(n, seed.event.url) for n in range(pages)]
