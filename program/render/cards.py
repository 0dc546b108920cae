"""Badge-back cards as PDF: the sheets and trim-size cards :mod:`program.layout.card_frames`
lays out, rendered.

``render_card_products(schedule, options) -> (sheets, single cards)``: both products from one
layout of the cards.
"""
from __future__ import annotations

from program.layout.card_frames import card_bleed, card_meta, card_pages
from program.language import language_of
from program.model import Schedule
from program.render.frames import render
from program.options import Options
from program.render.pages import ProductResult


def render_card_products(schedule: Schedule,
                         options: Options) -> tuple[ProductResult, ProductResult]:
    """The card sheets and the trim-size cards, from one layout (which also gives the
    warnings, reported once with the sheets)."""
    sheets, singles, warnings = card_pages(schedule, options.card, options.paper, options.clock,
                                           options.qr, card_bleed(options.bleed_mm))
    lang = language_of(schedule)
    return (ProductResult(render(sheets, card_meta(schedule, lang.text("Badge cards"))),
                          len(sheets), warnings),
            ProductResult(render(singles, card_meta(schedule, lang.text("Badge card (trim size)"))),
                          len(singles)))
