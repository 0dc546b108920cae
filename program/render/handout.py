"""The handout PDF: the pages :mod:`program.layout.handout` lays out, rendered.

``render_handout(schedule, options) -> ProductResult``.
"""
from __future__ import annotations

from program.layout.handout import handout_meta, handout_pages
from program.model import Schedule
from program.render.frames import render
from program.options import Options
from program.render.pages import ProductResult


def render_handout(schedule: Schedule, options: Options) -> ProductResult:
    """One page per day; warnings name every item whose text was abbreviated."""
    pages, warnings = handout_pages(schedule, options.paper, options.clock, options.qr)
    return ProductResult(render(pages, handout_meta(schedule)), len(pages), warnings)
