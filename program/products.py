"""Every product the build makes, in one table (:data:`PRODUCTS`).

A :class:`Product` names its files (suffixes of the schedule's name, one per result), the
products it is made from (``needs``: the imposed booklet needs the booklet), its ``make``
function ``(printed, made) -> results`` and whether it runs in the background (a second
process at low priority, while this one makes the booklet). Adding a product is one row
here; ``build()`` only walks the table (:func:`make_products`). (Name badges are not a row:
they need an attendee list besides the schedule; ``program badges`` makes them.)
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterator, Mapping

from program.errors import UserError
from program.model import Schedule
from program.options import Options
from program.parallel import Stream
from program.render.pages import ProductResult


@dataclass(frozen=True)
class Printed:
    """The schedule as printed (``prepare.checked``: talk URLs filled, links mended) and the
    options every product is made with (``build.resolve``: resolved once)."""

    schedule: Schedule
    options: Options


#: Results so far, by product name (what a product that ``needs`` others is given).
Made = Mapping[str, tuple[ProductResult, ...]]


@dataclass(frozen=True)
class Product:
    """One row of the table: see the module docstring."""

    name: str
    files: tuple[str, ...]
    make: Callable[[Printed, Made], tuple[ProductResult, ...]]
    needs: tuple[str, ...] = ()
    background: bool = False
    #: checks the options only this product uses (a UserError), before anything is made
    check: Callable[[Options], None] | None = None
    #: made when no products are named (False: only when asked for by name)
    default: bool = True


#: past this many bytes a booklet is too big to attach to the attendee email
EMAIL_LIMIT = 8 * 1024 * 1024
#: the email edition's product name
LIGHT = "booklet-light"


def email_warning(size: int, limit: int = EMAIL_LIMIT, product: str = "booklet") -> str | None:
    """The warning for ``product``'s PDF of ``size`` bytes past ``limit`` (too big to email),
    else None: the booklet's names the email edition, the email edition's says it is too big
    still."""
    if size <= limit:
        return None
    too_big = (f"{product}: {size / 1024 / 1024:.1f} MB is too big to attach to an email "
               f"(more than {limit / 1024 / 1024:.0f} MB)")
    if product == LIGHT:
        return f"{too_big} even without abstracts and with images at screen resolution; " \
               f"send a link to it instead"
    return f"{too_big}; send a link, or build the email edition with --products {LIGHT} " \
           f"(no abstracts, images at screen resolution)"


def _booklet(printed: Printed, made: Made) -> tuple[ProductResult, ...]:
    return (_emailed(printed, printed.options, "booklet"),)


def _booklet_light(printed: Printed, made: Made) -> tuple[ProductResult, ...]:
    """The booklet for the attendee email: without abstracts, images at screen resolution,
    at trim size (no --bleed or crop marks: it is read on screen)."""
    from program.sources.logo import SCREEN_DPI

    options = replace(printed.options, abstracts=False, image_dpi=SCREEN_DPI, bleed_mm=None)
    return (_emailed(printed, options, LIGHT),)


def _emailed(printed: Printed, options: Options, product: str) -> ProductResult:
    """The booklet made with ``options``, warned about when it is too big to email."""
    from program.render.booklet import render_booklet

    result = render_booklet(printed.schedule, options)
    warning = email_warning(len(result.pdf), product=product)
    return replace(result, warnings=result.warnings + (warning,)) if warning else result


def _imposed(printed: Printed, made: Made) -> tuple[ProductResult, ...]:
    """Saddle stitch: the booklet's pages in saddle-stitch order, two per sheet side (with a
    warning past about 64 pages). Perfect binding: the booklet's single pages in reading
    order with crop marks, for the print shop's guillotine (and the bleed, when --bleed
    gave one: then they are the booklet's pages; else the booklet is laid out once more,
    with marks). The build summary prints the spine width."""
    from program.impose import impose, padding  # pypdf: imported only when asked for
    from program.layout.binding import binding_warning

    (booklet,) = made["booklet"]
    options = printed.options
    if options.binding == "perfect":
        if not options.bleed_mm:
            from program.render.booklet import render_booklet

            booklet = render_booklet(printed.schedule, replace(options, crop_marks=True))
        return (ProductResult(booklet.pdf, booklet.pages, (), booklet.uri_links),)
    sides = (booklet.pages + padding(booklet.pages)) // 2
    warning = binding_warning(booklet.pages + padding(booklet.pages), "saddle")
    return (ProductResult(impose(booklet.pdf, options.creep_mm, booklet.uri_links),
                          sides, (warning,) if warning else ()),)


def _handout(printed: Printed, made: Made) -> tuple[ProductResult, ...]:
    from program.render.handout import render_handout

    return (render_handout(printed.schedule, printed.options),)


def _cards(printed: Printed, made: Made) -> tuple[ProductResult, ...]:
    """The card sheets and the trim-size cards, from one layout."""
    from program.render.cards import render_card_products

    return tuple(render_card_products(printed.schedule, printed.options))


def check_card(options: Options) -> None:
    """A UserError for a ``--card`` size that cannot be read or does not fit on its sheet
    (the sheet the cards use beside the booklet's paper)."""
    from program.layout.card_frames import card_bleed, imposition
    from program.layout.cards import CardSizeError, parse_card_size
    from program.layout.paper import sheet_for

    try:
        trim = parse_card_size(options.card)
    except CardSizeError as exc:
        raise UserError(str(exc)) from None
    imposition(trim, sheet_for(options.paper), card_bleed(options.bleed_mm))


def _door_signs(printed: Printed, made: Made) -> tuple[ProductResult, ...]:
    """A page per room per day (program.layout.door_signs)."""
    from program.layout.door_signs import door_sign_meta, door_sign_pages
    from program.render.frames import render

    options = printed.options
    pages, warnings = door_sign_pages(printed.schedule, options.paper, options.clock,
                                      options.qr, options.version)
    return (ProductResult(render(pages, door_sign_meta(printed.schedule)), len(pages),
                          warnings),)


def _poster_boards(printed: Printed, made: Made) -> tuple[ProductResult, ...]:
    """A sign per poster board (program.layout.poster_boards)."""
    from program.layout.poster_boards import poster_board_meta, poster_board_pages
    from program.render.frames import render

    options = printed.options
    pages, warnings = poster_board_pages(printed.schedule, options.paper, options.clock,
                                         options.qr)
    return (ProductResult(render(pages, poster_board_meta(printed.schedule)), len(pages),
                          warnings),)


def _ics(printed: Printed, made: Made) -> tuple[ProductResult, ...]:
    from program.export_ics import to_ics  # icalendar: imported only when asked for

    return (ProductResult(to_ics(printed.schedule), 0),)


PRODUCTS: tuple[Product, ...] = (
    Product("booklet", ("-booklet.pdf",), _booklet),
    Product("imposed", ("-booklet-imposed.pdf",), _imposed, needs=("booklet",)),
    Product("handout", ("-handout.pdf",), _handout, background=True),
    Product("cards", ("-cards.pdf", "-card.pdf"), _cards, background=True, check=check_card),
    Product("door-signs", ("-door-signs.pdf",), _door_signs, background=True),
    Product("ics", (".ics",), _ics, background=True),
    Product("poster-boards", ("-poster-boards.pdf",), _poster_boards, background=True,
            default=False),
    Product(LIGHT, ("-booklet-light.pdf",), _booklet_light, default=False),
)
NAMES = tuple(p.name for p in PRODUCTS)
#: what a build makes when no products are named
DEFAULTS = tuple(p.name for p in PRODUCTS if p.default)
BY_NAME = {p.name: p for p in PRODUCTS}
# a background product is made in another process, from the schedule alone
assert not any(p.background and p.needs for p in PRODUCTS)

#: How much lower the background process's CPU priority is: the booklet (and its own
#: helper process) come first, as a --watch user looks at the booklet.
BACKGROUND_NICE = 19


def products_named(names: tuple[str, ...]) -> tuple[Product, ...]:
    """The products ``names`` asks for (empty: every default one), in table order; an
    unknown name is a UserError."""
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        raise UserError(f"unknown product {unknown[0]!r}; choose from {', '.join(NAMES)}")
    return tuple(p for p in PRODUCTS if p.name in names or (not names and p.default))


def make_products(printed: Printed, asked: tuple[Product, ...], *, watch: bool = False,
                  progress: Callable[[str], None] = lambda _: None,
                  ) -> Iterator[tuple[Product, tuple[ProductResult, ...]]]:
    """(product, its results: one per file) for each of ``asked``, in table order, as each
    is made; the products they need are made too (and not yielded).

    The background products are made in a second process, at a lower priority, from the
    start (``watch``: once the first product here is made, as that is what its user waits
    for), on the CPU the others leave idle."""
    wanted = [p for p in PRODUCTS if p in asked or any(p.name in a.needs for a in asked)]
    background = [p for p in wanted if p.background]

    def start() -> Iterator[tuple[ProductResult, ...]]:
        if not background:
            return iter(())
        return iter(Stream(lambda: (p.make(printed, {}) for p in background),
                           jobs=printed.options.jobs, nice=BACKGROUND_NICE))

    others = None if watch else start()
    made: dict[str, tuple[ProductResult, ...]] = {}
    for product in wanted:
        progress(f"making {product.name}…")
        if product.background:
            others = others or start()
            made[product.name] = next(others)
        else:
            made[product.name] = product.make(printed, made)
            others = others or start()
        if product in asked:
            yield product, made[product.name]
