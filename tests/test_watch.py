"""--watch rebuilds on save, keeps the last good PDF when the file is broken."""
from __future__ import annotations

import threading
import time

from program.build import Settings, _run_once
from program.watch import watch

GOOD = ("event: {title: Watch}\ndays:\n  - date: 2024-01-01\n    items:\n"
        "      - {time: 9:00-10:00, title: First title, kind: remarks}\n")


def test_rebuilds_after_a_change_and_survives_an_error(tmp_path):
    src = tmp_path / "w.yaml"
    src.write_text(GOOD)
    out = tmp_path / "out"
    settings = Settings(out_dir=out, products=("handout",))
    statuses = []

    def rebuild():
        statuses.append(_run_once(str(src), settings))
        return statuses[-1]

    thread = threading.Thread(target=watch, args=(str(src), rebuild, 3, 0.05), daemon=True)
    thread.start()
    deadline = time.time() + 60
    while len(statuses) < 1 and time.time() < deadline:
        time.sleep(0.05)
    first = (out / "w-handout.pdf").read_bytes()
    time.sleep(0.05)
    src.write_text(GOOD.replace("title: First title", "title: [broken"))
    while len(statuses) < 2 and time.time() < deadline:
        time.sleep(0.05)
    assert statuses[:2] == [0, 2]
    assert (out / "w-handout.pdf").read_bytes() == first  # the last good PDF stays
    time.sleep(0.05)
    src.write_text(GOOD.replace("First title", "Second title"))
    thread.join(timeout=60)
    assert statuses == [0, 2, 0]
    assert (out / "w-handout.pdf").read_bytes() != first


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
    assert read == [src.resolve(), logo.resolve()]
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
