"""--watch rebuilds on save, keeps the last good PDF when the file is broken."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from program.build import Settings, _run_once
from program.watch import changed, watch

GOOD = ("event: {title: Watch}\ndays:\n  - date: 2024-01-01\n    items:\n"
        "      - {time: 9:00-10:00, title: First title, kind: remarks}\n")


def _scripted(edits):
    """A ``wait`` for :func:`watch` that makes the next edit instead of waiting for one, and
    checks that the watcher's own test sees it (so nothing races on sleeps)."""
    def wait(files, stamp):
        edits.pop(0)()
        assert changed(files, stamp), "the watcher would not have seen this edit"
    return wait


def _watch_ics(src, out, edits, rounds, rebuild=None):
    """Watch ``src`` building its calendar into ``out``: each build's status and calendar
    after it (None, None for a build that raised)."""
    settings = Settings(out_dir=out, products=("ics",), watch=True)
    read: list = []
    log = []

    def once():
        log.append((None, None))  # stays so when the build raises
        status = rebuild(read) if rebuild else _run_once(str(src), settings, read)
        ics = out / f"{Path(src).stem}.ics"
        log[-1] = (status, ics.read_text(encoding="utf-8") if ics.is_file() else None)
        return status

    watch(str(src), once, max_rounds=rounds, inputs=lambda: read or None, wait=_scripted(edits))
    assert edits == []
    return log


def test_rebuilds_after_a_change_and_survives_every_failure(tmp_path, capsys):
    """A broken file, a deleted schedule, an output folder gone bad and a crash are each
    printed and waited out; the last good calendar stays; the schedule coming back builds."""
    src = tmp_path / "w.yaml"
    src.write_text(GOOD)
    out = tmp_path / "out"
    settings = Settings(out_dir=out, products=("ics",), watch=True)
    crash = []

    def rebuild(read):
        if crash:
            crash.clear()
            raise RuntimeError("disk on fire")
        return _run_once(str(src), settings, read)

    def bad_output_folder():
        src.write_text(GOOD.replace("First", "Fourth"))
        os.rename(out, tmp_path / "kept")
        out.write_text("not a folder")

    def good_output_folder():
        out.unlink()
        os.rename(tmp_path / "kept", out)
        src.write_text(GOOD.replace("First", "Fifth"))

    edits = [lambda: src.write_text(GOOD.replace("title: First title", "title: [broken")),
             src.unlink,
             lambda: src.write_text(GOOD.replace("First", "Second")),
             lambda: (crash.append(1), src.write_text(GOOD.replace("First", "Third"))),
             bad_output_folder, good_output_folder]
    log = _watch_ics(src, out, edits, 7, rebuild)
    assert [status for status, _ in log] == [0, 2, 2, 0, None, 2, 0]
    assert "First title" in log[0][1] and log[1][1] == log[2][1] == log[0][1]
    assert "Second title" in log[3][1]
    assert "Fifth title" in log[6][1]
    err = capsys.readouterr().err
    assert f"{src}: error: no such file" in err.splitlines()
    assert "program: error: the build failed: RuntimeError: disk on fire" in err.splitlines()
    assert f"program: error: output folder '{out}' is a file, not a folder" in err.splitlines()


def test_watches_the_path_it_was_given(tmp_path):
    """A symlinked schedule re-pointed to another file (same size, same time: only the link
    changed), then replaced by a regular file: each is followed."""
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(GOOD.replace("First", "AAAAA"))
    second.write_text(GOOD.replace("First", "BBBBB"))
    os.utime(second, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns))
    link = tmp_path / "w.yaml"
    link.symlink_to(first.name)

    def repoint():
        link.unlink()
        link.symlink_to(second.name)

    def replace_by_a_file():
        link.unlink()
        link.write_text(GOOD.replace("First", "CCCCC"))

    log = _watch_ics(link, tmp_path / "out", [repoint, replace_by_a_file], 3)
    assert [status for status, _ in log] == [0, 0, 0]
    assert ["AAAAA" in log[0][1], "BBBBB" in log[1][1], "CCCCC" in log[2][1]] == [True] * 3


def test_a_watch_build_writes_what_a_plain_build_writes(tmp_path):
    """--watch writes the booklet as soon as it is rendered and the rest after it: the same
    files, the same bytes, as a build that writes all at once."""
    src = tmp_path / "w.yaml"
    src.write_text(GOOD)
    products = ("booklet", "imposed", "handout", "ics")
    for name, watching in (("plain", False), ("watch", True)):
        settings = Settings(out_dir=tmp_path / name, products=products, watch=watching)
        assert _run_once(str(src), settings) == 0
    plain, watched = ({p.name: p.read_bytes() for p in (tmp_path / n).iterdir()}
                      for n in ("plain", "watch"))
    assert len(plain) == len(products) and watched == plain


def test_a_change_is_read_once_the_file_keeps_still(tmp_path):
    """An editor that truncates and then writes in pieces: the rebuild waits for the end."""
    import threading
    import time

    from program import watch

    path = tmp_path / "s.yaml"
    path.write_text("", encoding="utf-8")

    def write_in_pieces() -> None:
        for n in range(5):
            with path.open("a", encoding="utf-8") as fh:
                fh.write(f"piece {n}\n")
            time.sleep(0.01)

    writer = threading.Thread(target=write_in_pieces)
    writer.start()
    watch._settle([path], pause=0.04)
    assert path.read_text(encoding="utf-8").count("piece") == 5
    writer.join()


def test_a_build_tells_the_files_it_read(tmp_path):
    """--watch watches what the last build read, without reading the schedule again."""
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), "navy").save(logo)
    src = tmp_path / "w.yaml"
    src.write_text(GOOD + "theme: {logo: logo.png}\n")
    settings = Settings(out_dir=tmp_path / "out", products=("handout",))
    read: list = []
    assert _run_once(str(src), settings, read) == 0
    assert read == [src, logo]  # as named: a symlink is followed at every look
    src.write_text(GOOD.replace("title: First title", "title: [broken"))
    assert _run_once(str(src), settings, read) == 2
    assert read == []  # watch falls back to finding the files itself


def test_memory_is_tidied_only_when_the_files_keep_still(tmp_path, monkeypatch):
    from program import watch as watch_module

    path = tmp_path / "s.yaml"
    path.write_text("one", encoding="utf-8")
    tidied: list[float] = []
    monkeypatch.setattr(watch_module, "_tidy_memory", lambda: tidied.append(time.perf_counter()))

    def save_later(delay: float, text: str) -> threading.Thread:
        def save() -> None:
            time.sleep(delay)
            path.write_text(text, encoding="utf-8")
        t = threading.Thread(target=save)
        t.start()
        return t

    files = [path]
    saver = save_later(0.1, "two, a save right after the build")
    watch_module._wait_for_change(files, watch_module._stamp(files), 0.01, tidy_after=0.5)
    saver.join()
    assert tidied == []  # the save was not held up by a tidy
    saver = save_later(0.4, "three, after a quiet spell")
    watch_module._wait_for_change(files, watch_module._stamp(files), 0.01, tidy_after=0.1)
    saver.join()
    assert len(tidied) == 1
