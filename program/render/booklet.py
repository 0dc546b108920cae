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
    pages, meta, warnings = booklet_pages(schedule, options)
    pdf, uri_links = render_document(pages, meta, PackedCanvas)  # (faster, smaller)
    return ProductResult(pdf, len(pages), warnings, uri_links)
