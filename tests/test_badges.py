"""``program badges`` end to end: the PDF as a printer and a reader see it."""
from __future__ import annotations

import pikepdf
import pytest

from program.cli import main
from program.sources.attendees import load_attendees

from conftest import DATA, ROOT
from pdftools import (font_problems, outside_page, overprinted, page_texts, qr_codes,
                      structure_problems)

ATTENDEES = ROOT / "data" / "mlsys-2019-attendees.csv"


@pytest.fixture(scope="module")
def badges(tmp_path_factory):
    out = tmp_path_factory.mktemp("badges")
    assert main(["badges", str(DATA), str(ATTENDEES), "-o", str(out), "--qr", "id",
                 "--stock", "avery-5395"]) == 0
    return out / "mlsys-2019-badges.pdf"


def test_badges_pdf_is_sound_embedded_and_inside_its_pages(badges):
    assert font_problems(badges) == []
    assert outside_page(badges) == []
    assert overprinted(badges) == []
    assert structure_problems(badges) == []
    people, _ = load_attendees(ATTENDEES)
    with pikepdf.open(badges) as pdf:
        assert len(pdf.pages) == 2 * -(-len(people) // 8)  # fronts and backs, 8 a sheet
        prefs = pdf.Root.ViewerPreferences
        assert prefs.Duplex == pikepdf.Name.DuplexFlipLongEdge
        assert prefs.PrintScaling == pikepdf.Name("/None")
        assert [round(float(v), 2) for v in pdf.pages[0].mediabox] == [0, 0, 612, 792]


def test_every_name_and_its_qr_code_is_on_the_fronts(badges):
    people, _ = load_attendees(ATTENDEES)
    fronts = "".join(page_texts(badges)[::2]).replace("\n", "").replace("\r", "").replace(" ", "")
    for person in people:
        if person.name.isascii():
            assert person.name.replace(" ", "") in fronts
    assert sorted(text for _, text in qr_codes(badges, dpi=200)) == sorted(p.id for p in people)


def test_backs_carry_the_timetable(badges):
    backs = page_texts(badges)[1::2]
    assert all("Opening Remarks" in text and "Closing Remarks" in text for text in backs)


def test_calibration_and_fold(tmp_path):
    assert main(["badges", "--calibration", "--stock", "herma-4412", "-o", str(tmp_path)]) == 0
    sheet = tmp_path / "calibration-herma-4412.pdf"
    assert len(page_texts(sheet)) == 2 and font_problems(sheet) == []
    assert main(["badges", str(DATA), str(ATTENDEES), "-o", str(tmp_path), "--fold",
                 "--stock", "4x6in", "--paper", "letter"]) == 0
    folded = tmp_path / "mlsys-2019-badges.pdf"
    assert outside_page(folded) == [] and font_problems(folded) == []
    with pikepdf.open(folded) as pdf:
        assert pdf.Root.ViewerPreferences.Duplex == pikepdf.Name.Simplex


def test_mistakes_are_one_line_and_exit_2(tmp_path, capsys):
    bad = tmp_path / "people.csv"
    bad.write_text("Email\nx@example.org\n", encoding="utf-8")
    assert main(["badges", str(DATA), str(bad), "-o", str(tmp_path)]) == 2
    assert "people.csv:1: error: no Name" in capsys.readouterr().err
    assert main(["badges", str(DATA), str(ATTENDEES), "--stock", "nonsense", "-o", str(tmp_path)]) == 2
    assert main(["badges", str(DATA), "-o", str(tmp_path)]) == 2
