"""``program build``: the whole pipeline, readable top to bottom.

    sources -> model -> checks -> layout + render (per product) -> output

``build(path, settings) -> BuildResult`` reads and checks the schedule, renders every asked-for
product into memory, and only then writes them (atomically), so a failure leaves the last good
files in place and no partial file.
"""
from __future__ import annotations

import argparse
import gc
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from program.checks import ERROR, WARNING, Problem, check
from program.errors import UserError
from program.model import Schedule, Where
from program.output import write_atomic
from program.parallel import DEFAULT_JOBS, Stream
from program.render.pages import PAPERS, ProductResult, RenderOptions
from program.overrides import add_override_options, overrides_from
from program.sources.registry import format_names, load_schedule
from program.sources.transform import Overrides, apply_overrides

MAX_LOGO_PIXELS = 40_000_000
"""Larger logos are refused: decoding one would take gigabytes for nothing a page can show."""

PRODUCTS = ("booklet", "imposed", "handout", "cards", "ics")
DEFAULT_OUT = Path("out")


@dataclass(frozen=True)
class Settings:
    """What the command line asks for (None: take it from the schedule's theme)."""

    out_dir: Path = DEFAULT_OUT
    products: tuple[str, ...] = PRODUCTS
    paper: str | None = None
    clock: str | None = None
    qr: bool | None = None
    fmt: str | None = None
    strict: bool = False
    force: bool = False
    card: str = "4x3in"
    bleed_mm: float = 0.0
    creep_mm: float = 0.0
    jobs: int = DEFAULT_JOBS
    #: A --watch build: the booklet is what the user waits for, so the other products
    #: start only once it is rendered.
    watch: bool = False
    #: --date, --timezone, --title, --venue
    overrides: Overrides = Overrides()


@dataclass(frozen=True)
class BuildResult:
    """Files written (path, bytes, pages), every problem and warning noticed, and the files
    the build read (the schedule and its logo, resolved: what ``--watch`` watches)."""

    files: tuple[tuple[Path, int, int], ...]
    problems: tuple[Problem, ...] = field(default=())
    warnings: tuple[str, ...] = field(default=())
    inputs: tuple[Path, ...] = field(default=())


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``program build``."""
    p.add_argument("schedule", help="schedule file (" + ", ".join(format_names()) + ")")
    p.add_argument("-o", "--out-dir", type=Path, default=DEFAULT_OUT,
                   help="directory for the products (default: out/)")
    p.add_argument("--products", default=",".join(PRODUCTS),
                   help="comma-separated products to build (default: all: %(default)s)")
    p.add_argument("--paper", choices=sorted(PAPERS), help="booklet page size (default: the "
                   "schedule's theme.paper, else a5)")
    p.add_argument("--card", default="4x3in", help="badge card size: 4x3in (default), 4x6in, "
                   "a6 or WIDTHxHEIGHTmm")
    p.add_argument("--bleed", default="0mm", type=_millimetres,
                   help="bleed around each card for colour that runs to the edge, e.g. 3mm")
    p.add_argument("--creep", default="0mm", type=_millimetres,
                   help="imposed booklet: shift per sheet toward the spine for thick "
                        "booklets, e.g. 0.2mm (default 0)")
    p.add_argument("--clock", choices=("12h", "24h"), help="how times are printed (default: "
                   "theme.clock, else event.clock)")
    p.add_argument("--no-qr", dest="qr", action="store_false", default=None,
                   help="leave out the QR codes")
    p.add_argument("--format", dest="fmt", choices=format_names(),
                   help="input format (default: by extension, then by content)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1)")
    p.add_argument("--jobs", type=_jobs, default=DEFAULT_JOBS, metavar="N",
                   help="processes to use: 2 sets the talks on a second core while the grids "
                        "are laid out; 1 uses one (default: %(default)s on this machine)")
    p.add_argument("--watch", action="store_true",
                   help="rebuild whenever the schedule (or its logo) changes; Ctrl-C stops")
    p.add_argument("--force", action="store_true",
                   help="build even when the schedule has errors (unsafe URLs are left out); "
                        "without it, a schedule with errors writes nothing and exits 2")
    add_override_options(p)


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings from parsed arguments; unknown product names are a UserError."""
    products = tuple(p.strip() for p in args.products.split(",") if p.strip())
    unknown = [p for p in products if p not in PRODUCTS]
    if unknown or not products:
        raise UserError(f"unknown product {unknown[0] if unknown else '(none)'!r}; "
                        f"choose from {', '.join(PRODUCTS)}")
    return Settings(out_dir=args.out_dir, products=products, paper=args.paper, clock=args.clock,
                    qr=args.qr, fmt=args.fmt, strict=args.strict, force=args.force,
                    card=args.card, bleed_mm=args.bleed, creep_mm=args.creep, jobs=args.jobs,
                    watch=bool(getattr(args, "watch", False)), overrides=overrides_from(args))


def _jobs(text: str) -> int:
    """``--jobs`` value: a whole number from 1 (for argparse)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, 1 or more; got {text!r}")
    return value


def _millimetres(text: str) -> float:
    """``3mm`` or ``3`` -> 3.0 (for argparse)."""
    value = text.strip().lower().removesuffix("mm").strip()
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a length in mm (e.g. 3mm)") from None
    if not 0 <= number <= 10:
        raise argparse.ArgumentTypeError(f"{text!r}: give 0 to 10 mm")
    return number


def _logo(schedule: Schedule) -> Path | None:
    logo = schedule.theme.logo
    if not logo:
        return None
    base = Path(schedule.source).parent if schedule.source else Path(".")
    path = (base / logo).resolve()
    if not path.is_file():
        raise UserError(f"logo file {logo!r} not found (looked for {path})",
                        schedule.theme.where or Where(schedule.source or "schedule"))
    where = schedule.theme.where or Where(schedule.source or "schedule")
    try:
        from PIL import Image as PILImage

        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            im = PILImage.open(path)
        with im:
            pixels = im.width * im.height
            if pixels > MAX_LOGO_PIXELS:
                raise UserError(f"logo file {logo!r} is {im.width}x{im.height} pixels; use an "
                                f"image under {MAX_LOGO_PIXELS // 1_000_000} megapixels", where)
            im.verify()
    except UserError:
        raise
    except (PILImage.DecompressionBombWarning, PILImage.DecompressionBombError):
        raise UserError(f"logo file {logo!r} is too large an image; use one under "
                        f"{MAX_LOGO_PIXELS // 1_000_000} megapixels", where) from None
    except Exception:  # noqa: BLE001 - any failure to read means "not an image"
        raise UserError(f"logo file {logo!r} is not an image PIL can read", where) from None
    return path


def build(path: str, settings: Settings) -> BuildResult:
    """Read, check, render and write; raises UserError for bad input (nothing written).

    Each file is written atomically; the booklet as soon as it is rendered (in ``--watch``
    it is ready before the imposition and the other products), the rest at the end."""
    paused = gc.isenabled()
    gc.disable()  # see _build
    try:
        return _build(path, settings)
    finally:
        if paused:
            gc.enable()


def _build(path: str, settings: Settings) -> BuildResult:
    """:func:`build`, run with Python's cyclic garbage collector paused.

    A build allocates millions of small objects that live until it ends (nodes, talks,
    lines, PDF objects) and makes almost no reference cycles, so every collection the
    allocations trigger walks a growing heap to free nearly nothing: measured on the mega
    schedule, 1 to 2 s of a 7 to 8 s build, with the same peak memory either way. Memory
    held in cycles is freed when the process ends, or by ``--watch`` between builds."""
    schedule = apply_overrides(load_schedule(path, settings.fmt), settings.overrides)
    problems = tuple(check(schedule, settings.qr))
    errors = [p for p in problems if p.severity == ERROR]
    if errors and not settings.force:
        raise _BuildRefused(problems)
    if settings.strict and any(p.severity == WARNING for p in problems):
        raise _BuildRefused(problems, strict=True)
    name = Path(path).stem
    theme = schedule.theme
    paper = settings.paper or theme.paper
    clock = settings.clock or theme.clock or schedule.event.clock
    want_qr = theme.qr if settings.qr is None else settings.qr
    options = RenderOptions(paper=paper, clock=clock, qr=want_qr, logo=_logo(schedule),
                            card=settings.card, bleed_mm=settings.bleed_mm, jobs=settings.jobs)
    from program.render.booklet import render_booklet

    out_dir = Path(settings.out_dir)
    outputs: list[tuple[Path, bytes, int]] = []
    written: set[Path] = set()
    warnings: list[str] = []

    def add(suffix: str, result: ProductResult) -> None:
        outputs.append((out_dir / f"{name}{suffix}", result.pdf, result.pages))
        warnings.extend(result.warnings)

    # the handout, the cards and the calendar are made in a second process, at a lower
    # priority: from the start, on the CPU the booklet leaves idle (--watch: once the
    # booklet is rendered), and while the booklet is imposed
    others = [p for p in _OTHER_PRODUCTS if p in settings.products]

    def start_others() -> Iterator:
        return iter(Stream(lambda: (_render_other(p, schedule, options) for p in others),
                           jobs=settings.jobs, nice=BACKGROUND_NICE)) if others else iter(())

    made = None if settings.watch else start_others()
    booklet = None
    if "booklet" in settings.products or "imposed" in settings.products:
        _progress("rendering booklet…")
        booklet = render_booklet(schedule, options)
        warnings += booklet.warnings
    if made is None:  # --watch: now that the booklet is rendered
        made = start_others()
    for product in PRODUCTS:
        if product not in settings.products:
            continue
        _progress(f"rendering {product}…")
        if product == "booklet":  # written at once: it is what a --watch user looks at
            outputs.append((out_dir / f"{name}-booklet.pdf", booklet.pdf, booklet.pages))
            write_atomic(*outputs[-1][:2])
            written.add(outputs[-1][0])
        elif product == "imposed":
            from program.impose import impose, padding  # pypdf: imported only when asked for

            sides = (booklet.pages + padding(booklet.pages)) // 2  # two pages a sheet side
            imposed = impose(booklet.pdf, settings.creep_mm, booklet.uri_links)
            add("-booklet-imposed.pdf", ProductResult(imposed, sides))
        else:
            for suffix, result in next(made):
                add(suffix, result)
    _progress("")
    for target, data, _ in outputs:
        if target not in written:
            write_atomic(target, data)
    inputs = (Path(path).resolve(),) + ((options.logo,) if options.logo else ())
    return BuildResult(tuple((t, len(d), n) for t, d, n in outputs), problems, tuple(warnings),
                       inputs)


#: Products made in a second process while this one renders and imposes the booklet (they
#: need neither the booklet nor each other).
_OTHER_PRODUCTS = ("handout", "cards", "ics")
#: How much lower that process's CPU priority is: the booklet (and its own helper process)
#: come first, as a --watch user looks at the booklet.
BACKGROUND_NICE = 19


def _render_other(product: str, schedule: Schedule,
                  options: RenderOptions) -> list[tuple[str, ProductResult]]:
    """One of ``_OTHER_PRODUCTS`` as (file suffix, result) pairs."""
    if product == "handout":
        from program.render.handout import render_handout

        return [("-handout.pdf", render_handout(schedule, options))]
    if product == "cards":
        from program.render.cards import render_card_products

        sheets, singles = render_card_products(schedule, options)
        return [("-cards.pdf", sheets), ("-card.pdf", singles)]
    from program.export_ics import to_ics  # icalendar: imported only when asked for

    return [(".ics", ProductResult(to_ics(schedule), 0))]


def _progress(message: str) -> None:
    """A one-line progress note on a terminal (never in CI logs or pipes)."""
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K" + message)
        sys.stderr.flush()


class _BuildRefused(Exception):
    def __init__(self, problems: tuple[Problem, ...], strict: bool = False):
        super().__init__("build refused")
        self.problems = problems
        self.strict = strict


def run(args: argparse.Namespace) -> int:
    """``program build`` from parsed arguments: prints problems, warnings and files written."""
    settings = settings_from_args(args)
    if settings.watch:
        from program.memo import keep_warm
        from program.watch import watch

        keep_warm(True)  # later builds replay unchanged drawings, reuse compressed pages
        read: list[Path] = []
        return watch(args.schedule, lambda: _run_once(args.schedule, settings, read),
                     inputs=lambda: read or None)
    return _run_once(args.schedule, settings)


def _run_once(path: str, settings: Settings, read: list[Path] | None = None) -> int:
    """One build with its report; a UserError is printed and gives 2 (watch goes on).

    ``read``, if given, is set to the files a successful build read, else emptied."""
    if read is not None:
        read.clear()
    try:
        result = build(path, settings)
    except UserError as exc:
        print(str(exc) if exc.where else f"program: {exc}", file=sys.stderr)
        return 2
    except _BuildRefused as refused:
        for p in refused.problems:
            print(p, file=sys.stderr)
        return 1 if refused.strict else 2
    if read is not None:
        read.extend(result.inputs)
    lines = [str(p) for p in result.problems] + list(result.warnings)
    _report(lines, Path(settings.out_dir) / f"{Path(path).stem}-warnings.txt")
    for target, size, pages in result.files:
        what = f"{pages} pages, " if pages else ""
        print(f"wrote {target} ({what}{size / 1024:.0f} KiB)")
    return 0


MAX_PRINTED = 40


def _report(lines: list[str], listing: Path) -> None:
    """Print the warnings; past MAX_PRINTED, print the first ones and write them all to
    ``listing`` (a dense conference gives hundreds of abbreviated cells, each named)."""
    if len(lines) <= MAX_PRINTED:
        for line in lines:
            print(line, file=sys.stderr)
        listing.unlink(missing_ok=True)  # an older, longer listing would mislead
        return
    write_atomic(listing, ("\n".join(lines) + "\n").encode("utf-8"))
    for line in lines[:MAX_PRINTED]:
        print(line, file=sys.stderr)
    print(f"program: … and {len(lines) - MAX_PRINTED} more warnings; all {len(lines)} are in "
          f"{listing}", file=sys.stderr)
