"""A ReportLab canvas that compresses each finished page on a second thread.

ReportLab Flate-compresses every page's content stream when the document is written, one
after the other, after all drawing is done: a 1,300-page booklet spends over a second there.
``zlib.compress`` releases the interpreter lock, so :class:`PageCanvas` hands each page's
stream to a worker thread as soon as the page is finished, where it is compressed while the
next pages are drawn. The bytes are exactly those ReportLab would write (same data, same
zlib call); only the time they are made changes.
"""
from __future__ import annotations

import queue
import threading
import zlib

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFStream
from reportlab.pdfgen.canvas import Canvas


class _Pending:
    """Bytes being compressed on the worker thread; ``result()`` waits for them."""

    def __init__(self, data: bytes):
        self.data: bytes | None = data
        self.value = b""
        self.done = threading.Event()

    def result(self) -> bytes:
        self.done.wait()
        return self.value


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
        self._compressor: _Compressor | None = None

    def showPage(self) -> None:
        super().showPage()
        page = self._doc.Pages.pages[-1]
        if page.compression and page.stream and not page.Contents and not rl_config.useA85:
            if self._compressor is None:
                self._compressor = _Compressor()
            data = page.stream.encode("utf8")  # as ReportLab's Flate filter encodes it
            page.Contents = _CompressedStream(self._compressor.submit(data))

    def save(self) -> None:
        try:
            super().save()
        finally:
            if self._compressor is not None:
                self._compressor.shutdown()
                self._compressor = None
