"""The ``program`` command line: check, import, build and export schedules.

Exit status: 0 success, 1 warnings under ``--strict``, 2 a mistake in the input or the
command line, or output that cannot be written (a full disk or device, a folder that cannot
be made: always one readable message, never a traceback), 120 a pipe closed by its reader
(as Python itself reports it).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn, Sequence

from program.checks import ERROR, WARNING, Problem
from program.prepare import checked
from program.errors import UserError
from program.overrides import add_override_options, overrides_from
from program.sources.registry import format_names, load_schedule
from program.sources.transform import apply_overrides

EXIT_OK, EXIT_WARNINGS, EXIT_ERRORS = 0, 1, 2
EXIT_UNWRITTEN = 120  # what Python exits with when it cannot flush stdout at the end

DESCRIPTION = """\
Turn a conference or workshop schedule into what gets printed or mailed:
a booklet PDF (timetable grid, session pages with a QR code per talk, speaker index)
and its imposed version for the print shop, a one-page handout, timetable cards, door
signs per room and day, an .ics calendar, and name badges; the schedule is checked for
mistakes on the way.

Schedules are read from YAML (the format documented in README.md), frab/pentabarf/
pretalx XML and JSON (also c3voc schedule v2), Indico JSON, iCalendar and xCal, CSV, or
Markdown and HTML workshop pages; `program import` converts any of them to YAML for
editing.
"""

EPILOG = """\
examples:
  program check data/mlsys-2019.yaml
  program import schedule.md -o data/myevent.yaml --date 2019-12-13
  program build data/mlsys-2019.yaml --paper a4
  program build schedule.xml            (frab/pretalx XML; also .json, .ics, .csv)
  program export ics data/mlsys-2019.yaml -o out/mlsys-2019.ics

exit status: 0 ok, 1 warnings with --strict, 2 errors in the input or in writing the output
"""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="program", description=DESCRIPTION, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    c = sub.add_parser("check", help="report mistakes in a schedule (file:line:column: message)",
                       description="Read a schedule and report errors and warnings, one per "
                                   "line as file:line: error|warning: message.")
    c.add_argument("schedule", help="schedule file (" + ", ".join(format_names()) + ")")
    c.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    c.add_argument("--format", choices=format_names(), help="input format (default: by extension)")
    add_override_options(c)

    i = sub.add_parser("import", help="convert a schedule to the editable YAML format",
                       description="Read a schedule in any supported format and write it as "
                                   "YAML (to stdout, or to -o FILE).")
    i.add_argument("source", help="schedule file to convert")
    i.add_argument("-o", "--output", help="YAML file to write (default: stdout)")
    i.add_argument("--format", choices=format_names(), help="input format (default: by extension)")
    add_override_options(i)
    _add_build_parser(sub)
    _add_badges_parser(sub)

    e = sub.add_parser("export", help="write a schedule as iCalendar (.ics) or YAML",
                       description="Write the schedule as an iCalendar file (one event per "
                                   "talk, with time zone, room, URL and abstract) or as YAML.")
    e.add_argument("to", choices=("ics", "yaml"), help="what to write")
    e.add_argument("schedule", help="schedule file (" + ", ".join(format_names()) + ")")
    e.add_argument("-o", "--output", help="file to write (default: stdout)")
    e.add_argument("--format", choices=format_names(), help="input format (default: by extension)")
    e.add_argument("--force", action="store_true", help="export even when the schedule has errors")
    return p


def _add_build_parser(sub: argparse._SubParsersAction) -> None:  # noqa: SLF001
    """``program build``: its options live with the build stage."""
    from program.build import add_arguments

    b = sub.add_parser("build", help="build the booklet (and other products) into out/",
                       description="Check a schedule and write the products as PDF files.")
    add_arguments(b)


def _add_badges_parser(sub: argparse._SubParsersAction) -> None:  # noqa: SLF001
    """``program badges``: its options live with the badges command."""
    from program.badges import add_arguments

    b = sub.add_parser("badges", help="name badges on badge stock, the timetable on the back",
                       description="Print name badges from an attendee list: name, "
                                   "affiliation, pronouns and role on the front, the "
                                   "timetable card (or the attendee's own sessions) on the "
                                   "back, duplex-aligned on Avery, Herma, Durable or plain "
                                   "card stock.")
    add_arguments(b)


def print_problems(problems: Sequence[Problem], stream=None) -> None:
    """Print problems one per line (errors first is not done: source order is kept)."""
    stream = stream or sys.stderr
    for problem in problems:
        print(problem, file=stream)


def exit_status(problems: Sequence[Problem], strict: bool) -> int:
    """2 for errors, 1 for warnings under --strict, else 0."""
    if any(p.severity == ERROR for p in problems):
        return EXIT_ERRORS
    if strict and any(p.severity == WARNING for p in problems):
        return EXIT_WARNINGS
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    schedule = apply_overrides(load_schedule(args.schedule, args.format), overrides_from(args))
    schedule, problems = checked(schedule)
    errors = sum(p.severity == ERROR for p in problems)
    warnings = sum(p.severity == WARNING for p in problems)
    talks = sum(1 for _ in schedule.talks())
    lines = [*map(str, problems), f"{args.schedule}: {len(schedule.days)} day(s), {talks} "
             f"item(s): {errors} error(s), {warnings} warning(s)"]
    _emit(("\n".join(lines) + "\n").encode("utf-8"), None)
    return exit_status(problems, args.strict)


def cmd_import(args: argparse.Namespace) -> int:
    from program.export_yaml import dump

    schedule = apply_overrides(load_schedule(args.source, args.format), overrides_from(args))
    text = dump(schedule, {"header": f"Imported by `program import` from {Path(args.source).name}."})
    return _emit(text.encode("utf-8"), args.output, args.source)


def cmd_export(args: argparse.Namespace) -> int:
    schedule = load_schedule(args.schedule, args.format)
    # neither QR codes nor the logo are in a calendar or YAML
    schedule, problems = checked(schedule, want_qr=False, logo=False)
    if any(p.severity == ERROR for p in problems) and not args.force:
        print_problems(problems)
        return EXIT_ERRORS
    if args.to == "ics":
        from program.export_ics import to_ics
        from program.sources.transform import fill_talk_urls

        data = to_ics(fill_talk_urls(schedule))  # as the build's calendar (prepare)
    else:
        from program.export_yaml import dump

        data = dump(schedule).encode("utf-8")
    return _emit(data, args.output, args.schedule)


def _emit(data: bytes, output: str | None, source: str | None = None) -> int:
    """Write ``data`` to ``output`` atomically (never over ``source``, the file read; through
    to a device or pipe such as ``/dev/stdout``), or to standard output when there is none.
    A full disk or device is a UserError (one line, exit 2); a closed pipe stays a
    BrokenPipeError (exit 120, as Python reports it)."""
    if output:
        from program.output import write_atomic

        inputs = {Path(source).resolve(): "the schedule"} if source else {}
        write_atomic(Path(output), data, inputs)
        print(f"wrote {output}", file=sys.stderr)
        return EXIT_OK
    if sys.stdout is None:  # started with standard output closed: nobody to tell
        return EXIT_OK
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _drop_stdout()
        raise UserError(f"cannot write to standard output: {exc.strerror or exc}") from None
    return EXIT_OK


def _drop_stdout() -> None:
    """Forget what could not be written to standard output, so that the flush at exit does
    not fail again (and report the same thing twice)."""
    try:
        _UNWRITTEN.append(sys.stdout)  # kept: its finaliser would try the flush again
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives to exit
    except OSError:
        pass


_UNWRITTEN: list = []


def _extra_message(extra: list[str], schedule: str | None) -> str:
    """What to say about arguments left over: a schedule given twice (``program build x.yaml
    x.yaml``, a shell glob that matched it twice) is told as such, since "unrecognized
    arguments" names what looks like a perfectly good file; anything else as argparse does."""
    if schedule is not None and all(not e.startswith("-") for e in extra):
        same = [e for e in extra if Path(e).resolve() == Path(schedule).resolve()]
        if same:
            return f"the schedule {schedule!r} is given twice; give it once"
        return (f"one schedule at a time: {schedule!r} and {extra[0]!r} were given; build "
                "each one on its own")
    return f"unrecognized arguments: {' '.join(extra)}"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse arguments, run the command, turn UserError into exit status 2."""
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        parser.error(_extra_message(extra, getattr(args, "schedule", None)))
    handlers = {"check": cmd_check, "import": cmd_import, "export": cmd_export}
    try:
        if args.command == "build":
            from program.build import run

            return run(args)
        if args.command == "badges":
            from program.badges import run as run_badges

            return run_badges(args)
        return handlers[args.command](args)
    except UserError as exc:
        print(f"program: {exc}" if exc.where is None else str(exc), file=sys.stderr)
        return EXIT_ERRORS
    except KeyboardInterrupt:
        print("program: interrupted", file=sys.stderr)
        return 130


def command() -> NoReturn:
    """The ``program`` command (and ``python -m program``): :func:`main`, then exit at once.

    Everything is written and closed by then (outputs atomically, the terminal's streams
    flushed here), so the interpreter's teardown, which frees every object one by one, has
    nothing left to do but cost time: 0.05-0.1 s of a workshop's 0.45 s build, more for a
    large one. ``main`` itself returns normally, for callers inside Python (tests)."""
    try:
        status = main()
    except BrokenPipeError:  # the reader went away (``program check x | head -1``)
        status = EXIT_UNWRITTEN
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with the stream closed (``>&-``): nothing to flush
            continue
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said there
            status = status or EXIT_UNWRITTEN
    os._exit(status)


if __name__ == "__main__":  # pragma: no cover
    command()
