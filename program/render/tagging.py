"""Tagged PDF: marked content while drawing, the structure tree after rendering.

ReportLab has no tagging API. While the frames are drawn (:mod:`program.render.frames`) a
:class:`Tagger` wraps every item in a marked-content sequence: an item with a structure role
(:class:`~program.layout.frames.Role`) in ``/P <</MCID n>> BDC … EMC`` (``H1``, ``LI``,
``TD``, ``Figure``), decoration (rules, fills, running headers, page numbers) in
``/Artifact BMC … EMC``; a placed form (a card) is one ``Div`` sequence round its ``Do`` the
first time a page shows it, an artifact on every copy after that. It records, page by page,
what each MCID is, and where each link annotation came in the drawing order.

:func:`structure` then adds to the written file (with pikepdf) the structure tree in drawing
order — ``Document`` > headings, paragraphs (a run of lines of one size is one ``P``), lists
(``L`` > ``LI`` > ``LBody``), tables (``Table`` > ``TR`` > ``TD``, a cell being the lines
drawn between two of the grid's fills), figures with their ``/Alt`` text and ``Link``
elements holding their annotations (``OBJR``) — with the parent tree that maps each page's
MCIDs and each annotation back to its element, ``/MarkInfo /Marked true``, ``/StructParents``
on each page and tab order by structure (``/Tabs /S``). Every structure type is a standard
one, so no role map is needed.

This module is the only place that knows about tags; :mod:`program.render.draw` writes its
operators.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

from program.layout.frames import Role
from program.render import draw

#: The standard structure type of each role (artifacts have none).
TAGS = {Role.HEADING: "H1", Role.PARAGRAPH: "P", Role.LIST_ITEM: "LI",
        Role.TABLE_CELL: "TD", Role.FIGURE: "Figure"}


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


@dataclass
class Tagger:
    """What was tagged on each page so far."""

    pages: list[list[Mark | LinkMark]] = field(default_factory=list)
    #: counts the artifacts drawn: table-cell lines with no artifact between are one cell
    cell: int = 0
    links: int = 0
    placed: set[str] = field(default_factory=set)

    def new_page(self) -> None:
        """Start recording a page."""
        self.pages.append([])
        self.links = 0
        self.placed = set()

    def begin(self, c, role: Role, size: float = 0.0, alt: str | None = None) -> None:
        """Open the marked-content sequence of an item with ``role``."""
        if role is Role.ARTIFACT:
            self.cell += 1
            draw.add_operators(c, "/Artifact BMC")
            return
        page = self.pages[-1]
        mcid = sum(isinstance(m, Mark) for m in page)
        page.append(Mark(mcid, TAGS[role], size, self.cell, alt))
        draw.add_operators(c, f"/{TAGS[role]} <</MCID {mcid}>> BDC")

    def begin_form(self, c, name: str) -> None:
        """Open the sequence round a placed form: a ``Div`` the first time the page shows it,
        an artifact (a repeat: the second card of a sheet) after that."""
        if name in self.placed:
            self.begin(c, Role.ARTIFACT)
            return
        self.placed.add(name)
        page = self.pages[-1]
        mcid = sum(isinstance(m, Mark) for m in page)
        page.append(Mark(mcid, "Div"))
        draw.add_operators(c, f"/Div <</MCID {mcid}>> BDC")

    def end(self, c) -> None:
        """Close the sequence opened last."""
        draw.add_operators(c, "EMC")

    def link(self) -> None:
        """A link annotation was added to the page (after what was drawn so far)."""
        self.pages[-1].append(LinkMark(self.links))
        self.links += 1


def structure(pdf_bytes: bytes, tagger: Tagger, title: str) -> bytes:
    """``pdf_bytes`` with the structure tree of what ``tagger`` recorded (see the module
    docstring); the document's title shown instead of its file name."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root,
                                                K=Array()))
        root.K = document
        nums = Array()
        next_key = len(pdf.pages)
        for number, (page, marks) in enumerate(zip(pdf.pages, tagger.pages)):
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
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    return out.getvalue()


def _groups(marks: list[Mark | LinkMark]) -> list[list[Mark | LinkMark]]:
    """Marks grouped into the elements they make: lines of one paragraph (same tag and size,
    one after another), lines of one table cell, consecutive list items and cells (a list, a
    table); a figure, a form or a link alone."""
    groups: list[list[Mark | LinkMark]] = []
    for mark in marks:
        last = groups[-1][-1] if groups else None
        if isinstance(mark, Mark) and isinstance(last, Mark) and mark.tag == last.tag and (
                (mark.tag in ("P", "H1") and mark.size == last.size)
                or mark.tag in ("LI", "TD")):
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

    def content(elem, marks) -> None:
        for m in marks:
            elem.K.append(m.mcid)
            by_mcid[m.mcid] = elem

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
    elif first.tag == "TD":
        table = element("Table", parent)
        cells: dict[int, list[Mark]] = {}
        for m in group:
            cells.setdefault(m.cell, []).append(m)
        for marks in cells.values():
            content(element("TD", element("TR", table)), marks)
    else:
        elem = element(first.tag, parent)
        if first.alt is not None:
            elem.Alt = String(first.alt)
        content(elem, group)
    return next_key
