"""Attendee lists for the badge benchmark: ``write_attendees(n, schedule, path)``.

Names and affiliations come from :mod:`bench.synthetic`'s pools (many cultures, a long name
now and then); roles follow a conference's mix; every third attendee lists two or three of
the schedule's sessions or tracks (what ``--personal`` prints on the back). Seeded: the same
list every run.
"""
from __future__ import annotations

import csv
import random
from pathlib import Path

from bench import synthetic
from program.model import Session
from program.sources.registry import load_schedule

ROLES = ("attendee",) * 14 + ("speaker",) * 4 + ("volunteer", "organizer")


def write_attendees(count: int, schedule: Path, path: Path, seed: int = 1) -> Path:
    """A CSV of ``count`` attendees for ``schedule`` at ``path``; returns ``path``."""
    rng = random.Random(seed)
    loaded = load_schedule(str(schedule))
    choices = sorted({e.title for d in loaded.days for e in d.entries if isinstance(e, Session)}
                     | {t.track for t in loaded.talks() if t.track})
    people = synthetic._make_people(rng, count, always_affiliated=False)  # noqa: SLF001
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["Name", "Affiliation", "Pronouns", "Role", "ID", "Sessions"])
        for n, person in enumerate(people):
            mine = rng.sample(choices, min(len(choices), rng.randint(2, 3))) \
                if choices and n % 3 == 0 else []
            out.writerow([person.name, person.affiliation or "",
                          rng.choice(("", "", "she/her", "he/him", "they/them")),
                          rng.choice(ROLES), f"A{n:05d}", "|".join(mine)])
    return path
