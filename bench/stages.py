"""``python -m bench.stages FILE``: one booklet build split into its stages, in one process.

Prints the seconds of load, check, prepare, layout, render and write for the booklet of
``FILE`` (the pipeline of :func:`program.build.build`, stage by stage), then renders the
same pages again on ReportLab's own ``Canvas``, on :class:`PageCanvas` (the fast path of
``program/render/canvas.py``: pages compressed as they end, objects written directly; the
same bytes as ``Canvas``) and on :class:`PackedCanvas` (that, with the small objects in
compressed object streams), and on PackedCanvas with a second process drawing the last
pages (what the booklet uses: ``render_document(..., jobs=2)``), so what each earns, in
time and in file size, is in ``make bench``.

Run as its own process by :mod:`bench.run`, so the stages start cold (no memo filled).
The stages' times are CPU seconds of the process (``time.process_time``), steadier than
wall time on a loaded machine; the canvases are compared in wall seconds (what the second
process saves is time on the other core, not CPU).
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
    ``plain render``, ``page render`` and ``packed render`` (the same pages drawn again on
    ReportLab's ``Canvas``, :class:`PageCanvas` and :class:`PackedCanvas`, the fastest of
    three each, alternating) and the bytes of each PDF (``plain bytes``, …)."""
    from reportlab.pdfgen.canvas import Canvas

    from program.build import add_arguments, resolve, settings_from_args
    from program.prepare import checked
    from program.layout.book import booklet_pages
    from program.output import write_all
    from program.sources.transform import apply_overrides
    from program.render.canvas import PackedCanvas, PageCanvas
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
    times["pages"] = len(pages)
    packed, _ = render_document(list(pages), meta, PackedCanvas)  # (a list is handed over)
    lap("render")
    with tempfile.TemporaryDirectory() as out:
        write_all([(Path(out) / "booklet.pdf", packed)], {}, lock=Path(out))
    lap("write")
    # again, alternating, the fastest of each: the first render also loaded the fonts
    renders: dict[str, list[float]] = {"plain": [], "page": [], "packed": [], "shared": []}
    for _ in range(3):
        for name, kind, jobs in (("plain", Canvas, 1), ("page", PageCanvas, 1),
                                 ("packed", PackedCanvas, 1), ("shared", PackedCanvas, 2)):
            gc.collect()  # (the last render's cycles gone: a fork copies the whole heap)
            start = time.perf_counter()
            pdf, _ = render_document(list(pages), meta, kind, jobs=jobs)
            renders[name].append(time.perf_counter() - start)
            times[f"{name} bytes"] = len(pdf)
    times.update({f"{name} render": min(values) for name, values in renders.items()})
    return times


def line(times: dict[str, float]) -> str:
    """The stage split and the canvas comparison as two printed lines."""
    from program.render.frames import PARALLEL_MIN_PAGES

    stages = "  ".join(f"{name} {times[name]:.2f}" for name in STAGES)
    total = sum(times[name] for name in STAGES)
    canvases = "; ".join(
        f"{label} {times[name + ' render']:.2f} s, {times[name + ' bytes'] / 1e6:.2f} MB"
        for name, label in (("plain", "ReportLab Canvas"), ("page", "PageCanvas"),
                            ("packed", "PackedCanvas (the booklet's)")))
    shared = (f"; PackedCanvas with a second process drawing the last pages (the booklet's, "
              f"from {PARALLEL_MIN_PAGES} pages) {times['shared render']:.2f} s"
              if times["pages"] >= PARALLEL_MIN_PAGES else "")
    return (f"stages (CPU s, one process): {stages}  = {total:.2f}\n"
            f"canvas (wall s, fastest of 3 renders of the same pages): {canvases}{shared}")


if __name__ == "__main__":
    print(line(split(sys.argv[1])))
