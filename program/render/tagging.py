"""Tagged PDF: marked content while drawing, the structure tree after rendering.

ReportLab has no tagging API. While the frames are drawn (:mod:`program.render.frames`)
every item is wrapped in a marked-content sequence (:func:`page_marks` says which): an item with a structure role
(:class:`~program.layout.frames.Role`) in ``/P <</MCID n>> BDC … EMC`` (``H1``, ``LI``,
``TD``, ``Figure``), decoration (rules, fills, running headers, page numbers) in
``/Artifact BMC … EMC``; a placed form (a card) is one ``Div`` sequence round its ``Do`` the
first time a page shows it, an artifact on every copy after that; and it says, page by page,
what each MCID is, and where each link annotation comes in the drawing order.

:func:`structure` then adds to the written file (with pikepdf) the structure tree in drawing
order — ``Document`` > headings (``H1``–``H3``), paragraphs (a run of lines of one size is one
``P``), lists (``L`` > ``LI`` > ``LBody``), tables (``Table`` > ``TR`` > ``TD``, a cell being
the lines drawn between two of the grid's fills; the column headers, ``TH`` with ``/Scope
/Column``, one ``TR`` first), figures with their ``/Alt`` text and
``Link`` elements holding their annotations (``OBJR``) — with the parent tree that maps each
page's MCIDs and each annotation back to its element, ``/MarkInfo /Marked true``,
``/StructParents`` on each page and tab order by structure (``/Tabs /S``). Every structure
type is a standard one, so no role map is needed.

This module is the only place that knows about tags; render writes the operators it
names through :mod:`program.render.draw`.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from program.layout.frames import Link, Place, Role

#: The standard structure type of each role (artifacts have none).
TAGS = {Role.HEADING: "H1", Role.HEADING_2: "H2", Role.HEADING_3: "H3", Role.PARAGRAPH: "P",
        Role.LIST_ITEM: "LI", Role.TABLE_CELL: "TD", Role.TABLE_HEADER: "TH",
        Role.FIGURE: "Figure"}
CELLS = ("TH", "TD")


@dataclass(frozen=True)
class Mark:
    """One tagged marked-content sequence: its MCID on its page, its role, its size (lines
    of one size make one paragraph), the cell it belongs to and its alternative text."""

    mcid: int
    tag: str
    size: float = 0.0
    cell: int = 0
    alt: str | None = None


@dataclass(frozen=True)
class LinkMark:
    """A link annotation, in its place in the drawing order (its number on the page)."""

    index: int


Marks = tuple["Mark | LinkMark", ...]


@lru_cache(maxsize=4096)
def page_marks(items: tuple) -> tuple[tuple[str | None, ...], Marks]:
    """For the items of a page (anchors left out), in drawing order: the operator opening
    each item's marked-content sequence (None: an item that draws nothing, a link), and what
    the page's MCIDs and links are. A pure function of the items, so that a page replayed in
    ``--watch`` (the same operators) has the same tags.

    An item with a role opens ``/Tag <</MCID n>> BDC``, decoration ``/Artifact BMC``; a
    placed form opens a ``Div`` the first time the page shows it and is an artifact after
    that (the second card of a sheet: one structure element per card). Table-cell lines
    with no artifact drawn between them (a cell's fill) belong to one cell."""
    opens: list[str | None] = []
    marks: list[Mark | LinkMark] = []
    mcid = cell = links = 0
    placed: set[str] = set()
    for item in items:
        if isinstance(item, Link):
            opens.append(None)
            marks.append(LinkMark(links))
            links += 1
            continue
        if isinstance(item, Place):
            tag = None if item.form.name in placed else "Div"
            placed.add(item.form.name)
        else:
            tag = TAGS.get(item.role)
        if tag is None:
            cell += 1
            opens.append("/Artifact BMC")
            continue
        opens.append(f"/{tag} <</MCID {mcid}>> BDC")
        marks.append(Mark(mcid, tag, getattr(item, "size", 0.0), cell, getattr(item, "alt", None)))
        mcid += 1
    return tuple(opens), tuple(marks)


def structure(pdf_bytes: bytes, pages: list[Marks], title: str) -> bytes:
    """``pdf_bytes`` with the structure tree of each page's marks (:func:`page_marks`; see
    the module docstring); the document's title shown instead of its file name."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root,
                                                K=Array()))
        root.K = document
        nums = Array()
        next_key = len(pdf.pages)
        for number, (page, marks) in enumerate(zip(pdf.pages, pages)):
            page.obj.StructParents = number
            page.obj.Tabs = Name.S
            by_mcid: dict[int, pikepdf.Object] = {}
            annots = list(page.obj.get(Name.Annots, Array()))
            links = [a for a in annots if a.get(Name.Subtype) == Name.Link]
            for group in _groups(marks):
                next_key = _add(pdf, document, page, group, by_mcid, links, nums, next_key)
            nums.append(number)
            nums.append(Array([by_mcid[i] for i in sorted(by_mcid)]))
        # the number tree wants its keys in order: pages first, then annotations
        pairs = sorted(zip(list(nums)[::2], list(nums)[1::2]), key=lambda p: int(p[0]))
        root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(
            [x for pair in pairs for x in pair])))
        root.ParentTreeNextKey = next_key
        pdf.Root.StructTreeRoot = root
        pdf.Root.MarkInfo = Dictionary(Marked=True)
        prefs = pdf.Root.get(Name.ViewerPreferences) or Dictionary()
        prefs.DisplayDocTitle = True
        pdf.Root.ViewerPreferences = prefs
        if title:
            pdf.docinfo[Name.Title] = String(title)
        out = io.BytesIO()
        # streams kept as ReportLab compressed them (decoding and compressing them again
        # took most of the time on a 200-page booklet); the new objects are small
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def _groups(marks: Marks) -> list[list[Mark | LinkMark]]:
    """Marks grouped into the elements they make: lines of one paragraph (same tag and size,
    one after another), lines of one table cell, consecutive list items and cells (a list, a
    table); a figure, a form or a link alone."""
    groups: list[list[Mark | LinkMark]] = []
    for mark in marks:
        last = groups[-1][-1] if groups else None
        if isinstance(mark, Mark) and isinstance(last, Mark) and (mark.tag == last.tag and (
                (mark.tag in ("P", "H1", "H2", "H3") and mark.size == last.size)
                or mark.tag == "LI") or (mark.tag in CELLS and last.tag in CELLS)):
            groups[-1].append(mark)
        else:
            groups.append([mark])
    return groups


def _add(pdf, parent, page, group, by_mcid, links, nums, next_key: int) -> int:
    """The element(s) of ``group`` appended to ``parent``; returns the next parent-tree key."""
    from pikepdf import Array, Dictionary, Name, String

    def element(tag: str, under, kids=None):
        elem = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + tag), P=under,
                                            Pg=page.obj, K=kids if kids is not None else Array()))
        under.K.append(elem)
        return elem

    def content(elem, marks):
        for m in marks:
            elem.K.append(m.mcid)
            by_mcid[m.mcid] = elem
        return elem

    first = group[0]
    if isinstance(first, LinkMark):
        if first.index >= len(links):
            return next_key
        annot = links[first.index]
        elem = element("Link", parent)
        elem.K.append(Dictionary(Type=Name.OBJR, Obj=annot, Pg=page.obj))
        annot.StructParent = next_key
        nums.append(next_key)
        nums.append(elem)
        if Name.Contents not in annot:  # PDF/UA: a link says where it goes
            target = annot.get(Name.A, Dictionary()).get(Name.URI)
            annot.Contents = String(str(target)) if target is not None else String("link")
        return next_key + 1
    if first.tag == "LI":
        lst = element("L", parent)
        for m in group:
            li = element("LI", lst)
            content(element("LBody", li), [m])
    elif first.tag in CELLS:
        table = element("Table", parent)
        cells: dict[int, list[Mark]] = {}
        for m in group:
            cells.setdefault(m.cell, []).append(m)
        header = None  # the column headers make the first row, each scoped to its column
        for marks in cells.values():
            if marks[0].tag == "TH":
                header = header or element("TR", table)
                content(element("TH", header), marks).A = Dictionary(O=Name.Table,
                                                                     Scope=Name.Column)
            else:
                content(element("TD", element("TR", table)), marks)
    else:
        elem = element(first.tag, parent)
        if first.alt is not None:
            elem.Alt = String(first.alt)
        content(elem, group)
    return next_key
