"""A rebuild in a warm process (as ``--watch`` does) reuses grids, set talks and recorded
paintings, and must still write exactly the bytes a fresh process writes for the same file."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench import synthetic
from program.build import Settings, build
from program.memo import keep_warm
from program.layout import book as booklet

@pytest.fixture(autouse=True)
def recording():
    keep_warm(True)  # as --watch does
    yield
    keep_warm(False)


EDITS = [
    ("a plain edit", lambda text: synthetic.edit_one_talk(text, " (revised)")),
    # a character no other text has: every later character's font code shifts by one
    ("a new character", lambda text: synthetic.edit_one_talk(text, " Ωmega")),
    ("the new character again, elsewhere", lambda text: text.replace(" Ωmega", "", 1)
     .replace("title: ", "title: Ω ", 1)),
    # every later session moves down two lines: their warnings must name the new lines
    ("lines inserted", lambda text: text.replace("days:", "# revised\n\ndays:", 1)),
]


def _cold(path: Path, out: Path, jobs: str) -> tuple[bytes, list[str]]:
    """A fresh process's booklet and the problems and warnings it printed."""
    done = subprocess.run([sys.executable, "-m", "program", "build", str(path), "-o", str(out),
                           "--products", "booklet", "--jobs", jobs], check=True,
                          capture_output=True, text=True)
    printed = [line for line in done.stderr.splitlines() if line.startswith(str(path))]
    return (out / f"{path.stem}-booklet.pdf").read_bytes(), printed


@pytest.mark.parametrize("jobs", [1, 2])
def test_warm_rebuilds_equal_cold_builds(tmp_path, jobs, monkeypatch):
    monkeypatch.setattr(booklet, "PARALLEL_MIN_TALKS", 5)  # the second process takes part
    source = synthetic.write("workshop", tmp_path / "workshop.yaml")
    text = source.read_text(encoding="utf-8")
    # the keynote's time implied by its session's 'each', 5 min short: a warning with a line
    keynote = ("        time: 9:00-9:45\n        chairs:", "            time: 9:00-9:45\n")
    assert all(part in text for part in keynote)
    text = text.replace(keynote[0], "        time: 9:00-9:45\n        each: 40\n        chairs:", 1)
    text = text.replace(keynote[1], "", 1)
    source.write_text(text, encoding="utf-8")
    settings = Settings(out_dir=tmp_path / "warm", products=("booklet",), jobs=jobs)
    assert any(p.where and p.where.line for p in build(str(source), settings).problems)
    for label, edit in EDITS:
        text = edit(text)
        source.write_text(text, encoding="utf-8")
        result = build(str(source), settings)
        warm = (tmp_path / "warm" / "workshop-booklet.pdf").read_bytes()
        cold, printed = _cold(source, tmp_path / f"cold-{jobs}", str(jobs))
        assert warm == cold, label
        assert [str(p) for p in result.problems] + list(result.warnings) == printed, label

