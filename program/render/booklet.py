"""The booklet PDF: the pages :mod:`program.layout.book` lays out, rendered.

``render_booklet(schedule, options) -> ProductResult`` (PDF bytes, page count, warnings, and
the URL links, for the imposed booklet).
"""
from __future__ import annotations

from program.layout.book import booklet_pages
from program.model import Schedule
from program.options import Options
from program.render.canvas import PackedCanvas
from program.render.frames import render_document
from program.render.pages import ProductResult


def render_booklet(schedule: Schedule, options: Options) -> ProductResult:
    """Lay out and render the whole booklet."""
    laid_out, meta, warnings = booklet_pages(schedule, options)
    # the list is handed over: render_document lets each page go once drawn (the mega
    # booklet's frames are ~100 MB, and the document is finished, the structure tree and
    # the writing, after the last page)
    pages, count = list(laid_out), len(laid_out)
    del laid_out
    pdf, uri_links = render_document(pages, meta, PackedCanvas,  # (faster, smaller)
                                     jobs=options.jobs)
    return ProductResult(pdf, count, warnings, uri_links)
