"""``program build --watch``: rebuild whenever the schedule or a file it names changes.

Polls modification times (no extra dependency, works on every file system, including network
mounts where inotify does not). Any failure of a build is printed and the last good PDFs stay;
the next save tries again. The path given is watched as given: a symlink re-pointed or
replaced by a file is followed, and a schedule deleted and saved again is built again. The
process stays warm, so a rebuild costs the render, not the start-up.
"""
from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path
from typing import Callable

from program.memo import let_go

POLL_SECONDS = 0.05  # two stat() calls a poll: nothing next to a rebuild
SETTLE_SECONDS = 0.02  # a change is read once the files have kept still this long
TIDY_AFTER_SECONDS = 0.5  # memory is tidied once the files have kept still this long


def watched_files(schedule_path: str) -> list[Path]:
    """The schedule (as given, not resolved: a symlink is followed at every look) and the
    files it names (its logo); missing ones included."""
    files = [Path(schedule_path)]
    try:
        from program.sources.registry import load_schedule

        schedule = load_schedule(schedule_path)
    except Exception:  # noqa: BLE001 - a broken file still gets watched, by itself
        return files
    if schedule.theme.logo:
        files.append(Path(schedule_path).parent / schedule.theme.logo)
    return files


def _stamp(files: list[Path]) -> tuple:
    """What tells a change: each file's identity, time and size through its symlinks, and
    the time of the link itself (a link re-pointed to an older file changes only that)."""
    out = []
    for f in files:
        try:
            st, link = os.stat(f), os.lstat(f)
            out.append((str(f), st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size,
                        link.st_ino, link.st_mtime_ns))
        except OSError:  # missing, a dangling link, a loop: watched until it is back
            out.append((str(f), None))
    return tuple(out)


def changed(files: list[Path], stamp: tuple) -> bool:
    """True when one of ``files`` differs from ``stamp`` (taken with :func:`_stamp`)."""
    return _stamp(files) != stamp


Wait = Callable[[list[Path], tuple], None]
"""How the loop waits for the next change: given the files and their stamps, return once
one of them has changed (tests pass a function that makes the next edit)."""


def watch(schedule_path: str, rebuild: Callable[[], int], max_rounds: int | None = None,
          poll: float = POLL_SECONDS,
          inputs: Callable[[], list[Path] | None] | None = None,
          wait: Wait | None = None) -> int:
    """Run ``rebuild`` now and after every change; returns on Ctrl-C (or after
    ``max_rounds`` rebuilds, for tests). A rebuild that fails in any way (a UserError is
    already a status; anything else is printed here as one line) is waited out.

    ``inputs``, if given, tells the files the last build read (None when it failed); they
    are watched from then on. Without it, or after a failed build, the schedule is read
    again to find them (:func:`watched_files`). The files are stamped before each build
    reads them (an edit saved during a build starts another). ``wait`` (default: poll every
    ``poll`` seconds, then let the files settle) returns at the next change. Nothing slow
    runs between a successful build and the wait for the next save: memory is tidied only
    once the files have kept still for a while (:func:`_wait_for_change`)."""
    if wait is None:
        def wait(files: list[Path], stamp: tuple) -> None:
            _wait_for_change(files, stamp, poll)
            _settle(files)
    rounds = 0
    files = watched_files(schedule_path)
    try:
        while True:
            stamp = _stamp(files)
            started = time.perf_counter()
            status = _survive(rebuild)
            rounds += 1
            took = time.perf_counter() - started
            print(f"[watch] {'built' if status == 0 else 'not built'} in {took:.2f} s; "
                  f"watching {len(files)} file(s), Ctrl-C to stop", file=sys.stderr, flush=True)
            let_go()  # what the build finished with, freed now that it is reported
            if max_rounds is not None and rounds >= max_rounds:
                return status
            read = inputs() if inputs is not None else None
            files, stamp = _refresh(schedule_path, stamp, read)
            wait(files, stamp)
    except KeyboardInterrupt:
        print("[watch] stopped", file=sys.stderr)
        return 0


def _survive(rebuild: Callable[[], int]) -> int:
    """``rebuild()``, or 1 after printing what went wrong: one failed build (a bug, a
    file system gone) must not end the watch."""
    try:
        return rebuild()
    except Exception as exc:  # noqa: BLE001 - reported, and the next save tries again
        print(f"program: error: the build failed: {type(exc).__name__}: {exc}",
              file=sys.stderr, flush=True)
        return 1


def _wait_for_change(files: list[Path], stamp: tuple, poll: float,
                     tidy_after: float = TIDY_AFTER_SECONDS) -> None:
    """Poll until a file's stamp differs from ``stamp``. The first time the files have kept
    still for ``tidy_after`` seconds, tidy memory (:func:`_tidy_memory`, ~0.3 s for the
    mega schedule): done then, it holds up only a save made while it runs, never one made
    right after a build."""
    quiet_since = time.perf_counter()
    tidied = False
    while not changed(files, stamp):
        if not tidied and time.perf_counter() - quiet_since >= tidy_after:
            _tidy_memory()
            tidied = True
        time.sleep(poll)


def _tidy_memory() -> None:
    """Between builds: collect the garbage cycles the last build left (the collector is
    paused during builds, see ``build.build``), then freeze what survives (the warm caches),
    so that later collections do not walk them again and again."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _settle(files: list[Path], pause: float = SETTLE_SECONDS) -> None:
    """Wait until the files stop changing: an editor that truncates a file and then writes
    it must not have its half-written file read (and reported as broken)."""
    seen = _stamp(files)
    while True:
        time.sleep(pause)
        now = _stamp(files)
        if now == seen:
            return
        seen = now


def _refresh(schedule_path: str, stamp: tuple,
             read: list[Path] | None = None) -> tuple[list[Path], tuple]:
    """The files to watch now (``read``, the files the build read, or else found by
    :func:`watched_files`), and their stamps: as taken before the build for files watched
    then (so a change during the build is seen), as they are for new ones."""
    files = list(read) if read else watched_files(schedule_path)
    before = {entry[0]: entry for entry in stamp}
    now = _stamp(files)
    return files, tuple(before.get(entry[0], entry) for entry in now)
