"""Tagged PDF: marked content while drawing, the structure tree after rendering.

ReportLab has no tagging API. While the frames are drawn (:mod:`program.render.frames`)
every item is wrapped in a marked-content sequence (:func:`page_marks` says which): an item with a structure role
(:class:`~program.layout.frames.Role`) in ``/P <</MCID n>> BDC … EMC`` (``H1``, ``LI``,
``TD``, ``Figure``), decoration (rules, fills, running headers, page numbers) in
``/Artifact BMC … EMC``; a placed form (a card) is one ``Div`` sequence round its ``Do`` the
first time a page shows it, an artifact on every copy after that; and it says, page by page,
what each MCID is, and where each link annotation comes in the drawing order.

:func:`structure` then adds to the canvas's document, before ReportLab writes it, the
structure tree in drawing order — ``Document`` > headings (``H1``–``H3``), paragraphs (a
run of lines of one size is one ``P``), lists (``L`` > ``LI`` > ``LBody``), tables
(``Table`` > ``TR`` > ``TD``: a cell being the lines drawn between two of the grid's fills,
its link nested in it, one ``TR`` per row of the grid — the cells whose boxes start at one
height, a time slot across the rooms — and the column headers, ``TH`` with ``/Scope
/Column``, one ``TR`` first), figures with their ``/Alt`` text and ``Link`` elements
holding their annotations (``OBJR``) — with the parent tree that maps each page's MCIDs and
each annotation back to its element, ``/MarkInfo /Marked true``, ``/StructParents`` on
each page and tab order by structure (``/Tabs /S``). Every structure type is a standard
one, so no role map is needed. The elements of a page are worked out once per page's
marks (:func:`plan`) and written as byte templates numbered when the file is written
(:class:`program.render.canvas.Written`, where the few ReportLab internals this needs
live): the file is not opened and saved again (that was most of a build's time).

This module is the only place that knows about tags; render writes the operators it
names through :mod:`program.render.draw`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from program.layout.frames import Box, Link, Place, Role
from program.memo import Memo, warm

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
    #: a table cell's row: the top of the last fill drawn before it (a grid cell's box),
    #: None when no box was drawn since the table began
    row: float | None = None


@dataclass(frozen=True)
class LinkMark:
    """A link annotation, in its place in the drawing order (its number on the page)."""

    index: int


Marks = tuple["Mark | LinkMark", ...]


#: page_marks' results by page items, kept only in ``--watch`` (a cold build never asks
#: twice, and an lru_cache here pinned every page of mega: 453 MB peak).
_PAGE_MARKS: Memo = Memo(20000, warm_only=True)


def page_marks(items: tuple) -> tuple[tuple[str | None, ...], Marks]:
    """For the items of a page (anchors left out), in drawing order: the operator opening
    each item's marked-content sequence (None: an item that draws nothing, a link), and what
    the page's MCIDs and links are. A pure function of the items, so that a page replayed in
    ``--watch`` (the same operators) has the same tags.

    An item with a role opens ``/Tag <</MCID n>> BDC``, decoration ``/Artifact BMC``; a
    placed form opens a ``Div`` the first time the page shows it and is an artifact after
    that (the second card of a sheet: one structure element per card). Table-cell lines
    with no artifact drawn between them (a cell's fill) belong to one cell."""
    if not warm():
        return _page_marks(items)
    found = _PAGE_MARKS.get(items)
    return found if found is not None else _PAGE_MARKS.keep(items, _page_marks(items))


def _page_marks(items: tuple) -> tuple[tuple[str | None, ...], Marks]:
    """:func:`page_marks`, computed."""
    opens: list[str | None] = []
    marks: list[Mark | LinkMark] = []
    mcid = cell = links = 0
    row = None
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
            if isinstance(item, Box):  # a cell's fill: the row of the cell drawn on it
                row = round(item.y + item.h, 2)
            opens.append("/Artifact BMC")
            continue
        opens.append(f"/{tag} <</MCID {mcid}>> BDC")
        if tag not in CELLS:
            row = None  # a table's rows end with it
        marks.append(Mark(mcid, tag, getattr(item, "size", 0.0), cell, getattr(item, "alt", None),
                          row if tag in CELLS else None))
        mcid += 1
    return tuple(opens), tuple(marks)


def structure(c, pages: list[Plan]) -> None:
    """The structure tree of each page's elements (:func:`plan` of its marks; see the module
    docstring) added to the document of the canvas ``c`` before it is saved: its elements,
    the parent tree, ``/StructParents`` and ``/Tabs /S`` on each page, ``/StructParent`` and
    ``/Contents`` on each link annotation, ``/MarkInfo`` in the catalog. The objects are
    numbered and written with the document."""
    from reportlab.pdfbase.pdfdoc import PDFName

    from program.render import canvas as doc
    from program.render.draw import LinkAnnotation

    root, document = doc.Written(b""), doc.Written(b"")
    root_name, _ = doc.new_object(c, root)
    document_name, document_number = doc.new_object(c, document)
    top: list[str] = []  # the Document's kids
    tree, tree_refs = [], []  # the parent tree's /Nums: pages, then annotations
    annot_tree, annot_refs = [], []
    next_key = len(pages)
    for number, (page, page_plan) in enumerate(zip(doc.pages(c), pages)):
        page_number = doc.number(c, doc.register(c, page))
        doc.add_page_entries(page, {"StructParents": number, "Tabs": PDFName("S")})
        links = [(n, a) for n, a in doc.annotations(c, page) if isinstance(a, LinkAnnotation)]
        if len(links) != page_plan.links:
            raise ValueError(f"page {number + 1}: {len(links)} links drawn, "
                             f"{page_plan.links} tagged")
        elems = [doc.Written(template) for template, _ in page_plan.elements]
        names, numbers = zip(*[doc.new_object(c, e) for e in elems]) if elems else ((), ())
        # every object an element refers to is numbered now: its bytes are made here
        values = (*numbers, document_number, page_number,
                  *[doc.number(c, name) for name, _ in links])
        for elem, (template, slots) in zip(elems, page_plan.elements):
            elem.template = template % tuple([values[s] for s in slots])
        top += [names[i] for i in page_plan.top]
        tree.append(b"%d " % number + page_plan.tree)
        tree_refs += [names[i] for i in page_plan.owners]
        for index, elem in page_plan.link_elements:
            name, annot = links[index]
            annot.struct_parent = next_key
            annot_tree.append(b"%d %%d 0 R" % next_key)
            annot_refs.append(names[elem])
            next_key += 1
    document.template = (b"<< /K [ " + b" ".join(b"%d 0 R" for _ in top)
                         + b" ] /P %d 0 R /S /Document /Type /StructElem >>")
    document.refs = (*top, root_name)
    parent_tree = doc.Written(b"<< /Nums [ " + b"\n ".join(tree + annot_tree) + b" ] >>",
                              (*tree_refs, *annot_refs))
    root.template = (b"<< /K %%d 0 R /ParentTree %%d 0 R /ParentTreeNextKey %d "
                     b"/Type /StructTreeRoot >>" % next_key)
    root.refs = (document_name, doc.register(c, parent_tree))
    doc.set_catalog_entries(c, {"StructTreeRoot": root,
                                "MarkInfo": doc.Written(b"<< /Marked true >>")})


@dataclass(frozen=True)
class Plan:
    """A page's structure elements as byte templates (:class:`canvas.Written`), each with
    the object it refers to in each of its ``%d`` slots: for a page of E elements, 0 to E-1
    (another element of the page), E (the Document), E + 1 (the page), E + 2 + N (the
    page's N-th link annotation). ``top``: the elements
    under the Document; ``tree`` and ``owners``: the page's parent-tree array (the element
    of each MCID); ``link_elements``: (link index, element) of each Link element."""

    elements: tuple[tuple[bytes, tuple], ...]
    top: tuple[int, ...]
    tree: bytes
    owners: tuple[int, ...]
    link_elements: tuple[tuple[int, int], ...]
    links: int


@lru_cache(maxsize=4096)
def plan(marks: Marks) -> Plan:
    """What the structure elements of a page with ``marks`` are (see :class:`Plan`): a pure
    function of the marks, kept, so an unchanged page in ``--watch`` costs a look-up."""
    elements: list[list] = []  # [tag, parent, kids, extra]; kids: ("m", mcid) | ("e", i) | ("a", n)
    owner: dict[int, int] = {}

    def element(tag: str, parent: int | str, extra: bytes = b"") -> int:
        elements.append([tag, parent, [], extra])
        if type(parent) is int:
            elements[parent][2].append(("e", len(elements) - 1))
        return len(elements) - 1

    def content(elem: int, marks) -> None:
        for m in marks:
            elements[elem][2].append(("m", m.mcid))
            owner[m.mcid] = elem

    top = []
    link_elements = []
    for group in _groups(marks):
        first = group[0]
        if isinstance(first, LinkMark):
            elem = element("Link", "d")
            elements[elem][2].append(("a", first.index))
            link_elements.append((first.index, elem))
            top.append(elem)
            continue
        if first.tag == "LI":
            top.append(lst := element("L", "d"))
            for m in group:
                content(element("LBody", element("LI", lst)), [m])
        elif first.tag in CELLS:
            top.append(table := element("Table", "d"))
            cells: dict[int, list] = {}  # a cell's marks, its link after them
            cell = None
            for m in group:
                cell = m.cell if isinstance(m, Mark) else cell
                cells.setdefault(cell, []).append(m)
            for row in _rows(list(cells.values())):
                tr = element("TR", table)
                for marks_of_cell in row:
                    first_of_cell = marks_of_cell[0]
                    header = first_of_cell.tag == "TH"
                    td = element(first_of_cell.tag, tr, b" /A << /O /Table /Scope /Column >>"
                                 if header else b"")
                    content(td, [m for m in marks_of_cell if isinstance(m, Mark)])
                    for link in (m for m in marks_of_cell if isinstance(m, LinkMark)):
                        elements[elem := element("Link", td)][2].append(("a", link.index))
                        link_elements.append((link.index, elem))
        else:
            extra = b"" if first.alt is None else b" /Alt " + pdf_text(first.alt)
            top.append(elem := element(first.tag, "d", extra))
            content(elem, group)
    templates = []
    document, page = len(elements), len(elements) + 1  # (the slots, see Plan)
    for tag, parent, kids, extra in elements:
        parts, slots = [], []
        for kind, value in kids:
            if kind == "m":
                parts.append(b"%d" % value)
            elif kind == "e":
                parts.append(b"%d 0 R")
                slots.append(value)
            else:
                parts.append(b"<< /Obj %d 0 R /Pg %d 0 R /Type /OBJR >>")
                slots += [page + 1 + value, page]
        slots += [document if parent == "d" else parent, page]
        templates.append((b"<< /K [ " + b" ".join(parts) + b" ] /P %d 0 R /Pg %d 0 R /S /"
                          + tag.encode("ascii") + extra.replace(b"%", b"%%")
                          + b" /Type /StructElem >>", tuple(slots)))
    owners = tuple(owner[i] for i in sorted(owner))
    tree = b"[ " + b" ".join(b"%d 0 R" for _ in owners) + b" ]"
    return Plan(tuple(templates), tuple(top), tree, owners, tuple(link_elements),
                sum(isinstance(m, LinkMark) for m in marks))


def _rows(cells: list[list]) -> list[list[list]]:
    """A table's cells (each its marks) in rows: the column headers first, then one row per
    row of the grid (the cells whose boxes begin at one height: one time slot across the
    rooms, read as a sighted reader reads across), top to bottom; a cell drawn on no box
    is a row of its own."""
    header = [c for c in cells if c[0].tag == "TH"]
    rows: dict[object, list] = {}
    for index, c in enumerate(cells):
        if c[0].tag != "TH":
            rows.setdefault(c[0].row if c[0].row is not None else ("alone", index), []).append(c)
    ordered = sorted(rows.items(), key=lambda kv: (1, 0.0, kv[0][1]) if isinstance(kv[0], tuple)
                     else (0, -kv[0], 0))
    return ([header] if header else []) + [row for _, row in ordered]


def pdf_text(text: str) -> bytes:
    """``text`` as a PDF text string: a literal for printable ASCII, else UTF-16BE."""
    if text.isascii() and text.isprintable():
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return ("(" + escaped + ")").encode("ascii")
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _groups(marks: Marks) -> list[list[Mark | LinkMark]]:
    """Marks grouped into the elements they make: lines of one paragraph (same tag and size,
    one after another), lines of one table cell, consecutive list items and cells (a list, a
    table); a figure, a form or a link alone."""
    groups: list[list[Mark | LinkMark]] = []
    for mark in marks:
        last = groups[-1][-1] if groups else None
        cell = _cell_of(groups[-1]) if groups else None
        if isinstance(mark, LinkMark) and isinstance(last, Mark) and last.tag in CELLS:
            groups[-1].append(mark)  # a cell's link, nested in its cell
        elif isinstance(mark, Mark) and cell is not None and mark.tag in CELLS:
            groups[-1].append(mark)  # the next cell of the table
        elif isinstance(mark, Mark) and isinstance(last, Mark) and mark.tag == last.tag and (
                (mark.tag in ("P", "H1", "H2", "H3") and mark.size == last.size)
                or mark.tag == "LI"):
            groups[-1].append(mark)
        else:
            groups.append([mark])
    return groups


def _cell_of(group: list) -> Mark | None:
    """The group's first mark when the group is a table."""
    first = group[0]
    return first if isinstance(first, Mark) and first.tag in CELLS else None
