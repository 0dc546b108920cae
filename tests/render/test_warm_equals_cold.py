"""A --watch rebuild equals a cold build byte for byte, whatever field of the schedule is
edited: the event, the theme, a session, a talk. One warm process (as ``--watch``) builds a
schedule, then each of a random sequence of edits; after every edit a fresh process builds
the same file, and the two booklets must be the same bytes.

Nothing here names a cache or its key: what is remembered between builds must follow from
what the edit changed, whichever field that is.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import synthetic
from program.build import Settings, build
from program.export_yaml import dump
from program.memo import keep_warm
from program.model import Person, Schedule, Session, Talk
from program.sources.registry import load_schedule
from program.sources.richtext import from_markdown

TEXT = st.text(alphabet=st.sampled_from(list("abcdefghijklmnop QRSTUV Ωé–&<>()")), min_size=1,
               max_size=40).filter(lambda s: s.strip())
#: Abstracts and descriptions: rich text, read from Markdown (emphasis, code, lists, links)
RICH = st.lists(st.sampled_from(["plain words", "**bold**", "*italic*", "`code`", "\n\n- item",
                                 "[a link](https://example.org/l)", "Ωé & <x>"]),
                min_size=1, max_size=5).map(lambda parts: from_markdown(" ".join(parts)))
PEOPLE = st.lists(st.tuples(TEXT, st.none() | TEXT), min_size=1, max_size=3).map(
    lambda pairs: tuple(Person(n.strip(), a.strip() if a and a.strip() else None)
                        for n, a in pairs))
URL = TEXT.map(lambda s: "https://example.org/" + "".join(c for c in s if c.isalnum()))
#: Every field an edit may change, with the values it may take.
FIELDS = [
    ("event", "title", TEXT), ("event", "subtitle", TEXT), ("event", "venue", TEXT),
    ("theme", "paper", st.sampled_from(["a4", "letter", "half-letter"])),
    ("theme", "clock", st.just("12h")),
    ("session", "title", TEXT), ("session", "description", RICH), ("session", "chairs", PEOPLE),
    ("talk", "title", TEXT), ("talk", "abstract", RICH), ("talk", "subtitle", TEXT),
    ("talk", "description", RICH), ("talk", "speakers", PEOPLE), ("talk", "url", URL),
]


def _edit(schedule: Schedule, edit: tuple, which: int) -> Schedule:
    """``schedule`` with one field changed: of the event, the theme, or the ``which``-th
    session or talk (counted round)."""
    target, name, value = edit
    if target == "event":
        return replace(schedule, event=replace(schedule.event, **{name: value.strip()}))
    if target == "theme":
        return replace(schedule, theme=replace(schedule.theme, **{name: value}))
    kind = Session if target == "session" else Talk
    found = [e for day in schedule.days for e in _entries(day) if isinstance(e, kind)]
    chosen = found[which % len(found)]
    value = value.strip() if isinstance(value, str) else value
    changed = replace(chosen, **{name: value})

    def swap(entry):
        if entry is chosen:
            return changed
        if isinstance(entry, Session):
            return replace(entry, items=tuple(swap(t) for t in entry.items))
        return entry

    return replace(schedule, days=tuple(replace(d, entries=tuple(swap(e) for e in d.entries))
                                        for d in schedule.days))


def _entries(day):
    for entry in day.entries:
        yield entry
        if isinstance(entry, Session):
            yield from entry.items


def _cold(path: Path, out: Path) -> bytes:
    subprocess.run([sys.executable, "-m", "program", "build", str(path), "-o", str(out),
                    "--products", "booklet", "--jobs", "1"], check=True, capture_output=True)
    return (out / f"{path.stem}-booklet.pdf").read_bytes()


@pytest.mark.parametrize("target, name, values", FIELDS, ids=[f"{t}.{n}" for t, n, _ in FIELDS])
@settings(max_examples=2, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_watch_rebuild_after_any_edit_equals_a_cold_build(target, name, values, data):
    """Edit ``target.name`` (then, once more, a random other field) in a warm process."""
    first = (target, name, data.draw(values, label="value"))
    t2, n2, v2 = data.draw(st.sampled_from(FIELDS), label="then")
    edits = [(first, data.draw(st.integers(0, 1000), label="which")),
             ((t2, n2, data.draw(v2, label="then value")), data.draw(st.integers(0, 1000)))]
    keep_warm(True)  # as --watch does
    try:
        with tempfile.TemporaryDirectory() as scratch:
            work = Path(scratch)
            source = synthetic.write("workshop", work / "workshop.yaml")
            settings_ = Settings(out_dir=work / "warm", products=("booklet",), jobs=1)
            build(str(source), settings_)
            schedule = load_schedule(str(source))
            for n, (edit, which) in enumerate(edits):
                schedule = _edit(schedule, edit, which)
                source.write_text(dump(schedule), encoding="utf-8")
                schedule = load_schedule(str(source))  # as the file reads back
                build(str(source), settings_)
                warm = (work / "warm" / "workshop-booklet.pdf").read_bytes()
                assert warm == _cold(source, work / f"cold-{n}"), edit
    finally:
        keep_warm(False)
