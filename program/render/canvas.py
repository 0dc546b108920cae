"""A ReportLab canvas that compresses each finished page on a second thread.

ReportLab Flate-compresses every page's content stream when the document is written, one
after the other, after all drawing is done: a 1,300-page booklet spends over a second there.
``zlib.compress`` releases the interpreter lock, so :class:`PageCanvas` hands each page's
stream to a worker thread as soon as the page is finished, where it is compressed while the
next pages are drawn. The bytes are exactly those ReportLab would write (same data, same
zlib call); only the time they are made changes.
"""
from __future__ import annotations

import zlib
from concurrent.futures import Future, ThreadPoolExecutor

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFStream
from reportlab.pdfgen.canvas import Canvas


class _CompressedStream(PDFStream):
    """A page content stream whose Flate-compressed bytes are being made elsewhere."""

    def __init__(self, compressed: Future):
        super().__init__()
        self.compressed = compressed
        self.dictionary["Filter"] = PDFArray([PDFName("FlateDecode")])  # applied already
        self.__Comment__ = "page stream"

    def format(self, document) -> bytes:
        self.content = self.compressed.result()
        return super().format(document)


class PageCanvas(Canvas):
    """``reportlab.pdfgen.canvas.Canvas`` with page streams compressed on a worker thread
    (see the module docstring). The thread ends when the document is saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._compressor: ThreadPoolExecutor | None = None

    def showPage(self) -> None:
        super().showPage()
        page = self._doc.Pages.pages[-1]
        if page.compression and page.stream and not page.Contents and not rl_config.useA85:
            if self._compressor is None:
                self._compressor = ThreadPoolExecutor(max_workers=1)
            data = page.stream.encode("utf8")  # as ReportLab's Flate filter encodes it
            page.Contents = _CompressedStream(self._compressor.submit(zlib.compress, data))

    def save(self) -> None:
        try:
            super().save()
        finally:
            if self._compressor is not None:
                self._compressor.shutdown()
                self._compressor = None
