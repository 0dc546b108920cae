"""``program build``: the whole pipeline, readable top to bottom.

    load -> check and prepare (program.prepare.checked: the schedule as printed)
         -> resolve (the options, once)
         -> for each product (program.products.PRODUCTS): layout -> render -> collect
         -> write all at once

``build(path, settings) -> BuildResult`` reads, checks and prepares the schedule, resolves
the options (``resolve``; the step that mends the schedule is ``program.prepare``), checks
every output path (``plan_outputs``), makes every asked-for product into memory, and only
then writes them all (``output.write_all``), so a failure leaves the last good files in place
and no partial file or set.
"""
from __future__ import annotations

import argparse
import gc
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Iterator

from program.checks import ERROR, WARNING, Problem
from program.prepare import checked
from program.errors import UserError
from program.language import language_of
from program.model import Schedule
from program.options import DEFAULT_OUT, Options, Settings
from program.output import check_folder, check_target, write_all
from program.parallel import DEFAULT_JOBS
from program.products import DEFAULTS, NAMES, Printed, Product, make_products, products_named
from program.layout.binding import BINDINGS, spine_summary
from program.layout.paper import PAPERS
from program.sources.logo import schedule_logo
from program.overrides import add_override_options, overrides_from
from program.sources.registry import format_names, load_schedule
from program.sources.transform import apply_overrides, fill_talk_urls

__all__ = ["BuildResult", "Settings", "build", "resolve", "run"]


@dataclass(frozen=True)
class BuildResult:
    """Files written (path, bytes, pages), every problem and warning noticed, and the files
    the build read (the schedule and its logo, as named: what ``--watch`` watches)."""

    files: tuple[tuple[Path, int, int], ...]
    problems: tuple[Problem, ...] = field(default=())
    warnings: tuple[str, ...] = field(default=())
    inputs: tuple[Path, ...] = field(default=())
    #: the file holding every warning, when there are more than MAX_PRINTED
    listing: Path | None = None


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``program build``."""
    p.add_argument("schedule", help="schedule file (" + ", ".join(format_names()) + ")")
    p.add_argument("-o", "--out-dir", type=Path, default=DEFAULT_OUT,
                   help="directory for the products (default: out/)")
    p.add_argument("--products", default=",".join(DEFAULTS),
                   help="comma-separated products to build (default: %(default)s; also: "
                        + ", ".join(n for n in NAMES if n not in DEFAULTS) + ")")
    p.add_argument("--paper", choices=sorted(PAPERS), help="booklet page size (default: the "
                   "schedule's theme.paper, else a5)")
    p.add_argument("--card", default="4x3in", help="badge card size: 4x3in (default), 4x6in, "
                   "a6 or WIDTHxHEIGHTmm")
    p.add_argument("--bleed", type=_millimetres,
                   help="print-shop bleed, e.g. 3mm: colour that meets the trim runs this far "
                        "past it, and the booklet's pages get a TrimBox, a BleedBox and crop "
                        "marks outside the bleed (default: none for the booklet, 2mm for the "
                        "cards, whose colour band meets the trim)")
    p.add_argument("--creep", default="0mm", type=_millimetres,
                   help="imposed booklet: shift per sheet toward the spine for thick "
                        "booklets, e.g. 0.2mm (default 0)")
    p.add_argument("--binding", choices=BINDINGS, default="saddle",
                   help="imposed booklet: saddle (default; folded sheets in saddle-stitch "
                        "order, suits up to about 64 pages) or perfect (single pages in "
                        "reading order with crop marks, and the bleed with --bleed, glued; "
                        "the build prints the spine width)")
    p.add_argument("--paper-thickness", default="0.1mm", type=_millimetres,
                   help="one leaf of the booklet's paper, for the perfect-bound spine: "
                        "spine = ceil(pages / 2) leaves x thickness (default 0.1mm, 80 g/m2 "
                        "office paper)")
    p.add_argument("--clock", choices=("12h", "24h"), help="how times are printed (default: "
                   "theme.clock, else event.clock, else the event language's)")
    p.add_argument("--pdfa", action="store_true",
                   help="write every PDF as PDF/A-2b, for archiving (the booklet sent with "
                        "the attendee email); also theme.pdfa: true")
    p.add_argument("--no-qr", dest="qr", action="store_false", default=None,
                   help="leave out the QR codes")
    p.add_argument("--format", dest="fmt", choices=format_names(),
                   help="input format (default: by extension, then by content)")
    p.add_argument("--strict", action="store_true",
                   help="treat warnings as errors, the schedule's and the render's (text "
                        "shortened to fit): exit 1, nothing written")
    p.add_argument("--jobs", type=_jobs, default=DEFAULT_JOBS, metavar="N",
                   help="processes to use: 2 sets the talks on a second core while the grids "
                        "are laid out, and draws the last pages of a long booklet there; 1 "
                        "uses one (default: %(default)s on this machine)")
    p.add_argument("--watch", action="store_true",
                   help="rebuild whenever the schedule (or its logo) changes; Ctrl-C stops. "
                        "The booklet is written as soon as it is rendered, the other "
                        "products together after it (without --watch: all or none)")
    p.add_argument("--force", action="store_true",
                   help="build even when the schedule has errors (unsafe URLs are left out); "
                        "without it, a schedule with errors writes nothing and exits 2")
    add_override_options(p)


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings from parsed arguments; unknown product names are a UserError."""
    products = tuple(p.strip() for p in args.products.split(",") if p.strip())
    if not products:
        raise UserError(f"no product named; choose from {', '.join(NAMES)}")
    products_named(products)  # (a UserError for an unknown name)
    return Settings(out_dir=args.out_dir, products=products, paper=args.paper, clock=args.clock,
                    qr=args.qr, fmt=args.fmt, strict=args.strict, force=args.force,
                    card=args.card, bleed_mm=args.bleed, creep_mm=args.creep, jobs=args.jobs,
                    binding=args.binding, paper_thickness_mm=args.paper_thickness,
                    watch=bool(getattr(args, "watch", False)), overrides=overrides_from(args),
                    pdfa=bool(getattr(args, "pdfa", False)))


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


def build(path: str, settings: Settings) -> BuildResult:
    """Load, check and prepare, resolve the options, make every product into memory, then
    write them all at once; raises UserError for bad input or options and _BuildRefused for
    a refused schedule (nothing written either way). ``--watch`` writes the booklet as soon as it is made
    (what its user waits for), then the rest together."""
    with _collector_paused():
        schedule = apply_overrides(load_schedule(path, settings.fmt), settings.overrides)
        # the checks, then program.prepare: the schedule as printed and what that took
        schedule, found = checked(schedule, settings.qr)
        problems = tuple(found)
        if any(p.severity == ERROR for p in problems) and not settings.force:
            raise _BuildRefused(problems)
        if settings.strict and any(p.severity == WARNING for p in problems):
            raise _BuildRefused(problems, strict=True)
        printed = resolve(schedule, settings)
        plan = plan_outputs(path, schedule, settings)
        files: list[tuple[Path, bytes, int]] = []  # (target, bytes, pages)
        warnings: list[str] = []
        early: list[Path] = []  # --watch: the booklet, written once made (what its user wants)
        empty: list[Path] = []  # products with no pages: not written, an older one removed
        for product, results in make_products(printed, plan.products, watch=settings.watch,
                                              progress=_progress):
            for target, result in zip(plan.targets[product.name], results):
                warnings += result.warnings
                if result.pages == 0 and target.suffix == ".pdf":
                    empty.append(target)  # nothing to print: a page-less PDF opens nowhere
                    continue
                data = result.pdf
                if printed.options.pdfa and target.suffix == ".pdf":
                    from program.render.archival import archival

                    data = archival(data, schedule.event.language)
                files.append((target, data, result.pages))
            if product.name == "booklet" and settings.watch and not settings.strict:
                write_all([files[-1][:2]], plan.inputs, lock=plan.out_dir)
                early.append(files[-1][0])
        _progress("")
        if settings.strict and warnings:
            raise _BuildRefused(problems, strict=True, warnings=tuple(warnings))
        lines = [str(p) for p in problems] + warnings
        listing = plan.out_dir / f"{plan.name}-warnings.txt"
        extra = [(listing, "".join(f"{line}\n" for line in lines).encode("utf-8"))] \
            if len(lines) > MAX_PRINTED else []
        write_all([f[:2] for f in files if f[0] not in early] + extra, plan.inputs,
                  lock=plan.out_dir, stale=tuple(empty) + (() if extra else (listing,)))
        return BuildResult(tuple((t, len(d), n) for t, d, n in files), problems,
                           tuple(warnings), tuple(plan.inputs), listing if extra else None)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for a build.

    A build allocates millions of small objects that live until it ends (nodes, talks,
    lines, PDF objects) and makes almost no reference cycles, so every collection the
    allocations trigger walks a growing heap to free nearly nothing: measured on the mega
    schedule, 1 to 2 s of a 7 to 8 s build, with the same peak memory either way. Memory
    held in cycles is freed when the process ends, or by ``--watch`` between builds."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def resolve(schedule: Schedule, settings: Settings) -> Printed:
    """The prepared schedule (:func:`program.prepare.checked`) with the options resolved
    once: talk URLs filled from the event's template (done already by ``checked``); paper,
    clock and QR codes as the command line asks, else as the theme says; the logo read and
    scaled. A UserError for an option no product can use (an unknown
    paper, a ``--card`` that does not fit), before anything is made."""
    theme = schedule.theme
    paper = settings.paper or theme.paper
    if paper not in PAPERS:
        raise UserError(f"unknown paper {paper!r}; choose from {', '.join(sorted(PAPERS))}")
    try:
        logo = schedule_logo(schedule)
    except UserError:  # reported by the checks; --force builds without it
        if not settings.force:
            raise
        logo = None
    asked = Options(**{f.name: getattr(settings, f.name) for f in fields(Options)})
    # the clock: asked for, the theme's, the source's, else the one the language's readers
    # expect (CLDR: en-US and ar 12-hour, de and ja 24-hour)
    options = replace(asked, paper=paper, clock=settings.clock or theme.clock or
                      schedule.event.clock or language_of(schedule).clock,
                      qr=theme.qr if settings.qr is None else settings.qr, logo=logo,
                      version=schedule_version(schedule.source), pdfa=settings.pdfa or theme.pdfa)
    for product in products_named(settings.products):
        if product.check is not None:
            product.check(options)
    return Printed(fill_talk_urls(schedule), options)


def schedule_version(path: str | None) -> datetime | None:
    """The schedule's version as the door signs print it: its file's modification time
    (aware, UTC, to the minute), or None when there is no file to ask."""
    from datetime import timezone

    try:
        stamp = Path(path).stat().st_mtime if path else None
    except OSError:
        return None
    if stamp is None:
        return None
    return datetime.fromtimestamp(stamp, timezone.utc).replace(second=0, microsecond=0)


@dataclass(frozen=True)
class Plan:
    """Where a build writes: the files each asked-for product writes (checked), and the files
    the build read (never written over)."""

    name: str
    products: tuple[Product, ...]
    out_dir: Path
    targets: dict[str, tuple[Path, ...]]
    inputs: dict[Path, str]


def plan_outputs(path: str, schedule: Schedule, settings: Settings) -> Plan:
    """Every output path checked before anything is made: an output folder that is a file, a
    product path that is a folder or the schedule itself are UserErrors here, not after the
    booklet is written."""
    out_dir = Path(settings.out_dir)
    check_folder(out_dir)
    # as named, not resolved: --watch follows a symlink re-pointed later (and the output
    # checks compare files, not names)
    logo = schedule.theme.logo
    inputs = {Path(path): "the schedule"} | (
        {Path(path).parent / logo: "the logo"} if logo else {})
    name = Path(path).stem
    products = products_named(settings.products)
    targets = {p.name: tuple(out_dir / f"{name}{suffix}" for suffix in p.files)
               for p in products}
    for paths in targets.values():
        for target in paths:
            check_target(target, inputs)
    return Plan(name, products, out_dir, targets, inputs)


def _progress(message: str) -> None:
    """A one-line progress note on a terminal (never in CI logs or pipes)."""
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K" + message)
        sys.stderr.flush()


class _BuildRefused(Exception):
    """A schedule with errors (exit 2), or with warnings under ``--strict`` (exit 1)."""

    def __init__(self, problems: tuple[Problem, ...], strict: bool = False,
                 warnings: tuple[str, ...] = ()):
        super().__init__("build refused")
        self.problems = problems
        self.strict = strict
        self.warnings = warnings


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
        for line in [*map(str, refused.problems), *refused.warnings]:
            print(line, file=sys.stderr)
        if refused.strict:
            print("program: --strict: warnings are errors; nothing was written", file=sys.stderr)
        return 1 if refused.strict else 2
    if read is not None:
        read.extend(result.inputs)
    lines = [str(p) for p in result.problems] + list(result.warnings)
    for line in lines[:MAX_PRINTED]:
        print(line, file=sys.stderr)
    if result.listing is not None:
        print(f"program: … and {len(lines) - MAX_PRINTED} more warnings; all {len(lines)} are "
              f"in {result.listing}", file=sys.stderr)
    for target, size, pages in result.files:
        what = f"{pages} pages, " if pages else ""
        print(f"wrote {target} ({what}{size / 1024:.0f} KiB)")
        if settings.binding == "perfect" and target.name.endswith("-booklet-imposed.pdf"):
            print(spine_summary(pages, settings.paper_thickness_mm))
    return 0


MAX_PRINTED = 40
"""Past this many warnings, the first are printed and all are written to NAME-warnings.txt
(a dense conference gives hundreds of abbreviated cells, each named)."""
