"""Deterministic synthetic schedules, as YAML text in the project's own format, for benchmarks.

``generate(size, seed=1) -> str`` gives the YAML of a made-up event of one of the sizes in
``SIZES`` (*workshop*, *conference*, *mega*); the same size and seed always give the same text
(a seeded ``random.Random``, no clock, no hashing of sets). ``write(size, path, seed=1)`` writes
it to a file. ``edit_one_talk(text) -> str`` changes the title of one talk, for measuring a
rebuild after a small edit.

The schedules are meant to look like real ones so that the benchmark exercises the real
loader, checks and layout: plenary items without a room (keynotes, breaks, lunch) that span
all rooms, parallel chaired sessions per room, talks of different lengths (some with times
implied by ``each:`` or an even split, as hand-written schedules do), titles from two words to
two lines and more, speakers from many cultures with non-ASCII Latin names and affiliations
(é, ł, ø, ğ...), abstracts, URLs and links. No CJK: the default sizes measure the main font.
Talks never overlap within a room and always lie inside their session, so
``program check`` reports no errors.
"""
from __future__ import annotations

import json
import random
import re
import textwrap
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

__all__ = ["SIZES", "SizeSpec", "generate", "write", "edit_one_talk"]


# --------------------------------------------------------------------------------------
# What each size is


@dataclass(frozen=True)
class Slot:
    """One part of a day plan: minutes since midnight, what happens, and on which days.

    ``what`` is ``block`` (parallel sessions, one per room) or a plenary item: ``opening``,
    ``keynote``, ``break``, ``lunch``, ``posters``, ``panel``, ``dinner``, ``closing``.
    ``days`` is ``all``, ``first``, ``rest`` (all but the first), ``second`` or ``last``.
    """

    start: int
    end: int
    what: str
    days: str = "all"


def _plan(*rows: tuple[str, str, str] | tuple[str, str, str, str]) -> tuple[Slot, ...]:
    """Rows ``("9:45", "11:15", "block"[, "first"])`` -> Slots in minutes since midnight."""
    return tuple(Slot(_minutes(r[0]), _minutes(r[1]), r[2], *r[3:]) for r in rows)


def _minutes(hhmm: str) -> int:
    """``"9:45"`` -> 585."""
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


@dataclass(frozen=True)
class SizeSpec:
    """Everything that distinguishes one synthetic size from another.

    ``talks`` is the exact number of presented items (keynotes, panels and session talks:
    the kinds whose ``Kind.is_talk`` is true). ``abstract_share`` of the talks get an abstract
    of ``abstract_words`` words; each talk has ``speakers`` (min, max) speakers, all with an
    affiliation when ``always_affiliated``. ``explicit_urls`` gives every talk its own ``url:``
    (else the event's ``talk_url`` template makes them). ``one_room`` puts everything in the
    single room (the day's default ``room:``) instead of spanning plenary items.
    """

    name: str
    title: str
    subtitle: str
    venue: str
    timezone: str
    first_day: date
    days: int
    rooms: int
    talks: int
    plan: tuple[Slot, ...]
    clock: str = "24h"
    abstract_share: float = 0.7
    abstract_words: tuple[int, int] = (40, 120)
    speakers: tuple[int, int] = (1, 3)
    always_affiliated: bool = False
    explicit_urls: bool = False
    one_room: bool = False
    colors: bool = True
    domain: str = "example.org"


SIZES: dict[str, SizeSpec] = {
    "workshop": SizeSpec(
        name="workshop",
        title="Workshop on Efficient & Reliable Machine Learning Systems",
        subtitle="co-located with the Systems Summit 2025",
        venue="Salle Pléiade, Centre de Congrès, Lyon",
        timezone="Europe/Paris",
        first_day=date(2025, 6, 13),
        days=1,
        rooms=1,
        talks=25,
        clock="12h",
        abstract_share=1.0,
        abstract_words=(40, 110),
        speakers=(1, 3),
        one_room=True,
        colors=False,
        domain="workshop.example.org",
        plan=_plan(("8:45", "9:00", "opening"), ("9:00", "9:45", "keynote"),
                   ("9:45", "11:00", "block"), ("11:00", "11:30", "break"),
                   ("11:30", "12:45", "block"), ("12:45", "14:00", "lunch"),
                   ("14:00", "14:45", "keynote"), ("14:45", "15:45", "block"),
                   ("15:45", "16:30", "posters"), ("16:30", "17:30", "block"),
                   ("17:30", "18:15", "panel"), ("18:15", "18:30", "closing")),
    ),
    "conference": SizeSpec(
        name="conference",
        title="International Conference on Computing Systems (ICCS 2025)",
        subtitle="Fifteenth edition",
        venue="Messe Wien Congress Center, Vienna",
        timezone="Europe/Vienna",
        first_day=date(2025, 9, 15),
        days=3,
        rooms=6,
        talks=600,
        abstract_share=0.7,
        abstract_words=(30, 120),
        speakers=(1, 3),
        domain="iccs.example.org",
        plan=_plan(("8:30", "8:45", "opening"), ("8:45", "9:45", "keynote"),
                   ("9:45", "11:15", "block"), ("11:15", "11:45", "break"),
                   ("11:45", "13:15", "block"), ("13:15", "14:30", "lunch"),
                   ("14:30", "16:00", "block"), ("16:00", "16:30", "break"),
                   ("16:30", "18:00", "block"), ("18:00", "18:15", "closing", "last"),
                   ("19:30", "22:30", "dinner", "second")),
    ),
    "mega": SizeSpec(
        name="mega",
        title="World Congress on Computing and Information Science 2025",
        subtitle="Five days, twelve tracks, one community",
        venue="Bella Center, København",
        timezone="Europe/Copenhagen",
        first_day=date(2025, 10, 6),
        days=5,
        rooms=12,
        talks=3000,
        abstract_share=1.0,
        abstract_words=(60, 150),
        speakers=(1, 4),
        always_affiliated=True,
        explicit_urls=True,
        domain="wcci.example.org",
        plan=_plan(("8:00", "8:15", "opening"), ("8:15", "9:00", "keynote"),
                   ("9:00", "10:45", "block"), ("10:45", "11:15", "break"),
                   ("11:15", "13:00", "block"), ("13:00", "14:00", "lunch"),
                   ("14:00", "15:45", "block"), ("15:45", "16:15", "break"),
                   ("16:15", "18:00", "block"), ("18:15", "19:45", "block"),
                   ("19:45", "20:00", "closing", "last")),
    ),
}


# --------------------------------------------------------------------------------------
# Text material (no word that makes the loader guess a kind: keynote, lunch, break, poster,
# panel, opening, closing, welcome, remarks, invited, contributed, lightning, coffee...)

_CULTURES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("Łukasz", "Małgorzata", "Paweł", "Agnieszka", "Wojciech", "Zofia", "Michał", "Joanna"),
     ("Wiśniewski", "Kowalczyk", "Wróbel", "Zieliński", "Mazur", "Dąbrowska", "Nowak", "Sójka")),
    (("Søren", "Bjørn", "Åsa", "Ingrid", "Mette", "Jørgen", "Sigrid", "Ørjan"),
     ("Jørgensen", "Løvås", "Østergaard", "Halvorsen", "Nørgaard", "Lindqvist", "Ødegård", "Berg")),
    (("Hélène", "Aurélien", "Zoé", "Jérôme", "Éloïse", "François", "Amélie", "Gaël"),
     ("Lefèvre", "Dubois", "Gauthier", "Bérubé", "Moreau", "Lemaître", "Girard", "Côté")),
    (("José", "María", "Sebastián", "João", "Inês", "Lucía", "Tomás", "Conceição"),
     ("Núñez", "García", "Peña", "Gonçalves", "Fernández", "Araújo", "Ibáñez", "Magalhães")),
    (("Jürgen", "Lena", "Maximilian", "Anneliese", "Lukas", "Jörg", "Friederike", "Matthias"),
     ("Müller", "Schäfer", "Weiß", "Groß", "Hoffmann", "Köhler", "Krüger", "Schmidt-Rößler")),
    (("Çağrı", "Gökhan", "Ayşe", "Elif", "Barış", "Şule", "Emre", "Zeynep"),
     ("Yılmaz", "Öztürk", "Şahin", "Demir", "Kılıç", "Aydın", "Çelik", "Erdoğan")),
    (("Tomáš", "Kateřina", "Jiří", "Lucie", "Zuzana", "Ondřej", "Petr", "Markéta"),
     ("Dvořák", "Novák", "Svoboda", "Černá", "Procházka", "Kučera", "Horáková", "Veselý")),
    (("Aarav", "Priya", "Lakshmi", "Sanjay", "Ananya", "Rohan", "Kavitha", "Vikram"),
     ("Ramanathan", "Iyer", "Chatterjee", "Venkataraman", "Gupta", "Subramanian", "Rao", "Das")),
    (("Wei", "Xiaoming", "Yifan", "Jing", "Hao", "Meiling", "Zhiyuan", "Lu"),
     ("Zhang", "Li", "Wang", "Chen", "Liu", "Huang", "Zhao", "Xu")),
    (("Haruto", "Yuki", "Sakura", "Kenji", "Aiko", "Daisuke", "Emi", "Takeshi"),
     ("Takahashi", "Watanabe", "Suzuki", "Yamamoto", "Nakamura", "Kobayashi", "Itō", "Satō")),
    (("Ji-woo", "Min-jun", "Seo-yeon", "Hyun-woo", "Eun-ji", "Do-yoon", "Ha-eun", "Jae-sung"),
     ("Park", "Kim", "Lee", "Choi", "Jung", "Kang", "Yoon", "Han")),
    (("Chiamaka", "Oluwaseun", "Ngozi", "Emeka", "Adaeze", "Tunde", "Folake", "Ikenna"),
     ("Adeyemi", "Okonkwo", "Nwosu", "Balogun", "Eze", "Okafor", "Adebayo", "Obi")),
    (("Layla", "Omar", "Yasmin", "Karim", "Nour", "Tariq", "Hana", "Samir"),
     ("Haddad", "Al-Mansouri", "Khoury", "Nasser", "El-Amin", "Saleh", "Farouk", "Aziz")),
    (("Siobhán", "Ciarán", "Aoife", "Pádraig", "Niamh", "Seán", "Róisín", "Éamon"),
     ("Ó Briain", "O'Connor", "Mac Giolla", "Ní Bhriain", "Ó Súilleabháin", "Kennedy", "Byrne",
      "Ó Dónaill")),
    (("Daan", "Sanne", "Femke", "Joris", "Maarten", "Lotte", "Bram", "Ilse"),
     ("van der Berg", "de Vries", "van Dijk", "Bakker", "Jansen", "de Jong", "Visser", "Smit")),
    (("Zsófia", "Bálint", "Réka", "Gergő", "Dóra", "Ákos", "Enikő", "Levente"),
     ("Szőke", "Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Fekete")),
    (("Nguyễn", "Minh", "Thảo", "Quang", "Lan", "Dũng", "Hương", "Tuấn"),
     ("Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Ngô")),
    (("Emily", "James", "Olivia", "Michael", "Sarah", "Daniel", "Grace", "Benjamin"),
     ("Smith", "Johnson", "Brown", "Taylor", "Anderson", "Thompson", "Robinson", "Walker")),
)

_LONG_NAMES = (
    "Maximilian Alexander von Hohenberg-Schwarzenbach",
    "Aleksandra Katarzyna Szczepańska-Wołoszyńska",
    "Venkata Subrahmanya Lakshminarayanan Ramachandran",
    "María de los Ángeles Fernández de Córdoba y Peñalosa",
)

_AFFILIATIONS = (
    "Université de Montréal", "ETH Zürich", "Łódź University of Technology",
    "Universidade de São Paulo", "KTH Royal Institute of Technology", "Københavns Universitet",
    "NTNU, Trondheim", "University of California, Berkeley", "Technische Universität München",
    "Indian Institute of Science, Bengaluru", "Tsinghua University", "Seoul National University",
    "University of Tokyo", "Google DeepMind", "Microsoft Research", "Meta AI", "NVIDIA",
    "Université Paris-Saclay", "Universitat Politècnica de Catalunya", "Uniwersytet Warszawski",
    "Boğaziçi University", "University of Lagos", "Makerere University", "Aalto University",
    "Universidade Federal do Rio Grande do Sul", "Charles University, Prague",
    "Eötvös Loránd University", "Trinity College Dublin", "TU Delft",
    "Carnegie Mellon University",
    "American University of Beirut", "Vietnam National University, Hà Nội",
    "Max Planck Institute for Software Systems", "École Polytechnique Fédérale de Lausanne",
    "Stanford University and Databricks", "Amazon Web Services", "Independent researcher",
)

_ADJECTIVES = (
    "Efficient", "Scalable", "Robust", "Adaptive", "Verified", "Distributed", "Incremental",
    "Energy-Aware", "Low-Latency", "Fault-Tolerant", "Privacy-Preserving", "Sparse", "Learned",
    "Probabilistic", "Heterogeneous", "Memory-Efficient", "Self-Tuning", "Decentralized",
    "Interpretable", "Naïve", "Pareto-Optimal", "Lock-Free", "Serverless", "Quantized",
)

_NOUNS = (
    "Inference", "Training", "Scheduling", "Compilation", "Caching", "Query Optimization",
    "Graph Processing", "Stream Processing", "Federated Learning", "Storage", "Consensus",
    "Vector Search", "Data Loading", "Code Generation", "Resource Allocation", "Checkpointing",
    "Model Serving", "Autoscaling", "Kernel Fusion", "Garbage Collection", "Replication",
    "Mixture-of-Experts Routing", "Tensor Programs", "Retrieval", "Program Synthesis",
)

_DOMAINS = (
    "Large Language Models", "Edge Devices", "Data Centers", "Mobile Phones", "Genomics",
    "Climate Simulation", "Recommender Systems", "Autonomous Vehicles", "Satellite Imagery",
    "Scientific Workflows", "Multi-Tenant Clusters", "Spreadsheets", "Robotics",
    "Medical Imaging", "Microcontrollers", "Financial Markets", "Smart Grids",
)

_METHODS = (
    "FlashRoute", "Škoda", "Møbius", "PipeDream-Lite", "Quokka", "Zephyr", "TinyTune", "Orca",
    "Hydra", "Ferret", "Lumen", "Kestrel", "Sparrow", "Tessera", "Fjord", "Mistral-Bench",
)

_CONSTRAINTS = (
    "Tight Memory Budgets", "Unreliable Networks", "Adversarial Workloads", "Strict SLOs",
    "Partial Observability", "Skewed Data", "Limited Bandwidth", "Noisy Labels",
)

_TRACKS = (
    "Machine Learning Systems", "Databases & Storage", "Compilers & Runtimes",
    "Networks & Distributed Systems", "Security & Privacy", "Human-Computer Interaction",
    "Theory of Computing", "Computer Vision", "Natural Language Processing",
    "Hardware & Architecture", "Software Engineering", "Robotics & Control",
)

_TRACK_COLORS = ("#1f5fa8", "#2a9d8f", "#e76f51", "#8a5cb8", "#c9a227", "#4f772d",
                 "#b5485d", "#3d5a80", "#9c6644", "#0b7285", "#6c757d", "#d6336c")

_OPENERS = (
    "We present {method}, {a_adj} approach to {noun} for {domain}.",
    "This talk is about {noun} for {domain}, and why it is harder than it looks.",
    "Existing systems treat {noun} and {noun2} separately, which wastes up to {pct} % of the "
    "available capacity.",
)

_SENTENCES = (
    "Our key observation is that most requests touch only a small, predictable part of the "
    "state.",
    "{method} exploits this with {a_adj} scheduler and a compact index that fits in cache.",
    "On {count} production traces it reduces tail latency by {factor}× and cost by {pct} %.",
    "We also show that the approach degrades gracefully under {constraint}.",
    "The implementation is about {kloc} thousand lines of code and is available as open "
    "source.",
    "Compared with {method2}, our prototype needs {factor}× less memory for the same "
    "accuracy.",
    "A formal model lets us prove that {noun} never violates the invariants of {noun2}.",
    "Unlike earlier work, {method} needs no changes to applications and no retraining.",
    "We evaluate it on {count} workloads from {domain}, from small clusters to whole regions.",
    "Surprisingly, the simplest policy we tried — first come, first served — was within "
    "{pct} % of the best one.",
    "We release the traces, the simulator and a reproducible artifact.",
)

_CLOSERS = (
    "This talk describes the design, the mistakes we made on the way, and what we would do "
    "differently.",
    "We discuss deployment experience at scale and open problems for {domain}.",
    "Joint work with colleagues from {affiliation}.",
)

_ROOM_NAMES = (
    "Hall A", "Hall B", "Hall C", "Room 101", "Room 102", "Auditorium Ørsted",
    "Salle Édouard Branly", "Sala Łukasiewicz", "Room 204", "Room 205", "Studio 3",
    "Hörsaal Gödel",
)


# --------------------------------------------------------------------------------------
# Intermediate values: what the emitter writes


@dataclass(frozen=True)
class _Person:
    """A speaker or chair: name and affiliation (None for a few, as in real schedules)."""

    name: str
    affiliation: str | None


@dataclass(frozen=True)
class _Item:
    """One item: a talk in a session, or a plenary item. ``start``/``end`` in minutes;
    ``timed`` False when the loader must imply the times (``each:`` or an even split)."""

    title: str
    start: int
    end: int
    kind: str | None = None
    speakers: tuple[_Person, ...] = ()
    abstract: str | None = None
    url: str | None = None
    slides: str | None = None
    track: str | None = None
    timed: bool = True
    as_duration: bool = False


@dataclass(frozen=True)
class _Session:
    """A chaired session: ``room`` None for a plenary one (or in a one-room event, where the
    day's ``room:`` applies); ``each`` minutes when the talks' times are implied by ``each:``
    (talks with ``timed`` False and no ``each`` get an even split of the session)."""

    title: str
    start: int
    end: int
    room: str | None
    talks: tuple[_Item, ...]
    chairs: tuple[_Person, ...] = ()
    description: str | None = None
    each: int | None = None


@dataclass(frozen=True)
class _Room:
    """A room: its id (what items refer to) and its printed name."""

    id: str
    name: str


# --------------------------------------------------------------------------------------
# Generation


def generate(size: str, seed: int = 1, **changes) -> str:
    """YAML text of a synthetic schedule of ``size`` (a key of SIZES); same inputs, same text.
    ``changes`` override fields of its SizeSpec (``days=1, talks=200``: a smaller event of
    the same shape, for tests that cannot wait for the whole one).

    Raises ValueError for an unknown size.
    """
    spec = replace(_spec(size), **changes)
    rng = random.Random(f"{spec.name}:{seed}")
    rooms = _make_rooms(spec)
    people = _make_people(rng, max(40, int(spec.talks * 1.2)), spec.always_affiliated)
    counts = _distribute(rng, spec.talks - _plenary_talks(spec), _block_slots(spec))
    numbering = iter(range(1, 10**9))
    days = []
    for index in range(spec.days):
        entries = _day_entries(rng, spec, index, rooms, people, counts, numbering)
        days.append((spec.first_day + timedelta(days=index), entries))
    return _emit(spec, seed, rooms, days)


def write(size: str, path: str | Path, seed: int = 1) -> Path:
    """Write ``generate(size, seed)`` to ``path`` (UTF-8); returns the path."""
    target = Path(path)
    target.write_text(generate(size, seed), encoding="utf-8")
    return target


def _spec(size: str) -> SizeSpec:
    """The SizeSpec named ``size``; ValueError naming the known sizes otherwise."""
    try:
        return SIZES[size]
    except KeyError:
        raise ValueError(f"unknown size {size!r}; choose from {', '.join(SIZES)}") from None


def _days_of(slot: Slot, spec: SizeSpec) -> list[int]:
    """Indexes of the days on which ``slot`` happens."""
    last = spec.days - 1
    wanted = {"all": range(spec.days), "first": [0], "rest": range(1, spec.days),
              "second": [min(1, last)], "last": [last]}[slot.days]
    return list(wanted)


def _plenary_talks(spec: SizeSpec) -> int:
    """How many presented items the plenary slots (keynotes, panels) hold over the event."""
    return sum(len(_days_of(s, spec)) for s in spec.plan if s.what in ("keynote", "panel"))


def _block_slots(spec: SizeSpec) -> int:
    """How many (day, block, room) sessions the event has."""
    blocks = sum(len(_days_of(s, spec)) for s in spec.plan if s.what == "block")
    return blocks * spec.rooms


def _distribute(rng: random.Random, total: int, slots: int) -> list[int]:
    """``total`` talks over ``slots`` sessions, as evenly as possible, the extra ones at
    random places; the list is consumed from the end."""
    base, extra = divmod(total, slots)
    lucky = set(rng.sample(range(slots), extra))
    return [base + (1 if i in lucky else 0) for i in range(slots)]


def _make_rooms(spec: SizeSpec) -> list[_Room]:
    """The rooms: plain names for small events, ``{id, name}`` with floor hints for mega."""
    rooms = []
    for i in range(spec.rooms):
        name = _ROOM_NAMES[i % len(_ROOM_NAMES)]
        if spec.rooms > 6:
            rooms.append(_Room(f"R{i + 1:02d}", f"{name} (level {i // 4})"))
        else:
            rooms.append(_Room(name, name))
    return rooms


def _make_people(rng: random.Random, count: int, always_affiliated: bool) -> list[_Person]:
    """``count`` distinct people with names from many cultures, most with an affiliation."""
    names: dict[str, None] = {}
    long_names = iter(_LONG_NAMES)
    while len(names) < count:
        if len(names) % 97 == 5:
            names.setdefault(next(long_names, _person_name(rng)))
        else:
            names.setdefault(_person_name(rng))
    people = []
    for name in names:
        affiliated = always_affiliated or rng.random() > 0.05
        people.append(_Person(name, rng.choice(_AFFILIATIONS) if affiliated else None))
    return people


def _person_name(rng: random.Random) -> str:
    """A name: given and family name of one culture, sometimes a middle initial."""
    given, family = rng.choice(_CULTURES)
    middle = f" {rng.choice('ABCDEFGHJKLMNPRSTW')}." if rng.random() < 0.35 else ""
    return f"{rng.choice(given)}{middle} {rng.choice(family)}"


def _pick_people(rng: random.Random, people: list[_Person], lo: int,
                 hi: int) -> tuple[_Person, ...]:
    """Between ``lo`` and ``hi`` distinct people, fewer more often than many."""
    weights = [1.0 / (k - lo + 1) for k in range(lo, hi + 1)]
    n = rng.choices(range(lo, hi + 1), weights)[0]
    return tuple(rng.sample(people, n))


def _title(rng: random.Random) -> str:
    """A talk title: short, ordinary, or long with a subtitle; a few with ``&``, ``<``, quotes."""
    adj, adj2 = rng.sample(_ADJECTIVES, 2)
    noun, noun2 = rng.sample(_NOUNS, 2)
    domain, method = rng.choice(_DOMAINS), rng.choice(_METHODS)
    roll = rng.random()
    if roll < 0.12:
        return rng.choice((method, f"{adj} {noun}", f"{method} in Practice"))
    if roll < 0.65:
        return rng.choice((f"{adj} {noun} for {domain}", f"{method}: {adj} {noun}",
                           f"Rethinking {noun} in {domain}", f"{noun} & {noun2} at Scale",
                           f"When Is {adj} {noun} Worth It?"))
    if roll < 0.97:
        return (f"{method}: Towards {adj} and {adj2} {noun} for {domain} "
                f"under {rng.choice(_CONSTRAINTS)}")
    return rng.choice((f"\"{noun}\" Considered Harmful? Latency < 10 ms on {domain}",
                       f"{method}: {adj} {noun} with <5 % Overhead & No Retraining"))


def _abstract(rng: random.Random, lo: int, hi: int) -> str:
    """Prose of whole sentences, between ``lo`` and ``hi`` words (``hi - lo`` must exceed the
    longest sentence): an opener, distinct middle sentences, and a closer."""
    target = rng.randint(lo, hi)
    middle = rng.sample(_SENTENCES, len(_SENTENCES))
    templates = [rng.choice(_OPENERS), *middle, rng.choice(_CLOSERS)]
    chosen: list[str] = []
    words = 0
    for template in templates:
        if words >= target:
            break
        sentence = _fill(rng, template)
        chosen.append(sentence)
        words += len(sentence.split())
    if words > hi:
        words -= len(chosen.pop().split())
    while words < lo:  # only when every template was used and still too short
        sentence = _fill(rng, rng.choice(_SENTENCES))
        chosen.append(sentence)
        words += len(sentence.split())
    return " ".join(chosen)


def _fill(rng: random.Random, template: str) -> str:
    """One sentence of an abstract: ``template`` with its slots filled."""
    noun, noun2 = rng.sample(_NOUNS, 2)
    method, method2 = rng.sample(_METHODS, 2)
    adj = rng.choice(_ADJECTIVES).lower()
    article = "an" if adj[0] in "aeiou" else "a"
    return template.format(
        method=method, method2=method2, a_adj=f"{article} {adj}", noun=noun.lower(),
        noun2=noun2.lower(), domain=rng.choice(_DOMAINS).lower(), pct=rng.randint(5, 60),
        count=rng.randint(3, 40), factor=f"{rng.uniform(1.2, 9.5):.1f}",
        constraint=rng.choice(_CONSTRAINTS).lower(), kloc=rng.randint(2, 90),
        affiliation=rng.choice(_AFFILIATIONS))


def _day_entries(rng: random.Random, spec: SizeSpec, index: int, rooms: list[_Room],
                 people: list[_Person], counts: list[int],
                 numbering: Iterator[int]) -> list[_Item | _Session]:
    """The entries of day ``index`` in time order: plenary items and each block's sessions."""
    entries: list[_Item | _Session] = []
    block_no = 0
    for slot in spec.plan:
        if index not in _days_of(slot, spec):
            continue
        if slot.what == "block":
            block_no += 1
            for r, room in enumerate(rooms):
                track = _TRACKS[(r + index * (spec.rooms > 6)) % len(_TRACKS)]
                entries.append(_block_session(rng, spec, slot, None if spec.one_room else room.id,
                                              track, f"{block_no}{'ABCDEFGHIJKL'[r]}", people,
                                              counts.pop(), numbering))
        else:
            entries.append(_plenary(rng, spec, slot, index, people, numbering))
    return entries


def _talk(rng: random.Random, spec: SizeSpec, people: list[_Person], start: int, end: int,
          kind: str | None, track: str | None, number: int, timed: bool = True) -> _Item:
    """A presented item with speakers, maybe an abstract, and a URL when they are explicit."""
    abstract = None
    if rng.random() < spec.abstract_share:
        abstract = _abstract(rng, *spec.abstract_words)
    url = slides = None
    if spec.explicit_urls:
        url = f"https://{spec.domain}/2025/talks/{number:05d}"
        if rng.random() < 0.2:
            slides = f"https://{spec.domain}/2025/slides/{number:05d}.pdf"
    return _Item(title=_title(rng), start=start, end=end, kind=kind,
                 speakers=_pick_people(rng, people, *spec.speakers), abstract=abstract, url=url,
                 slides=slides, track=track, timed=timed)


def _block_session(rng: random.Random, spec: SizeSpec, slot: Slot, room: str | None, track: str,
                   code: str, people: list[_Person], n: int, numbering: Iterator[int]) -> _Session:
    """One room's session in a block: ``n`` talks back to back from the block's start, the
    first sometimes an invited talk of double length; times explicit or implied."""
    span = slot.end - slot.start
    invited = n >= 3 and rng.random() < 0.25
    units = n + 1 if invited else n
    unit = span // units
    equal = not invited
    mode = rng.random()
    each = unit if equal and mode < 0.2 else None
    split = equal and each is None and span % n == 0 and mode < 0.35
    timed = each is None and not split
    talks, cursor = [], slot.start
    for i in range(n):
        length = 2 * unit if invited and i == 0 else unit
        kind = "invited" if invited and i == 0 else _plain_kind(rng, unit)
        talks.append(_talk(rng, spec, people, cursor, cursor + length, kind, track,
                           next(numbering), timed))
        cursor += length
    description = None
    if rng.random() < 0.3:
        description = f"Talks on {track.lower()}; questions after each talk."
    return _Session(title=f"{track} {code}", start=slot.start, end=slot.end, room=room,
                    talks=tuple(talks), chairs=_pick_people(rng, people, 1, 2),
                    description=description, each=each)


def _plain_kind(rng: random.Random, minutes: int) -> str | None:
    """Kind of an ordinary session talk: lightning when short, else contributed or unsaid."""
    if minutes <= 7:
        return "lightning"
    return "contributed" if rng.random() < 0.4 else None


def _plenary(rng: random.Random, spec: SizeSpec, slot: Slot, index: int, people: list[_Person],
             numbering: Iterator[int]) -> _Item | _Session:
    """A plenary entry (no room: it spans every room): keynote session, panel, or a pause."""
    if slot.what == "keynote":
        talk = _talk(rng, spec, people, slot.start, slot.end, "keynote", None, next(numbering))
        return _Session(title=f"Keynote {index + 1}" if slot.start < 12 * 60 else
                        f"Afternoon Keynote {index + 1}", start=slot.start, end=slot.end,
                        room=None, talks=(talk,), chairs=_pick_people(rng, people, 1, 1))
    if slot.what == "panel":
        talk = _talk(rng, spec, people, slot.start, slot.end, "panel", None, next(numbering))
        return replace(talk, title="Panel: " + talk.title,
                       speakers=_pick_people(rng, people, 3, 5))
    titles = {"opening": ("Opening Remarks" if index == 0 else "Announcements", "remarks"),
              "closing": ("Closing Remarks", "remarks"), "break": ("Coffee Break", None),
              "lunch": ("Lunch", None), "posters": ("Poster Session", "poster"),
              "dinner": ("Conference Dinner at the Rathauskeller", "meal")}
    title, kind = titles[slot.what]
    speakers = _pick_people(rng, people, 1, 1) if slot.what in ("opening", "closing") else ()
    return _Item(title=title, start=slot.start, end=slot.end, kind=kind, speakers=speakers,
                 as_duration=slot.what == "lunch")


# --------------------------------------------------------------------------------------
# YAML emission


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _clock(minutes: int, clock: str) -> str:
    """Minutes since midnight as written in the schedule: ``14:30`` or, with 12h, ``2:30``."""
    hour, minute = divmod(minutes, 60)
    if clock == "12h":
        hour = hour % 12 or 12
    return f"{hour}:{minute:02d}"


def _span(start: int, end: int, clock: str) -> str:
    """``9:45-11:15``."""
    return f"{_clock(start, clock)}-{_clock(end, clock)}"


def _person_yaml(p: _Person) -> str:
    """``"Name, Affiliation"``, or the mapping form when the affiliation has a comma too."""
    if p.affiliation and "," in p.affiliation:
        return f"{{name: {_q(p.name)}, affiliation: {_q(p.affiliation)}}}"
    return _q(f"{p.name}, {p.affiliation}" if p.affiliation else p.name)


def _people_lines(key: str, people: tuple[_Person, ...], pad: str) -> list[str]:
    """``speakers:`` as one value for one person, else as a list."""
    if len(people) == 1:
        return [f"{pad}{key}: {_person_yaml(people[0])}"]
    return [f"{pad}{key}:"] + [f"{pad}  - {_person_yaml(p)}" for p in people]


def _block_text(key: str, text: str, pad: str) -> list[str]:
    """A folded block scalar (``key: >-``) wrapped at about 88 columns."""
    lines = textwrap.wrap(text, width=max(40, 88 - len(pad)), break_long_words=False,
                          break_on_hyphens=False)
    return [f"{pad}{key}: >-"] + [f"{pad}  {line}" for line in lines]


def _item_lines(item: _Item, clock: str, pad: str) -> list[str]:
    """An item as a YAML list entry indented by ``pad``."""
    body = pad + "  "
    lines = [f"{pad}- title: {_q(item.title)}"]
    if item.timed and item.as_duration:
        lines += [f"{body}time: {_clock(item.start, clock)}",
                  f"{body}duration: {_duration(item.end - item.start)}"]
    elif item.timed:
        lines.append(f"{body}time: {_span(item.start, item.end, clock)}")
    if item.kind:
        lines.append(f"{body}kind: {item.kind}")
    if item.speakers:
        lines += _people_lines("speakers", item.speakers, body)
    if item.track:
        lines.append(f"{body}track: {_q(item.track)}")
    if item.url:
        lines.append(f"{body}url: {item.url}")
    if item.slides:
        lines += [f"{body}links:", f"{body}  - {{label: Slides, url: {item.slides}}}"]
    if item.abstract:
        lines += _block_text("abstract", item.abstract, body)
    return lines


def _duration(minutes: int) -> str:
    """``75`` -> ``1h15``; ``45`` -> ``45min``."""
    hours, rest = divmod(minutes, 60)
    return f"{hours}h{rest:02d}" if hours else f"{rest}min"


def _session_lines(s: _Session, clock: str, pad: str) -> list[str]:
    """A session as a YAML list entry indented by ``pad``."""
    body = pad + "  "
    lines = [f"{pad}- session: {_q(s.title)}", f"{body}time: {_span(s.start, s.end, clock)}"]
    if s.room is not None:
        lines.append(f"{body}room: {_q(s.room)}")
    if s.chairs:
        lines += _people_lines("chairs", s.chairs, body)
    if s.description:
        lines.append(f"{body}description: {_q(s.description)}")
    if s.each is not None:
        lines.append(f"{body}each: {s.each}min")
    lines.append(f"{body}talks:")
    for talk in s.talks:
        lines += _item_lines(talk, clock, body + "  ")
    return lines


def _emit(spec: SizeSpec, seed: int, rooms: list[_Room],
          days: list[tuple[date, list[_Item | _Session]]]) -> str:
    """The whole YAML document."""
    lines = [f"# Synthetic schedule, size {spec.name!r}, seed {seed}: generated by",
             "# program.synthetic (python -m program.bench). Names and talks are made up.",
             *_event_lines(spec), *_rooms_lines(rooms), *_theme_lines(spec, rooms), "days:"]
    for index, (day, entries) in enumerate(days):
        lines += [f"  - date: {day.isoformat()}", f"    title: {_q(f'Day {index + 1}')}"]
        if spec.one_room:
            lines.append(f"    room: {_q(rooms[0].id)}")
        lines.append("    items:")
        for entry in entries:
            if isinstance(entry, _Session):
                lines += _session_lines(entry, spec.clock, "      ")
            else:
                lines += _item_lines(entry, spec.clock, "      ")
    return "\n".join(lines) + "\n"


def _event_lines(spec: SizeSpec) -> list[str]:
    """The ``event:`` section."""
    lines = ["event:", f"  title: {_q(spec.title)}", f"  subtitle: {_q(spec.subtitle)}",
             f"  venue: {_q(spec.venue)}", f"  url: https://{spec.domain}/",
             f"  timezone: {spec.timezone}",
             "  organizers: [\"Åsa Lindqvist\", \"Kwame Mensah\", \"Inês Araújo\"]",
             f"  clock: {_q(spec.clock)}"]
    if not spec.explicit_urls:
        lines.append(f"  talk_url: {_q(f'https://{spec.domain}/program/' + '#{id}')}")
    return lines


def _rooms_lines(rooms: list[_Room]) -> list[str]:
    """The ``rooms:`` section: plain names, or ``{id, name}`` when they differ."""
    lines = ["rooms:"]
    for room in rooms:
        if room.id == room.name:
            lines.append(f"  - {_q(room.name)}")
        else:
            lines.append(f"  - {{id: {_q(room.id)}, name: {_q(room.name)}}}")
    return lines


def _theme_lines(spec: SizeSpec, rooms: list[_Room]) -> list[str]:
    """The ``theme:`` section; colours by track for the sizes that ask for them."""
    lines = ["theme:", "  paper: a5", "  qr: true"]
    if spec.colors:
        pairs = [f"{_q(track)}: {_q(_TRACK_COLORS[i])}"
                 for i, track in enumerate(_TRACKS[: len(rooms)])]
        lines.append("  colors: {" + ", ".join(pairs) + "}")
    return lines


# --------------------------------------------------------------------------------------
# Editing one talk


_TITLE_LINE = re.compile(r"^(?P<lead>\s*(?:- )?title:\s*)(?P<value>.*?)(?P<tail>\s+#.*)?$")


def edit_one_talk(yaml_text: str, suffix: str = " (revised)") -> str:
    """The same schedule with ``suffix`` appended to the title of one talk (the middle one
    of those listed under a session's ``talks:``), as an organizer fixing a title would.

    Works on any schedule in the YAML format (the seed, generated ones). ValueError when the
    text has no talk under ``talks:``.
    """
    lines = yaml_text.split("\n")
    candidates = _talk_title_lines(lines)
    if not candidates:
        raise ValueError("no talk title under a session's talks: to edit")
    index = candidates[len(candidates) // 2]
    lines[index] = _append_to_title(lines[index], suffix)
    return "\n".join(lines)


def _indent(line: str) -> int:
    """Columns of leading spaces."""
    return len(line) - len(line.lstrip(" "))


def _talk_title_lines(lines: list[str]) -> list[int]:
    """Indexes of the ``title:`` lines inside ``talks:`` blocks (a block ends at the first
    line indented less than its ``talks:``, or as much but not a ``- `` list entry)."""
    found: list[int] = []
    talks_indent: int | None = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = _indent(line)
        if talks_indent is not None and (indent < talks_indent or (
                indent == talks_indent and not stripped.startswith("- "))):
            talks_indent = None
        if stripped == "talks:":
            talks_indent = indent
        elif talks_indent is not None and re.match(r"(- )?title:", stripped):
            found.append(i)
    return found


def _append_to_title(line: str, suffix: str) -> str:
    """A ``title:`` line with ``suffix`` added inside the quotes (if any) of its value."""
    m = _TITLE_LINE.match(line)
    assert m is not None
    value, tail = m["value"], m["tail"] or ""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[:-1] + suffix + value[-1]
    else:
        value = value + suffix
    return m["lead"] + value + tail
