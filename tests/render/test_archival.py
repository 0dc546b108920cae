"""``--pdfa``: every PDF product as PDF/A-2b, checked with pikepdf's PDF/A validator (and
Apache PDFBox Preflight where Java and Debian's libpdfbox2-java are installed)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pikepdf.pdfa import validate_written

from program.build import Settings, build
from program.render.archival import archival

from conftest import DATA
from pdftools import font_problems, page_texts

PREFLIGHT = [Path("/usr/share/java") / jar for jar in (
    "preflight.jar", "pdfbox2.jar", "xmpbox.jar", "fontbox2.jar", "commons-logging.jar",
    "javax.activation.jar", "jaxb-api.jar")]


@pytest.fixture(scope="module")
def archived(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdfa")
    result = build(str(DATA), Settings(out_dir=out, products=("booklet", "handout", "cards"),
                                       pdfa=True))
    return [p for p, _, _ in result.files if p.suffix == ".pdf"]


def test_every_pdf_product_passes_pikepdfs_pdfa_2b_validator(archived):
    assert len(archived) == 4
    for path in archived:
        report = validate_written(path, "2b")
        assert report.passed, (path.name, [str(f) for f in report.findings][:5])
        assert font_problems(path) == []


def test_xmp_metadata_matches_the_document_information(archived):
    for path in archived:
        with pikepdf.open(path) as pdf:
            meta = pdf.open_metadata()
            assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
            assert meta["dc:title"] == str(pdf.docinfo["/Title"])
            assert meta["xmp:CreatorTool"] == str(pdf.docinfo["/Creator"])
            assert str(pdf.Root.Lang) == "en" and set(meta["dc:language"]) == {"en"}
            assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
            (intent,) = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFA1" and intent.DestOutputProfile.N == 3  # RGB
            assert all("/Trans" not in page.obj for page in pdf.pages)


def test_archival_keeps_the_text_and_is_reproducible(archived, tmp_path):
    booklet = next(p for p in archived if p.name.endswith("-booklet.pdf"))
    again = build(str(DATA), Settings(out_dir=tmp_path, products=("booklet",), pdfa=True))
    assert again.files[0][0].read_bytes() == booklet.read_bytes()
    assert "Machine Learning Reproducibility" in " ".join(page_texts(booklet))


def test_tagged_products_keep_their_structure_tree(archived):
    handout = next(p for p in archived if p.name.endswith("-handout.pdf"))
    with pikepdf.open(handout) as pdf:
        assert pdf.Root.StructTreeRoot.K.S == "/Document" and pdf.Root.MarkInfo.Marked


def test_archival_sets_the_language(archived):
    data = archival(archived[0].read_bytes(), "de")
    with pikepdf.open(__import__("io").BytesIO(data)) as pdf:
        assert str(pdf.Root.Lang) == "de"


@pytest.mark.skipif(not shutil.which("java") or not all(p.exists() for p in PREFLIGHT),
                    reason="Apache PDFBox Preflight not installed (Debian: libpdfbox2-java "
                           "libactivation-java libjaxb-api-java); pikepdf's validator checked")
def test_pdfbox_preflight_finds_nothing_but_what_pdfa_2_allows(archived):
    """Preflight knows only PDF/A-1b: of its findings, only the two that PDF/A-2 lifts may
    remain (cross-reference streams, and the part number 2)."""
    booklet = next(p for p in archived if p.name.endswith("-booklet.pdf"))
    done = subprocess.run(["java", "-cp", ":".join(map(str, PREFLIGHT)),
                           "org.apache.pdfbox.preflight.Validator_A1b", str(booklet)],
                          capture_output=True, text=True, timeout=300)
    findings = [line.strip() for line in done.stdout.splitlines()[1:] if line.strip()]
    allowed = ("1.4 : Trailer Syntax error, /XRef cross reference streams are not allowed",
               "7.11.2 : Error on MetaData, part must be 1")
    assert done.stdout and all(f in allowed for f in findings), done.stdout + done.stderr
