"""Tagged PDF for the frames products (booklet, handout, cards): the structure tree read back with
pikepdf and pypdfium2, every marked-content id referenced, figures with alternative text,
everything else marked as an artifact, reading order."""
from __future__ import annotations

import ctypes

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest

from program.build import Settings, build
from program.layout.frames import QR, Box, Meta, Page, Role, Rule, Text, text_line
from program.render.frames import render
from program.fonts import REGULAR

from conftest import DATA
from pdftools import marked_texts, page_texts


@pytest.fixture(scope="module")
def products(tmp_path_factory):
    out = tmp_path_factory.mktemp("tagged")
    result = build(str(DATA), Settings(out_dir=out, products=("booklet", "handout", "cards")))
    return {p.name.split("-", 2)[-1]: p for p, _, _ in result.files}


def _elements(node, depth=0):
    """(depth, element) for every structure element under ``node``, in order."""
    kids = node.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            yield depth, kid
            yield from _elements(kid, depth + 1)


def _content_marks(page: pikepdf.Page):
    """(MCIDs, texts shown outside any marked content, texts shown inside artifacts) of a
    page's content stream."""
    mcids, loose, artifact_texts = [], 0, 0
    stack: list[str] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BDC":
            stack.append(str(operands[0]))
            props = operands[1]
            if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                mcids.append(int(props.MCID))
        elif op == "BMC":
            stack.append(str(operands[0]))
        elif op == "EMC":
            stack.pop()
        elif op in ("Tj", "TJ", "Do", "f", "S", "re"):
            if not stack:
                loose += 1
            elif stack[-1] == "/Artifact" and op in ("Tj", "TJ"):
                artifact_texts += 1
    assert not stack, "unbalanced marked content"
    return mcids, loose, artifact_texts


@pytest.mark.parametrize("name", ["booklet.pdf", "handout.pdf", "cards.pdf", "card.pdf"])
def test_structure_tree_references_every_marked_content_id(products, name):
    with pikepdf.open(products[name]) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.Root.Lang) == "en"
        root = pdf.Root.StructTreeRoot
        assert root.K.S == "/Document"
        parents = dict(zip([int(k) for k in root.ParentTree.Nums[::2]],
                           root.ParentTree.Nums[1::2]))
        elements = [e for _, e in _elements(root)]
        for number, page in enumerate(pdf.pages):
            assert page.obj.StructParents == number and page.obj.Tabs == "/S"
            mcids, loose, _ = _content_marks(page)
            assert loose == 0, "content outside marked content"
            assert mcids == list(range(len(mcids))) and mcids
            by_mcid = parents[number]
            assert len(by_mcid) == len(mcids)
            for mcid, elem in enumerate(by_mcid):  # the parent tree and the element agree
                kids = elem.K if isinstance(elem.K, pikepdf.Array) else [elem.K]
                assert mcid in [int(k) for k in kids if isinstance(k, int)]
                assert elem.Pg.objgen == page.obj.objgen
            for annot in page.obj.get("/Annots", []):  # every link is a Link element
                link = parents[int(annot.StructParent)]
                assert link.S == "/Link" and link.K[0].Obj.objgen == annot.objgen
        assert all(e.S != "/Figure" or str(e.get("/Alt", "")).strip() for e in elements)


def test_handout_tags_its_title_grid_and_qr_code(products):
    with pikepdf.open(products["handout.pdf"]) as pdf:
        tags = [str(e.S) for _, e in _elements(pdf.Root.StructTreeRoot)]
        figures = [e for _, e in _elements(pdf.Root.StructTreeRoot) if e.S == "/Figure"]
    assert tags[1] == "/H1" and "/Table" in tags and tags.count("/Figure") == 1
    assert str(figures[0].Alt).startswith("QR code: link to MLSys")
    # the time axis and the fills are artifacts: no text is both tagged and decoration
    with pikepdf.open(products["handout.pdf"]) as pdf:
        assert _content_marks(pdf.pages[0])[2] > 0  # axis labels are artifact text


def test_pdfium_reads_the_structure_tree(products):
    pdf = pdfium.PdfDocument(str(products["handout.pdf"]))
    try:
        page = pdf[0]  # (kept: the tree belongs to the page)
        tree = pdfium_raw.FPDF_StructTree_GetForPage(page.raw)
        assert pdfium_raw.FPDF_StructTree_CountChildren(tree) == 1  # the Document
        document = pdfium_raw.FPDF_StructTree_GetChildAtIndex(tree, 0)
        buf = ctypes.create_string_buffer(64)
        n = pdfium_raw.FPDF_StructElement_GetType(document, buf, 64)
        assert buf.raw[:n].decode("utf-16-le").rstrip("\x00") == "Document"
        assert pdfium_raw.FPDF_StructElement_CountChildren(document) > 3
        pdfium_raw.FPDF_StructTree_Close(tree)
        page.close()
    finally:
        pdf.close()


def test_reading_order_is_the_drawing_order(products):
    text = page_texts(products["handout.pdf"])[0]
    assert text.index("MLSys") < text.index("Friday") < text.index("Opening Remarks") \
        < text.index("Closing Remarks")


def test_lines_of_one_size_make_one_paragraph_and_artifacts_stay_out():
    page = Page((200, 200), (
        text_line("Title", 10, 180, REGULAR, 14, "#000000", role=Role.HEADING),
        text_line("one", 10, 160, REGULAR, 9, "#000000"),
        text_line("two", 10, 150, REGULAR, 9, "#000000"),
        Rule(10, 140, 190, 140, "#cccccc", 0.4),
        text_line("3", 100, 10, REGULAR, 8, "#000000", role=Role.ARTIFACT),
        QR(10, 20, 40, (b"\x01\x00", b"\x00\x01"), "QR code: link to a talk"),
        Box(0, 0, 5, 5, fill="#eeeeee")))
    with pikepdf.open(__import__("io").BytesIO(render([page], Meta("T", "A", "S")))) as pdf:
        tags = [(str(e.S), len(e.K)) for _, e in _elements(pdf.Root.StructTreeRoot)]
        mcids, loose, artifact_texts = _content_marks(pdf.pages[0])
    assert tags == [("/Document", 3), ("/H1", 1), ("/P", 2), ("/Figure", 1)]
    assert mcids == [0, 1, 2, 3] and loose == 0 and artifact_texts == 1


def test_the_booklets_qr_codes_are_figures_naming_their_talk(products):
    from program.sources.yaml_schedule import load

    schedule = load(DATA)
    with pikepdf.open(products["booklet.pdf"]) as pdf:
        alts = [str(e.Alt) for _, e in _elements(pdf.Root.StructTreeRoot) if e.S == "/Figure"]
    talks = [t.title for t in schedule.talks() if t.url and t.kind.is_talk]
    assert [a for a in alts if a.startswith("QR code: link to ")]
    assert {f"QR code: link to {title}" for title in talks} <= set(alts)


def _headings(path):
    """(tag, text without white space) of every H1–H3 element of the file, in tree order."""
    texts = marked_texts(path)
    with pikepdf.open(path) as pdf:
        pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        out = []
        for _, e in _elements(pdf.Root.StructTreeRoot):
            if str(e.S) in ("/H1", "/H2", "/H3"):
                page = pages[e.Pg.objgen]
                kids = e.K if isinstance(e.K, pikepdf.Array) else [e.K]
                text = "".join(texts.get((page, int(k)), "") for k in kids if isinstance(k, int))
                out.append((str(e.S)[1:], "".join(text.split())))
    return out


def test_the_booklets_headings_are_days_sessions_and_talks_in_order(products):
    from program.layout.labels import day_heading
    from program.model import Session
    from program.sources.yaml_schedule import load

    schedule = load(DATA)
    squeeze = lambda text: "".join(text.split())  # noqa: E731 (lines wrap anywhere)
    expected = []
    for day in schedule.days:  # a day, its sessions and their talks; a talk alone is an H2
        expected.append(("H1", squeeze(day_heading(schedule, day))))
        for entry in day.entries:
            expected.append(("H2", squeeze(entry.title)))
            if isinstance(entry, Session):
                expected += [("H3", squeeze(t.title)) for t in entry.items]
    headings = _headings(products["booklet.pdf"])
    days = {text for tag, text in expected if tag == "H1"}
    index = headings.index(("H1", squeeze("Speakers and chairs")))
    # the day pages' headings (cover, contents and grid titles are H1s of their own)
    story = [h for h in headings[:index] if h[0] != "H1" or h[1] in days]
    assert story == expected
    assert [tag for tag, _ in headings].count("H3") == sum(
        len(e.items) for d in schedule.days for e in d.entries if isinstance(e, Session))
    # the cover title and section titles are H1s; the index's letters H2s under its H1
    assert headings[0] == ("H1", squeeze(schedule.event.title))
    assert ("H1", "Contents") in headings
    assert all(tag == "H2" for tag, text in headings[index + 1:] if len(text) == 1)


def test_the_grids_room_names_are_column_header_cells(tmp_path):
    from program.sources.registry import load_schedule

    source = DATA.parent.parent / "tests" / "fixtures" / "frab" / "v2-hub.json"  # two rooms
    booklet = build(str(source), Settings(out_dir=tmp_path, products=("booklet",))).files[0][0]
    schedule = load_schedule(str(source))
    in_use = {schedule.room_name(t.room).strip() for t in schedule.talks() if t.room}
    texts = marked_texts(booklet)
    with pikepdf.open(booklet) as pdf:
        pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        tables = [e for _, e in _elements(pdf.Root.StructTreeRoot) if e.S == "/Table"]
        headed = [t for t in tables if t.K[0].K[0].S == "/TH"]
        assert headed  # each grid page's table begins with its header row
        names = set()
        for table in headed:
            header = list(table.K[0].K)
            assert all(c.S == "/TH" and c.A.Scope == "/Column" and c.A.O == "/Table"
                       for c in header)
            assert all(c.S == "/TD" for row in list(table.K)[1:] for c in row.K)
            names |= {"".join(texts[pages[c.Pg.objgen], int(k)] for k in c.K).strip()
                      for c in header}
    assert names == in_use  # the rooms the grids show, each a column header


def test_the_session_pages_read_in_schedule_order(products):
    from program.sources.yaml_schedule import load

    schedule = load(DATA)
    squeeze = lambda text: "".join(text.split())  # noqa: E731 (lines wrap anywhere)
    texts = [squeeze(t) for t in page_texts(products["booklet.pdf"])]
    first = squeeze(next(schedule.talks()).title)
    # the day pages: from the first that begins with a talk's time line to the index
    start = next(i for i, t in enumerate(texts) if first in t and "ataglance" not in t)
    story = "".join(texts[start:])
    at = 0
    for talk in schedule.talks():  # each title after the one before (titles may repeat)
        found = story.find(squeeze(talk.title), at)
        assert found >= 0, f"{talk.title!r} is not read after the talk before it"
        at = found + len(squeeze(talk.title))


GRID = """\
event: {title: Grid rows, url: "https://example.org/g/"}
rooms: [Hall A, Hall B]
days:
  - date: 2024-05-06
    items:
      - {time: "9:00-10:00", title: Alpha keynote, room: Hall A}
      - {time: "9:00-10:00", title: Beta tutorial, room: Hall B}
      - {time: "10:00-10:30", title: Gamma talk, room: Hall A}
      - {time: "10:00-11:00", title: Delta lab, room: Hall B}
      - {time: "11:00-11:30", title: Epsilon talk, room: Hall A}
"""


def test_the_grid_is_one_table_of_time_rows_with_each_link_in_its_cell(tmp_path):
    from program.sources.registry import load_schedule

    source = tmp_path / "grid.yaml"
    source.write_text(GRID)
    booklet = build(str(source), Settings(out_dir=tmp_path, products=("booklet",))).files[0][0]
    schedule = load_schedule(str(source))
    by_start: dict = {}
    for talk in schedule.talks():  # the rows a reader expects: the talks of each start time
        by_start.setdefault(talk.start, set()).add(talk.title)
    expected = [by_start[start] for start in sorted(by_start)]
    every_title = {t.title for t in schedule.talks()}
    texts = marked_texts(booklet)
    with pikepdf.open(booklet) as pdf:
        pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        tree = [(d, e) for d, e in _elements(pdf.Root.StructTreeRoot)]
        tables = [e for _, e in tree if e.S == "/Table" and e.K[0].K[0].S == "/TH"]
        assert len(tables) == 1  # the day's grid: one table, links no longer split it
        rows = list(tables[0].K)[1:]
        found = []
        for row in rows:
            titles = set()
            for cell in row.K:
                assert cell.S == "/TD"
                links = [k for k in cell.K if isinstance(k, pikepdf.Dictionary)]
                assert [str(k.S) for k in links] == ["/Link"]  # the cell's link, inside it
                assert links[0].K[0].Type == "/OBJR" and "/Dest" in links[0].K[0].Obj
                text = "".join(texts[pages[cell.Pg.objgen], int(k)] for k in cell.K
                               if isinstance(k, int))
                titles |= {t for t in every_title if t in text}
            found.append(titles)
        # no Link is left beside the table on the grid's page
        grid_page = tables[0].K[1].K[0].Pg.objgen
        assert not [e for d, e in tree if d == 1 and e.S == "/Link"
                    and e.get("/Pg") is not None and e.Pg.objgen == grid_page]
    assert found == expected


def _pdfium_string(getter, element) -> str:
    """A structure element's string (type, alternative text) through pypdfium2's raw API."""
    size = getter(element, None, 0)
    buf = ctypes.create_string_buffer(size)
    getter(element, buf, size)
    return buf.raw[:size].decode("utf-16-le").rstrip("\x00")


def _pdfium_walk(element, page: int, texts, out: list) -> None:
    """(tag, text without white space or alternative text) of each heading and Figure under
    ``element``, depth first, as pypdfium2 reads the page's structure tree."""
    tag = _pdfium_string(pdfium_raw.FPDF_StructElement_GetType, element)
    if tag in ("H1", "H2", "H3"):
        ids = [pdfium_raw.FPDF_StructElement_GetMarkedContentIdAtIndex(element, i) for i in
               range(pdfium_raw.FPDF_StructElement_GetMarkedContentIdCount(element))]
        out.append((tag, "".join("".join(texts.get((page, i), "") for i in ids).split())))
    elif tag == "Figure":
        out.append((tag, _pdfium_string(pdfium_raw.FPDF_StructElement_GetAltText, element)))
    for i in range(pdfium_raw.FPDF_StructElement_CountChildren(element)):
        child = pdfium_raw.FPDF_StructElement_GetChildAtIndex(element, i)
        if child:
            _pdfium_walk(child, page, texts, out)


def test_pypdfium2_reads_the_booklets_days_sessions_talks_and_qr_figures_in_order(products):
    """pypdfium2's structure-tree API, page by page, gives the same headings (days, sessions,
    talks, checked against the schedule above through pikepdf) and the same QR-code Figures
    with their alternative text, in the same order, as the whole tree read by pikepdf."""
    path = products["booklet.pdf"]
    texts = marked_texts(path)
    ours: list[tuple[str, str]] = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for number in range(len(pdf)):
            page = pdf[number]
            tree = pdfium_raw.FPDF_StructTree_GetForPage(page.raw)
            for i in range(pdfium_raw.FPDF_StructTree_CountChildren(tree)):
                _pdfium_walk(pdfium_raw.FPDF_StructTree_GetChildAtIndex(tree, i), number,
                             texts, ours)
            pdfium_raw.FPDF_StructTree_Close(tree)
            page.close()
    finally:
        pdf.close()
    with pikepdf.open(path) as tree:
        alts = [("Figure", str(e.Alt)) for _, e in _elements(tree.Root.StructTreeRoot)
                if e.S == "/Figure"]
    assert [f for f in ours if f[0] == "Figure"] == alts
    assert alts and all(alt.startswith("QR code: link to ") for _, alt in alts)
    assert {"H1", "H2", "H3"} <= {tag for tag, _ in ours}
    assert [h for h in ours if h[0] != "Figure"] == _headings(path)
