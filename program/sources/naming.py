"""Names shared by every reader: ids made from titles, and the kind a title suggests.

``slug(title)``, ``IdPool().take(wanted, title)`` (unique ids in source order, ``lunch``,
``lunch-2``), ``is_generated_id`` (does an id say no more than its title?) and
``guess_kind(title)``, ``parse_person("Name, Affiliation")``. Pure functions of text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from program.model import Kind, Person
from program.sources.words import unaccented


@dataclass
class IdPool:
    """Ids made unique in source order: the source's own id when it has one, else a slug of
    the title (``lunch``, ``lunch-2``)."""

    used: set[str] = field(default_factory=set)

    def take(self, wanted: str | None, title: str) -> str:
        """The id for an item: ``wanted`` as given (duplicates are left to checks), else a
        fresh slug of ``title``."""
        if wanted:
            self.used.add(wanted)
            return wanted
        base = slug(title) or "item"
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def is_generated_id(ident: str, title: str) -> bool:
    """True when ``ident`` is what the loader would make from ``title`` (``lunch``, ``lunch-2``)."""
    return re.fullmatch(re.escape(slug(title) or "item") + r"(-\d+)?", ident) is not None


def slug(text: str, limit: int = 40) -> str:
    """``"Keynote 1: Machine Learning…"`` -> ``"keynote-1-machine-learning"`` (ASCII, short)."""
    ascii_text = text if text.isascii() else \
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = _SLUG_WORD.findall(ascii_text.lower())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit:
            break
        out = f"{out}-{word}" if out else word
    return out


_KIND_WORDS = (
    ("keynote", Kind.KEYNOTE), ("lunch", Kind.MEAL), ("dinner", Kind.MEAL),
    ("breakfast", Kind.MEAL), ("reception", Kind.MEAL), ("coffee", Kind.BREAK),
    ("poster", Kind.POSTER), ("break", Kind.BREAK), ("remarks", Kind.REMARKS),
    ("opening", Kind.REMARKS), ("closing", Kind.REMARKS), ("welcome", Kind.REMARKS),
    ("panel", Kind.PANEL), ("invited", Kind.INVITED), ("contributed", Kind.CONTRIBUTED),
    ("lightning", Kind.LIGHTNING), ("tea", Kind.BREAK), ("snack", Kind.BREAK),
)


#: break, meal and opening words of German, French, Spanish and Italian programmes that are
#: no English word, so a title holding one is that kind wherever the word stands
_FOREIGN_WORDS = (
    ("kaffeepause", Kind.BREAK), ("mittagspause", Kind.MEAL), ("mittagessen", Kind.MEAL),
    ("abendessen", Kind.MEAL), ("fruhstuck", Kind.MEAL), ("eroffnung", Kind.REMARKS),
    ("begrussung", Kind.REMARKS), ("dejeuner", Kind.MEAL),
    ("almuerzo", Kind.MEAL), ("desayuno", Kind.MEAL), ("comida", Kind.MEAL),
    ("pranzo", Kind.MEAL), ("colazione", Kind.MEAL), ("pausa", Kind.BREAK),
    ("clausura", Kind.REMARKS), ("bienvenida", Kind.REMARKS), ("benvenuto", Kind.REMARKS),
)
#: words that are one in English too ("Pause and reflect", "Ouverture"), a kind only when
#: they are the whole title
_WHOLE_TITLES = {
    "pause": Kind.BREAK, "pause cafe": Kind.BREAK, "kaffee": Kind.BREAK,
    "accueil": Kind.REMARKS, "ouverture": Kind.REMARKS, "cloture": Kind.REMARKS,
    "apertura": Kind.REMARKS, "chiusura": Kind.REMARKS, "cena": Kind.MEAL, "diner": Kind.MEAL,
    "schluss": Kind.REMARKS, "abschluss": Kind.REMARKS,
}


_SLUG_WORD = re.compile(r"[a-z0-9]+")
_WORD = re.compile(r"[a-z]+")


def plain_words(text: str) -> list[str]:
    """``"Pause café"`` -> ``["pause", "cafe"]``: lower-case words without accents."""
    return _WORD.findall(unaccented(text))


def guess_kind(title: str) -> Kind:
    """The kind a title suggests ("Lunch" -> meal, "Keynote 2: ..." -> keynote, "Pause" and
    "Kaffeepause" -> break, but not "Pause and reflect"), else talk."""
    plain = plain_words(title)
    whole = _WHOLE_TITLES.get(" ".join(plain))
    if whole is not None:
        return whole
    found = set(plain)
    for word, kind in _FOREIGN_WORDS:
        if word in found:
            return kind
    words = set(_WORD.findall(title.lower()))
    words |= {w[:-1] for w in words if w.endswith("s")}
    for word, kind in _KIND_WORDS:
        if word in words:
            return kind
    return Kind.TALK


def parse_person(text: str) -> Person:
    """``"Joelle Pineau, McGill University"`` -> Person (split at the first comma)."""
    name, _, affiliation = text.partition(",")
    return Person(name.strip(), affiliation.strip() or None)
