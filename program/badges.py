"""``program badges SCHEDULE ATTENDEES.csv``: name badges on badge stock, fronts and backs.

    load schedule and attendees -> check -> layout (pages streamed) -> render -> write

``program badges --calibration --stock NAME`` writes the stock's calibration sheet instead
(no schedule needed). The badges go to ``OUT/<schedule>-badges.pdf``, the calibration sheet
to ``OUT/calibration-<stock>.pdf``, each written atomically.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from program.build import MAX_PRINTED
from program.checks import ERROR, check
from program.errors import UserError
from program.layout.frames import Meta
from program.overrides import add_override_options, overrides_from
from program.sources.registry import format_names, load_schedule
from program.sources.transform import apply_overrides

DEFAULT_STOCK = "avery-5392"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``program badges``."""
    from program.layout.stock import PRESETS

    p.add_argument("schedule", nargs="?", help="schedule file (" + ", ".join(format_names())
                   + "); not needed with --calibration")
    p.add_argument("attendees", nargs="?", help="attendee list (CSV or .xlsx: Name or First/Last name, "
                   "Affiliation, Pronouns, Role, ID, Email, Sessions)")
    p.add_argument("-o", "--out-dir", type=Path, default=Path("out"),
                   help="directory for the PDF (default: out/)")
    p.add_argument("--stock", default=DEFAULT_STOCK,
                   help="badge stock: " + ", ".join(sorted(PRESETS)) + ", or a card size "
                   "(4x3in, 4x6in, a6, WxHmm) on plain paper with crop marks (default: "
                   "%(default)s)")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4",
                   help="the sheet plain card sizes are imposed on (default: a4)")
    p.add_argument("--flip", choices=("long", "short"), default="long",
                   help="how the printer turns the sheet for the backs (default: long edge)")
    p.add_argument("--offset", type=_offset, default=(0.0, 0.0), metavar="X,Y",
                   help="move the backs by X,Y mm (right, up, as the back reads) for a "
                        "printer whose sides do not register; --calibration measures it")
    p.add_argument("--calibration", action="store_true",
                   help="write a calibration sheet for --stock (print it duplex, hold it to "
                        "the light, read --offset)")
    p.add_argument("--fold", action="store_true",
                   help="fold-over badges: front and back on one side of each cell, the back "
                        "turned above a dashed fold line (print single-sided)")
    p.add_argument("--personal", action="store_true",
                   help="each back shows the attendee's own sessions (the Sessions column) "
                        "with the programme for everyone")
    p.add_argument("--qr", choices=("none", "id", "vcard"), default="none",
                   help="a QR code on the front with the attendee's id or a vCard "
                        "(default: none)")
    p.add_argument("--day", metavar="YYYY-MM-DD",
                   help="the day the backs show (default: all days if they fit one card, "
                        "else the first)")
    p.add_argument("--clock", choices=("12h", "24h"), help="how times are printed")
    p.add_argument("--format", dest="fmt", choices=format_names(), help="schedule format")
    p.add_argument("--force", action="store_true", help="build even when the schedule has errors")
    add_override_options(p)


def _offset(text: str) -> tuple[float, float]:
    """``1.5,-0.5`` (mm) -> (1.5, -0.5), for argparse."""
    parts = text.replace("mm", "").split(",")
    try:
        x, y = (float(v) for v in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give X,Y in mm, e.g. 1.5,-0.5") from None
    if abs(x) > 20 or abs(y) > 20:
        raise argparse.ArgumentTypeError(f"{text!r}: an offset over 20 mm is a mistake")
    return x, y


def run(args: argparse.Namespace) -> int:
    """``program badges`` from parsed arguments: 0 written, 2 a mistake (printed)."""
    from program.layout.badges import calibration_pages
    from program.layout.stock import stock_for
    from program.output import check_folder, check_target, write_all
    from program.render.frames import render

    stock = stock_for(args.stock, args.paper)
    out_dir = Path(args.out_dir)
    check_folder(out_dir)
    if args.calibration:
        target = out_dir / f"calibration-{stock.name}.pdf"
        check_target(target)
        meta = Meta(f"Calibration sheet — {stock.name}", "program", "printer calibration",
                    viewer=(("PrintScaling", "None"), ("Duplex", "DuplexFlipLongEdge"
                            if args.flip == "long" else "DuplexFlipShortEdge")))
        write_all([(target, render(calibration_pages(stock, args.flip), meta))], lock=out_dir)
        print(f"wrote {target} (2 pages)")
        return 0
    if not args.schedule or not args.attendees:
        raise UserError("badges needs a schedule and an attendee list (or --calibration)")
    pdf, pages, warnings, target = make_badges(args, stock)
    for line in warnings[:MAX_PRINTED]:
        print(line, file=sys.stderr)
    if len(warnings) > MAX_PRINTED:
        listing = target.with_name(target.stem + "-warnings.txt")
        write_all([(listing, "".join(f"{w}\n" for w in warnings).encode("utf-8"))],
                  lock=out_dir)
        print(f"program: … and {len(warnings) - MAX_PRINTED} more warnings; all "
              f"{len(warnings)} are in {listing}", file=sys.stderr)
    print(f"wrote {target} ({pages} pages, {len(pdf) / 1024:.0f} KiB)")
    return 0


def make_badges(args: argparse.Namespace, stock) -> tuple[bytes, int, list[str], Path]:
    """Read, check, lay out and render the badges, then write them; (pdf, pages, warnings,
    path written)."""
    from program.layout.badges import BadgeOptions, badge_meta, badge_pages
    from program.output import check_target, write_all
    from program.render.canvas import PageCanvas
    from program.render.frames import render
    from program.sources.attendees import load_attendees
    from program.sources.logo import schedule_logo

    schedule = apply_overrides(load_schedule(args.schedule, args.fmt), overrides_from(args))
    problems = check(schedule, want_qr=False)
    warnings = [str(p) for p in problems]
    if any(p.severity == ERROR for p in problems) and not args.force:
        for line in warnings:
            print(line, file=sys.stderr)
        raise UserError("the schedule has errors; nothing was written (--force builds anyway)")
    attendees, more = load_attendees(args.attendees)
    attendees, blanks = drawable(attendees)
    warnings += list(more) + list(blanks)
    options = BadgeOptions(stock, args.flip, args.offset, args.fold, args.personal, args.qr,
                           args.clock or schedule.theme.clock or schedule.event.clock,
                           args.day, schedule_logo(schedule) if not args.force else None)
    target = Path(args.out_dir) / f"{Path(args.schedule).stem}-badges.pdf"
    inputs = {Path(args.schedule): "the schedule", Path(args.attendees): "the attendee list"}
    check_target(target, inputs)
    counted = _Counter(badge_pages(schedule, attendees, options, warnings))
    pdf = render(counted, badge_meta(schedule, options), PageCanvas)
    write_all([(target, pdf)], inputs, lock=Path(args.out_dir))
    return pdf, counted.count, warnings, target


def drawable(attendees):
    """(``attendees`` as their badges can print them, warnings): a name or affiliation with
    letters no bundled font draws (Devanagari, Thai...) is left blank, to write by hand,
    never printed with letters missing or as empty boxes; the warning names the row, the
    script and the characters. Pure."""
    import unicodedata
    from dataclasses import replace as changed

    from program.fonts import describe_char, missing_glyphs

    out, warnings = [], []
    for who in attendees:
        for field in ("name", "affiliation"):
            text = getattr(who, field) or ""
            missing = sorted(missing_glyphs(text))
            if not missing:
                continue
            scripts = sorted({unicodedata.name(c, "UNKNOWN").split()[0].title()
                              for c in missing})
            shown = ", ".join(describe_char(c) for c in missing[:3]) + \
                (", ..." if len(missing) > 3 else "")
            warnings.append(f"{who.where}: warning: {field} {text!r} is in a script no bundled "
                            f"font draws ({', '.join(scripts)}: {shown}); its badge leaves the "
                            f"{field} blank to write by hand (a Latin spelling in the list "
                            "prints it)")
            who = changed(who, **{field: "" if field == "name" else None})
        out.append(who)
    return tuple(out), tuple(warnings)


class _Counter:
    """Pages passed through one at a time, counted (the generator stays a generator)."""

    def __init__(self, pages):
        self.pages = pages
        self.count = 0

    def __iter__(self):
        for page in self.pages:
            self.count += 1
            yield page

