"""A ReportLab canvas that compresses each finished page on a second thread and writes
page dictionaries without ReportLab's generic formatting.

ReportLab Flate-compresses every page's content stream when the document is written, one
after the other, after all drawing is done: a 1,300-page booklet spends over a second there.
``zlib.compress`` releases the interpreter lock, so :class:`PageCanvas` hands each page's
stream to a worker thread as soon as the page is finished, where it is compressed while the
next pages are drawn.

Writing the document, ReportLab formats every value through one generic dispatcher (names
re-escaped character by character, numbers and references one call each). For the page
dictionaries and their arrays of link references (a 1,300-page booklet has 16,000 links)
that was most of the writing time; :func:`pdf_bytes` formats those few kinds directly.

The bytes are exactly those ReportLab would write (same data, same zlib call, same
formatting rules); only the time and the way they are made change.
"""
from __future__ import annotations

import hashlib
import queue
import threading
import zlib

from reportlab import rl_config
from collections import OrderedDict

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import (PDFArray, PDFCrossReferenceTable, PDFDictionary,
                                      PDFDocument, PDFFile, PDFName, PDFObject,
                                      PDFObjectReference, PDFPage, PDFResourceDictionary,
                                      PDFStream, PDFTrailer, format as rl_format)
from reportlab.pdfgen.canvas import Canvas

from program.memo import Memo, warm


class _Pending:
    """Bytes being compressed on the worker thread; ``result()`` waits for them."""

    def __init__(self, data: bytes):
        self.data: bytes | None = data
        self.value = b""
        self.done = threading.Event()

    def result(self) -> bytes:
        self.done.wait()
        return self.value


#: Compressed page streams by SHA-1 of their uncompressed bytes, kept for later builds in
#: this process (``--watch``: most pages of a rebuild are the same as before; for the mega
#: schedule, compressing them all again kept the rebuild waiting for ~0.3 s).
_KEPT: Memo = Memo(20000, warm_only=True)


class _Compressor:
    """One worker thread that Flate-compresses what it is given, in order. (Not
    concurrent.futures: it imports logging and more, 10 ms of a small booklet's start.)"""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[_Pending | None] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (job := self.jobs.get()) is not None:
            job.value = zlib.compress(job.data)
            job.data = None
            job.done.set()

    def submit(self, data: bytes) -> _Pending:
        """The compressed ``data``: made on the thread, or remembered from an earlier page
        (in ``--watch``, see ``_KEPT``)."""
        if not warm():
            return self._queue(data)
        key = hashlib.sha1(data).digest()
        job = _KEPT.get(key)
        return job if job is not None else _KEPT.keep(key, self._queue(data))

    def _queue(self, data: bytes) -> _Pending:
        job = _Pending(data)
        self.jobs.put(job)
        return job

    def shutdown(self) -> None:
        self.jobs.put(None)
        self.thread.join()


class _CompressedStream(PDFStream):
    """A page content stream whose Flate-compressed bytes are being made elsewhere."""

    def __init__(self, compressed: _Pending):
        super().__init__()
        self.compressed = compressed
        self.dictionary["Filter"] = _FLATE  # applied already
        self.__Comment__ = "page stream"

    def format(self, document) -> bytes:
        if not _plain_style():
            self.content = self.compressed.result()
            return super().format(document)
        content = document.encrypt.encode(self.compressed.result())
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

    def format(self) -> bytes:
        if not _plain_style():
            return super().format()
        self.encrypt.prepare(self)
        catalog, info = self.Catalog, self.info
        self.Reference(catalog)
        self.Reference(info)
        encrypt_info = self.encrypt.info()
        encrypt_ref = self.Reference(encrypt_info) if encrypt_info else None
        out = self.__accum__ = PDFFile(self._pdfVersion)  # objects may look at it
        ids = []
        number = 0
        while (number := number + 1) in self.numberToId:  # objects may add objects
            oid = self.numberToId[number]
            obj = self.idToObject[oid]
            n, version = self.idToObjectNumberAndVersion[oid]
            self.encrypt.register(n, version)
            body = obj.format(self) if isinstance(obj, PDFObject) else rl_format(obj, self, 1)
            self.idToOffset[oid] = out.add(b"%d %d obj\n" % (n, version) + body
                                           + (b"" if body.endswith(b"\n") else b"\n")
                                           + b"endobj\n")
            ids.append(oid)
        del self.__accum__
        if number - 1 != len(self.numberToId):
            raise ValueError(f"{number - 1} objects written of {len(self.numberToId)}")
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


class PageCanvas(Canvas):
    """``reportlab.pdfgen.canvas.Canvas`` with page streams compressed on a worker thread
    (see the module docstring). The thread ends when the document is saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if type(self._doc) is PDFDocument:
            self._doc.__class__ = _Document  # the same document, written faster
        self._compressor: _Compressor | None = None

    def showPage(self) -> None:
        super().showPage()
        page = self._doc.Pages.pages[-1]
        if type(page) is PDFPage:
            page.__class__ = _Page  # the same page, written faster (see the docstring)
        if page.compression and page.stream and not page.Contents and not rl_config.useA85:
            if self._compressor is None:
                self._compressor = _Compressor()
            data = page.stream.encode("utf8")  # as ReportLab's Flate filter encodes it
            page.Contents = _CompressedStream(self._compressor.submit(data))
            page.stream = None  # written from Contents now: let the page's text go

    def save(self) -> None:
        try:
            super().save()
        finally:
            if self._compressor is not None:
                self._compressor.shutdown()
                self._compressor = None
