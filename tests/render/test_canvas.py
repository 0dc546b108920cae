"""``render.canvas``: pages compressed as they end and written by our own formatter must give
exactly the bytes ReportLab's own canvas writes, and a warm rebuild compresses only the
pages that changed."""
from __future__ import annotations

import io

from reportlab.pdfbase.pdfdoc import (PDFArray, PDFDictionary, PDFDocument, PDFName,
                                      PDFObjectReference, PDFString, format as rl_format)
from reportlab.pdfgen.canvas import Canvas

from bench import synthetic
from program.build import Settings, build
from program.fonts import REGULAR, register
from program.memo import keep_warm
from program.render import canvas as page_canvas
from program.render import draw
from program.render.canvas import PageCanvas, pdf_bytes


def _document(make) -> bytes:
    """A three-page document with text, links (to a URL and to a destination), a form
    XObject and an outline, drawn on the canvas ``make`` returns."""
    register()
    buf = io.BytesIO()
    c = make(buf)
    c.setTitle("Test")
    c.beginForm("mark")
    c.rect(0, 0, 10, 10)
    c.endForm()
    for page in range(3):
        c.bookmarkPage(f"p{page}")
        c.addOutlineEntry(f"Page {page}", f"p{page}")
        c.setFont(REGULAR, 10)
        c.drawString(72, 720, f"Page {page}: Zürich – 東京")
        c.doForm("mark")
        for i in range(14):  # more than ten links: the /Annots array breaks its line
            draw.add_link(c, (72, 700 - 20 * i, 200, 712 - 20 * i), url=f"https://example.org/{i}")
        draw.add_link(c, (72, 100, 200, 112), dest="p0")
        c.showPage()
    c.save()
    return buf.getvalue()


def test_page_canvas_writes_what_reportlab_writes():
    options = dict(invariant=1, initialFontName=REGULAR, pageCompression=1)
    ours = _document(lambda buf: PageCanvas(buf, **options))
    theirs = _document(lambda buf: Canvas(buf, **options))
    assert ours == theirs


def test_pdf_bytes_matches_reportlab_format():
    doc = PDFDocument(invariant=1)
    target = PDFDictionary({"Type": PDFName("Thing")})
    doc.Reference(target, "target")
    values = [
        PDFObjectReference("target"),
        PDFArray(list(range(25))),  # line breaks every ten
        PDFArray([0.5, 1 / 3, -2.25, PDFName("A")]),
        PDFDictionary({f"K{i}": i for i in range(14)}),  # line breaks every six entries
        PDFDictionary({"Name with space": PDFName("x y"), "Sub": PDFDictionary({})}),
        PDFDictionary({"S": PDFString("a (b) ü"), "R": PDFObjectReference("target")}),
        "/Plain", 7, 2.5,
    ]
    for value in values:
        assert pdf_bytes(value, doc) == rl_format(value, doc), value


def test_warm_rebuild_compresses_only_changed_pages(tmp_path):
    keep_warm(True)  # as --watch does
    try:
        source = synthetic.write("workshop", tmp_path / "workshop.yaml")
        settings = Settings(out_dir=tmp_path / "out", products=("booklet",), jobs=1)
        build(str(source), settings)
        before = set(page_canvas.COMPRESSED)
        text = synthetic.edit_one_talk(source.read_text(encoding="utf-8"))
        source.write_text(text, encoding="utf-8")
        result = build(str(source), settings)
        pages = result.files[0][2]
        compressed = set(page_canvas.COMPRESSED) - before  # streams compressed anew
        # the edited talk's page and its day's grid pages; not the other pages
        assert 1 <= len(compressed) <= 4 < pages
    finally:
        keep_warm(False)


def _objects(data: bytes) -> list:
    """Every page's content, resources and annotations, and the outline, as pikepdf reads
    them (Python values, comparable between files)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = [(page.obj.Contents.read_bytes(), repr(page.obj.Resources),
                  [repr(a) for a in page.obj.get("/Annots", [])]) for page in pdf.pages]
        return pages + [repr(pdf.Root.Outlines), repr(pdf.docinfo)]


def test_packed_canvas_writes_the_same_objects_in_object_streams():
    options = dict(invariant=1, initialFontName=REGULAR, pageCompression=1)
    packed = _document(lambda buf: page_canvas.PackedCanvas(buf, **options))
    theirs = _document(lambda buf: Canvas(buf, **options))
    assert b"/ObjStm" in packed and b"/Type /XRef" in packed and packed.startswith(b"%PDF-1.5")
    assert _objects(packed) == _objects(theirs)
    assert len(packed) < len(theirs)


def test_new_object_is_numbered_as_reportlab_numbers_it():
    """``canvas.new_object`` (the structure elements' and links' fast path) gives each new
    object the name and number ``PDFDocument.Reference`` gives it, between objects that
    ReportLab registers itself."""
    ours, theirs = Canvas(io.BytesIO()), Canvas(io.BytesIO())
    for i in range(5):
        obj = page_canvas.Written(b"<< >>")
        name, number = page_canvas.new_object(ours, obj)
        ref = theirs._doc.Reference(page_canvas.Written(b"<< >>"))
        assert (name, number) == (ref.name, theirs._doc.idToObjectNumberAndVersion[ref.name][0])
        assert page_canvas.register(ours, obj) == name  # found, not numbered again
        assert page_canvas.number(ours, name) == number
        for c in (ours, theirs):
            c._doc.Reference(PDFDictionary({}), f"named{i}")
    for table in ("idToObjectNumberAndVersion", "numberToId"):
        assert getattr(ours._doc, table) == getattr(theirs._doc, table)
    assert ours._doc.objectcounter == theirs._doc.objectcounter
