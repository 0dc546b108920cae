"""A ReportLab canvas that compresses each finished page as it ends and writes page
dictionaries without ReportLab's generic formatting.

ReportLab Flate-compresses every page's content stream when the document is written, one
after the other, after all drawing is done, keeping every page's text until then.
:class:`PageCanvas` compresses each page's stream as soon as the page ends (the same zlib
call: the same bytes) and lets the text go; in ``--watch`` a stream compressed before is
taken from :data:`COMPRESSED`. (A worker thread compressing beside the drawing was tried
and removed: it waited for the interpreter lock after every page, so that most pages were
still to compress when the document was written, and it was no faster; ``make bench``.)

Writing the document, ReportLab formats every value through one generic dispatcher (names
re-escaped character by character, numbers and references one call each). For the page
dictionaries and their arrays of link references (a 1,300-page booklet has 16,000 links)
that was most of the writing time; :func:`pdf_bytes` formats those few kinds directly.

The bytes are exactly those ReportLab would write (same data, same zlib call, same
formatting rules); only the time and the way they are made change.
"""
from __future__ import annotations

import hashlib
import struct
import zlib
from itertools import accumulate

from reportlab import rl_config
from collections import OrderedDict

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import (PDFArray, PDFCrossReferenceTable, PDFDictionary,
                                      PDFDocument, PDFFile, PDFName, PDFObject,
                                      PDFObjectReference, PDFPage, PDFResourceDictionary,
                                      PDFStream, PDFTrailer, format as rl_format)
from reportlab.pdfgen.canvas import Canvas

from program.memo import Memo, warm


#: Compressed streams by SHA-1 of their uncompressed bytes, kept for later builds in this
#: process (``--watch``: most pages of a rebuild are the same as before; for the mega
#: schedule, compressing them all again kept the rebuild waiting for ~0.3 s).
COMPRESSED: Memo = Memo(20000, warm_only=True)


def compressed(data: bytes) -> bytes:
    """``data`` Flate-compressed as ReportLab's filter compresses it (in ``--watch``,
    remembered: :data:`COMPRESSED`)."""
    if not warm():
        return zlib.compress(data)
    key = hashlib.sha1(data).digest()
    found = COMPRESSED.get(key)
    return found if found is not None else COMPRESSED.keep(key, zlib.compress(data))


class _CompressedStream(PDFStream):
    """A page content stream compressed already (``data``: its Flate-compressed bytes)."""

    def __init__(self, data: bytes):
        super().__init__()
        self.data = data
        self.dictionary["Filter"] = _FLATE  # applied already
        self.__Comment__ = "page stream"

    def format(self, document) -> bytes:
        if not _plain_style():
            self.content = self.data
            return super().format(document)
        content = document.encrypt.encode(self.data)
        head = _dictionary_bytes([("Filter", _FLATE), ("Length", len(content))], document)
        return head + b"\nstream\n" + content + b"endstream\n"


_FLATE = PDFArray([PDFName("FlateDecode")])


def _plain_style() -> bool:
    """True for ReportLab's default one-line style, the one written here directly; its
    debugging styles (``pdfMultiLine``, ``pdfComments``) are left to ReportLab."""
    return not (rl_config.pdfMultiLine or rl_config.pdfComments)


def pdf_bytes(value, document) -> bytes:
    """``value`` (a part of a PDF object) as ReportLab's ``pdfdoc.format`` writes it, the
    common kinds (references, arrays, dictionaries, names, numbers) directly, the rest
    handed to ReportLab. Only for ReportLab's default one-line style (:func:`_plain_style`),
    which its callers check."""
    kind = type(value)
    if kind is PDFObjectReference:
        return b"%d %d R" % document.idToObjectNumberAndVersion[value.name]
    if kind is PDFArray and value.multiline != "forced":
        parts = [pdf_bytes(v, document) for v in value.sequence]
        for i in reversed(range(10, len(parts), 10)):  # ReportLab breaks the line every 10
            parts.insert(i, b"\n ")
        return b"[ " + b" ".join(parts) + b" ]"
    if kind is PDFDictionary and value.multiline != "forced":
        entries = value.dict
        keys = list(entries) if isinstance(entries, OrderedDict) else sorted(entries)
        return _dictionary_bytes([(k, entries[k]) for k in keys], document)
    if kind is PDFResourceDictionary:
        return _dictionary_bytes(_resources(value), document)
    if kind is str and value.isascii() and value.isprintable():
        return value.encode("ascii")
    if kind is int or kind is float:
        return fp_str(value).encode("ascii")
    return rl_format(value, document)


def _dictionary_bytes(items: list[tuple[str, object]], document) -> bytes:
    """Sorted (key, value) pairs as ReportLab's one-line ``PDFDictionary`` (a break every
    6 entries)."""
    parts = [_name(k) + b" " + pdf_bytes(v, document) for k, v in items]
    for i in reversed(range(6, len(parts), 6)):
        parts.insert(i, b"\n ")
    return b"<<\n" + b" ".join(parts) + b"\n>>"


def _resources(value: PDFResourceDictionary) -> list[tuple[str, object]]:
    """The entries ReportLab's ``PDFResourceDictionary.format`` writes, sorted: its
    non-empty sub-dictionaries and its ProcSet."""
    entries: dict[str, object] = {}
    for key in value.dict_attributes:
        v = getattr(value, key)
        if isinstance(v, dict):
            if v:
                entries[key] = PDFDictionary(v)
        else:
            entries[key] = v
    procs = value.ProcSet
    if isinstance(procs, (list, tuple)):
        if procs:
            entries["ProcSet"] = PDFArray(procs)
    else:
        entries["ProcSet"] = procs
    return sorted(entries.items())


_NAMES: dict[str, bytes] = {}


def _name(key: str) -> bytes:
    """A dictionary key as a PDF name (ReportLab's escaping, remembered)."""
    name = _NAMES.get(key)
    if name is None:
        name = _NAMES[key] = PDFName(key).encode("ascii")
    return name


class _Page(PDFPage):
    """A page dictionary written by :func:`pdf_bytes`: the same entries as ReportLab's
    ``PDFPage`` (whose ``check_format`` still fills in the defaults), the same bytes."""

    def format(self, document) -> bytes:
        if not _plain_style():
            return super().format(document)
        self.check_format(document)
        entries = {}
        for k, v in self.__Defaults__.items():
            v = getattr(self, k, v)
            if v is not None:
                entries[k] = v
        for k in self.__NoDefault__:
            v = getattr(self, k, None)
            if v is not None:
                entries[k] = v
        for k in self.__Refs__:
            if k in entries:
                entries[k] = document.Reference(entries[k])
        return _dictionary_bytes(sorted(entries.items()), document)


class _Document(PDFDocument):
    """ReportLab's document, its objects written by a leaner loop: the same order, numbers,
    offsets, cross-reference table and trailer as ``PDFDocument.format``, without a wrapper
    object and two text-codec passes per object (a third of the writing time of 20,000
    objects). In ReportLab's debugging styles its own loop runs."""

    #: write the objects without a stream into compressed object streams (see _packed)
    object_streams = False

    def format(self) -> bytes:
        if not _plain_style():
            return super().format()
        self.encrypt.prepare(self)
        catalog, info = self.Catalog, self.info
        self.Reference(catalog)
        self.Reference(info)
        encrypt_info = self.encrypt.info()
        encrypt_ref = self.Reference(encrypt_info) if encrypt_info else None
        pack = self.object_streams and encrypt_info is None and not getattr(
            self, "_digiSigs", None)
        out = self.__accum__ = PDFFile(max(self._pdfVersion, (1, 5)) if pack
                                       else self._pdfVersion)  # objects may look at it
        ids: list[str] = []
        packed: list[tuple[int, bytes]] = []  # (number, body) of objects in object streams
        # (the dictionaries and methods as locals: this loop runs once per object, 80,000
        # times for the mega booklet)
        number_to_id, objects = self.numberToId, self.idToObject
        numbers, offsets, register = self.idToObjectNumberAndVersion, self.idToOffset, \
            self.encrypt.register
        keep_id, keep_packed = ids.append, packed.append
        number = 0
        while (number := number + 1) in number_to_id:  # objects may add objects
            oid = number_to_id[number]
            obj = objects[oid]
            n, version = numbers[oid]
            register(n, version)
            body = obj.format(self) if isinstance(obj, PDFObject) else rl_format(obj, self, 1)
            keep_id(oid)
            if pack and b"stream" not in body:
                keep_packed((n, body))
                continue
            offsets[oid] = out.add(b"%d %d obj\n" % (n, version) + body
                                   + (b"" if body.endswith(b"\n") else b"\n") + b"endobj\n")
        del self.__accum__
        if number - 1 != len(self.numberToId):
            raise ValueError(f"{number - 1} objects written of {len(self.numberToId)}")
        if pack:
            return self._packed(out, packed, catalog, info)
        xref = PDFCrossReferenceTable()
        xref.addsection(0, ids)
        xref_offset = out.add(xref.format(self))
        trailer = PDFTrailer(startxref=xref_offset, Size=len(self.numberToId) + 1,
                             Root=self.Reference(catalog), Info=self.Reference(info),
                             Encrypt=encrypt_ref, ID=self.ID())
        out.add(trailer.format(self))
        for signature in getattr(self, "_digiSigs", []):
            signature.sign(out)
        return out.format(self)

    def _packed(self, out: PDFFile, packed: list[tuple[int, bytes]], catalog, info) -> bytes:
        """The end of the file when the objects without a stream go into compressed object
        streams (PDF 1.5): those streams, then a cross-reference stream in place of the
        table and trailer. The many small dictionaries of a tagged booklet (structure
        elements, link annotations) take half the space otherwise."""
        numbers = self.idToObjectNumberAndVersion
        entries = {numbers[oid][0]: (1, offset, 0) for oid, offset in self.idToOffset.items()}
        number = len(self.numberToId)
        streams = []  # (number, length of the head, objects, compressed bytes)
        for start in range(0, len(packed), _PER_STREAM):
            chunk = packed[start:start + _PER_STREAM]
            number += 1
            bodies = [body for _, body in chunk]
            places = accumulate([len(body) + 1 for body in bodies[:-1]], initial=0)
            first = b" ".join([b"%d %d" % (n, place) for (n, _), place in zip(chunk, places)]) \
                + b"\n"
            entries.update((n, (2, number, index)) for index, (n, _) in enumerate(chunk))
            data = first + b"\n".join(bodies) + b"\n"
            # (in --watch, kept: a rebuild after one edit changes few of them)
            streams.append((number, len(first), len(chunk), compressed(data)))
        for number, first, count, data in streams:
            entries[number] = (1, out.offset, 0)
            out.add(b"%d 0 obj\n<< /First %d /Filter /FlateDecode /Length %d /N %d /Type "
                    b"/ObjStm >>\nstream\n" % (number, first, len(data), count)
                    + data + b"\nendstream\nendobj\n")
        number += 1
        xref_offset = out.offset
        entries[number] = (1, xref_offset, 0)
        row = _XREF_ROW.pack
        data = zlib.compress(b"\x00\x00\x00\x00\x00\xff\xff"
                             + b"".join([row(*entries[n]) for n in range(1, number + 1)]))
        ident = self.ID().split(b"%")[0].strip()
        root, meta = numbers[self.Reference(catalog).name], numbers[self.Reference(info).name]
        out.add(b"%d 0 obj\n<< /Filter /FlateDecode /ID %s /Info %d 0 R /Length %d /Root %d 0 R "
                b"/Size %d /Type /XRef /W [ 1 4 2 ] >>\nstream\n"
                % (number, ident, meta[0], len(data), root[0], number + 1)
                + data + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_offset)
        return out.format(self)


#: Objects per object stream (as qpdf writes them).
_PER_STREAM = 100
#: A cross-reference stream's row (``/W [ 1 4 2 ]``): kind, offset or stream, generation or index.
_XREF_ROW = struct.Struct(">BIH")


class PageCanvas(Canvas):
    """``reportlab.pdfgen.canvas.Canvas`` with each page's stream compressed as the page
    ends and the document written by the leaner formatter (see the module docstring)."""

    #: objects without a stream packed into compressed object streams (PDF 1.5; not the
    #: bytes ReportLab writes then, but the same objects)
    object_streams = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if type(self._doc) is PDFDocument:
            self._doc.__class__ = _Document  # the same document, written faster
            self._doc.object_streams = self.object_streams

    def showPage(self, compressed_stream: bytes | None = None) -> None:
        """End the page. ``compressed_stream``: its content stream as :meth:`stream_of`
        gave it in another process (what this canvas drew on the page is then left out:
        only what it added to the document counts, its links and anchors)."""
        super().showPage()
        page = self._doc.Pages.pages[-1]
        if type(page) is PDFPage:
            page.__class__ = _Page  # the same page, written faster (see the docstring)
        if compressed_stream is not None:
            page.Contents = _CompressedStream(compressed_stream)
            page.stream = None
        elif page.compression and page.stream and not page.Contents and not rl_config.useA85:
            data = page.stream.encode("utf8")  # as ReportLab's Flate filter encodes it
            page.Contents = _CompressedStream(compressed(data))
            page.stream = None  # written from Contents now: let the page's text go

    def can_take_streams(self) -> bool:
        """True when this canvas compresses its pages' streams as they end, which
        :meth:`stream_of` and ``showPage(compressed_stream=…)`` need."""
        return bool(self._pageCompression) and not rl_config.useA85

    def stream_of(self, page: int) -> bytes:
        """The compressed content stream of the ``page``-th page ended (0: the first), as
        this canvas writes it: what another process's canvas hands to ``showPage``. A
        ValueError when the page's stream was not compressed as ``showPage`` does it."""
        stream = self._doc.Pages.pages[page].Contents
        if not isinstance(stream, _CompressedStream):
            raise ValueError("the page's stream was not compressed as it ended")
        return stream.data


# --------------------------------------------------------------------------------------
# The document's objects, for the structure tree (program.render.tagging)
#
# ReportLab has no tagging API, so the structure tree is added to the canvas's document
# before it is written: objects registered with the document (``PDFDocument.Reference``)
# that write their own bytes, and entries added to page dictionaries and the catalog. Every
# use of ReportLab's internals for that is here (tests/render/test_canvas.py checks them on
# the installed ReportLab against a file ReportLab wrote).


class Written(PDFObject):
    """A PDF object written from a byte template: ``template % numbers``, the numbers being
    the object numbers of ``refs`` (names :func:`register` returned), looked up when the
    document is written (templates can so be made once per page's tags and kept); with no
    ``refs``, the template is the object's bytes."""

    __RefOnly__ = 1

    def __init__(self, template: bytes, refs: tuple[str, ...] = ()) -> None:
        self.template, self.refs = template, refs

    def format(self, document) -> bytes:
        if not self.refs:
            return self.template
        numbers = document.idToObjectNumberAndVersion
        return self.template % tuple([numbers[name][0] for name in self.refs])


def register(c: Canvas, obj: PDFObject) -> str:
    """``obj`` made an indirect object of ``c``'s document (numbered now, written with
    it), or found there; returns the name to refer to it by (:class:`Written`)."""
    return c._doc.Reference(obj).name


def new_object(c: Canvas, obj: PDFObject) -> tuple[str, int]:
    """``obj``, an object not registered before, made the next indirect object of ``c``'s
    document, as ``PDFDocument.Reference`` makes it (the same name and number) without
    its checks for an object known already (a structure element or a link annotation
    just made: 80,000 of them in the mega booklet); returns its name and number."""
    doc = c._doc
    number = doc.objectcounter + 1
    name = "R%d" % number
    if name in doc.idToObject:  # a name given by hand: ReportLab's own rules decide
        name = doc.Reference(obj).name
        return name, doc.idToObjectNumberAndVersion[name][0]
    doc.objectcounter = number
    obj.__InternalName__ = name
    doc.idToObjectNumberAndVersion[name] = (number, 0)
    doc.numberToId[number] = name
    doc.idToObject[name] = obj
    return name, number


def number(c: Canvas, name: str) -> int:
    """The object number of the registered object ``name`` in ``c``'s document."""
    return c._doc.idToObjectNumberAndVersion[name][0]


def pages(c: Canvas) -> list[PDFPage]:
    """The page objects of ``c``'s document so far, in order."""
    return c._doc.Pages.pages


def annotations(c: Canvas, page: PDFPage) -> list[tuple[str, PDFObject]]:
    """(name, object) of each annotation of a finished page, in the order they were added."""
    refs = page.Annots or []
    return [(r.name, c._doc.idToObject[r.name]) for r in refs]


def add_page_entries(page: PDFPage, entries: dict[str, object]) -> None:
    """``entries`` written into the page dictionary too (ReportLab writes the keys listed in
    its ``__NoDefault__``; this page lists more)."""
    for key, value in entries.items():
        setattr(page, key, value)
    keys = list(page.__NoDefault__)
    page.__NoDefault__ = keys + [k for k in entries if k not in keys]


def set_catalog_entries(c: Canvas, entries: dict[str, PDFObject]) -> None:
    """``entries`` (each written as an indirect object) set in the document catalog; the
    catalog writes only the keys ReportLab lists for it (StructTreeRoot, MarkInfo, …)."""
    catalog = c._doc.Catalog
    for key, value in entries.items():
        if key not in catalog.__NoDefault__:
            raise ValueError(f"ReportLab's catalog does not write /{key}")
        setattr(catalog, key, value)


class PackedCanvas(PageCanvas):
    """:class:`PageCanvas` writing its small objects into compressed object streams: the
    booklet's structure tree and links (a third of the size of a 200-page booklet)."""

    object_streams = True
