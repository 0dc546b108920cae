"""``python -m bench.stages FILE``: one booklet build split into its stages, in one process.

Prints the seconds of load, check, prepare, layout, render and write for the booklet of
``FILE`` (the pipeline of :func:`program.build.build`, stage by stage), then renders the
same pages again with ReportLab's own ``Canvas`` instead of :class:`PackedCanvas`, so the
figure that fast path earns (time and file size) is in ``make bench``.

Run as its own process by :mod:`bench.run`, so the stages start cold (no memo filled).
Times are CPU seconds of the process (``time.process_time``: the compressing thread
included), steadier than wall time on a loaded machine.
"""
from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

STAGES = ("load", "check", "prepare", "layout", "render", "write")


def split(path: str) -> dict[str, float]:
    """Seconds of each stage of a booklet build of ``path`` (see :data:`STAGES`), plus
    ``plain render`` and ``packed render`` (the same pages drawn again on ReportLab's
    ``Canvas`` and on :class:`PackedCanvas`, the fastest of two each) and the bytes of
    both PDFs (``packed bytes``, ``plain bytes``)."""
    from reportlab.pdfgen.canvas import Canvas

    from program.build import add_arguments, resolve, settings_from_args
    from program.prepare import checked
    from program.layout.book import booklet_pages
    from program.output import write_all
    from program.sources.transform import apply_overrides
    from program.render.canvas import PackedCanvas
    from program.render.frames import render_document
    from program.sources.registry import load_schedule

    parser = argparse.ArgumentParser()
    add_arguments(parser)
    settings = settings_from_args(parser.parse_args([path, "--products", "booklet"]))
    times: dict[str, float] = {}
    gc.disable()  # as program.build does for a build
    clock = time.process_time()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.process_time()
        times[name] = now - clock
        clock = now

    schedule = apply_overrides(load_schedule(path, settings.fmt), settings.overrides)
    lap("load")
    schedule, _ = checked(schedule, settings.qr)
    lap("check")
    printed = resolve(schedule, settings)
    lap("prepare")
    pages, meta, _ = booklet_pages(printed.schedule, printed.options)
    pages = list(pages)
    lap("layout")
    packed, _ = render_document(pages, meta, PackedCanvas)
    lap("render")
    with tempfile.TemporaryDirectory() as out:
        write_all([(Path(out) / "booklet.pdf", packed)], {}, lock=Path(out))
    lap("write")
    # again, alternating, the fastest of each: the first render also loaded the fonts
    renders: dict[str, list[float]] = {"plain": [], "packed": []}
    for _ in range(2):
        for name, kind in (("plain", Canvas), ("packed", PackedCanvas)):
            pdf, _ = render_document(pages, meta, kind)
            lap(f"{name} render")
            renders[name].append(times[f"{name} render"])
            times[f"{name} bytes"] = len(pdf)
    times.update({f"{name} render": min(values) for name, values in renders.items()})
    return times


def line(times: dict[str, float]) -> str:
    """The stage split and the canvas comparison as two printed lines."""
    stages = "  ".join(f"{name} {times[name]:.2f}" for name in STAGES)
    total = sum(times[name] for name in STAGES)
    return (f"stages (CPU s, one process): {stages}  = {total:.2f}\n"
            f"canvas (CPU s, fastest of 2 renders of the same pages): PackedCanvas "
            f"{times['packed render']:.2f} s, "
            f"{times['packed bytes'] / 1e6:.2f} MB; ReportLab Canvas "
            f"{times['plain render']:.2f} s, {times['plain bytes'] / 1e6:.2f} MB")


if __name__ == "__main__":
    print(line(split(sys.argv[1])))
