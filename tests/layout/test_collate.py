"""program.render.collate against full pyuca: the subset table must give the very keys and
order that ``pyuca.Collator()`` (the whole DUCET) gives, on a fixed, seeded sample."""
from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest
from pyuca import Collator

from program.layout import collate

# Name parts by script; several exercise contractions (Catalan l·l, Cyrillic й, Thai, Lao),
# combining marks in non-canonical order, compatibility characters and implicit weights.
PARTS = {
    "latin": ["Émile", "Zoë", "Ångström", "Müller", "Mueller", "Møbius", "Mobius", "Æsir",
              "Œuvre", "Núñez", "Çelik", "Straße", "François", "Đorđe", "Þór", "Öberg",
              "de la Cruz", "O'Brien", "O’Neil", "Jean-Luc", "van der Berg", "Dvořák",
              "Čapek", "Žižek", "Lluís", "Col·lecció", "ǅemal", "Ĳsselmeer", "ﬁne", "ŉ"],
    "polish": ["Łukasz", "Lukasz", "Łódź", "Żółć", "Ściślak", "Wałęsa", "Michał"],
    "turkish": ["İsmail", "Işık", "Ismail", "Ağaoğlu", "Şükrü", "Güneş", "Ömer"],
    "vietnamese": ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Đỗ"],
    "greek": ["Αλέξανδρος", "Σωκράτης", "Ελένη", "Ὀδυσσεύς", "ΐ", "Ἀθηνᾶ", "ΣΟΦΊΑ"],
    "cyrillic": ["Ёлкин", "Елкин", "Иванов", "Щукин", "Їжак", "Ґалаґан", "Љубиша", "Йосиф",
                 "Иосиф"],
    "cjk": ["李小龙", "王芳", "張偉", "田中太郎", "山田花子", "𠀋人", "鈴木", "ひらがな",
            "カタカナ", "ｶﾀｶﾅ", "﨎"],
    "hangul": ["김민준", "이서연", "박지훈", "최유진", "강", "가", "가"],
    "arabic": ["محمد", "أحمد", "علي", "فاطمة", "عبد الله", "ﻣﺤﻤﺪ", "إبراهيم"],
    "hebrew": ["דוד", "שָׁלוֹם", "מרים", "יוסף"],
    "devanagari": ["राम", "सीता", "क्षत्रिय", "श्री", "कृष्ण", "ज्ञान"],
    "thai_lao": ["เกษม", "ไพโรจน์", "ແກ້ວ", "ເພັດ"],
    "ascii": ["Smith", "smith", "SMITH", "O'Connor", "Anne-Marie", "de Vries", "R2D2",
              "Agent 47", "Ng"],
    "other": ["ǆ", "Å", "A\u030a", "ȧ̈", "a\u0301\u0323", "a\u0323\u0301", "ß", "ẞ", "ª",
              "²", "Ⅻ", "①", "Ａｂｃ", "x\u0308\u0304", "𝐀", "\U00017001"],
}
EVERY_PART = [part for parts in PARTS.values() for part in parts]
# Code point ranges for random strings (Latin, combining marks, Greek, Cyrillic, Hebrew,
# Arabic, Devanagari, Thai, Lao, Tai Viet, Hangul, kana, CJK, Tangut, symbols, unassigned).
RANGES = [(0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x370, 0x3FF), (0x1F00, 0x1FFE),
          (0x400, 0x52F), (0x590, 0x5FF), (0x600, 0x6FF), (0x900, 0x97F), (0xE00, 0xEFF),
          (0xAA80, 0xAADF), (0x1E00, 0x1EFF), (0xAC00, 0xD7A3), (0x1100, 0x11FF),
          (0x3040, 0x30FF), (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF),
          (0xF900, 0xFAFF), (0xFF00, 0xFFEF), (0x2000, 0x206F), (0x17000, 0x17020),
          (0x1D400, 0x1D4FF), (0x10FFF0, 0x10FFFD)]


def _name(rng: random.Random) -> str:
    """One made-up name: 1-3 parts (mostly from one script), mixed case, separators, digits."""
    script = rng.choice(list(PARTS))
    parts = []
    for _ in range(rng.randint(1, 3)):
        part = rng.choice(PARTS[script] if rng.random() < 0.8 else EVERY_PART)
        part = rng.choice([part, part, part, part.upper(), part.lower(), part.swapcase()])
        parts.append(part)
    name = parts[0]
    for part in parts[1:]:
        name += rng.choice([" ", " ", "-", "'", "’", "", ". "]) + part
    if rng.random() < 0.1:
        name += f" {rng.randint(0, 99)}"
    return unicodedata.normalize(rng.choice(["NFC", "NFC", "NFD", "NFKC"]), name)


def _random_string(rng: random.Random) -> str:
    """1-6 code points drawn from RANGES (surrogates replaced by "A")."""
    cps = [rng.randint(*rng.choice(RANGES)) for _ in range(rng.randint(1, 6))]
    return "".join("A" if 0xD800 <= cp <= 0xDFFF else chr(cp) for cp in cps)


def _sample(seed: int, size: int) -> list[str]:
    rng = random.Random(seed)
    names = [_name(rng) for _ in range(size * 3 // 4)]
    names += [_random_string(rng) for _ in range(size - len(names))]
    rng.shuffle(names)
    return names


def _allkeys_text() -> str:
    """The allkeys file both collators read."""
    return Path(collate._SubsetCollator().filename).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def full() -> Collator:
    """pyuca's collator with the whole table (the reference)."""
    return Collator()


def _full_order(full: Collator, names: list[str]) -> list[str]:
    return sorted(names, key=lambda name: (full.sort_key(name), name))


@pytest.mark.parametrize("seed", range(12))
def test_sort_names_matches_full_pyuca(full, seed, monkeypatch):
    subset = collate._SubsetCollator()  # a fresh table per list
    monkeypatch.setattr(collate, "_collator", lambda: subset)
    names = _sample(seed, 40 + 20 * seed)
    assert not all(name.isascii() for name in names)
    assert collate.sort_names(names) == _full_order(full, names)
    for name in names:
        assert collate.sort_key(name) == (full.sort_key(name), name)


def test_sort_key_one_name_at_a_time_matches_full_pyuca(full, monkeypatch):
    """The table grows name by name (first a scan, then the index)."""
    subset = collate._SubsetCollator()
    monkeypatch.setattr(collate, "_collator", lambda: subset)
    names = _sample(99, 300)
    for name in names:
        assert collate.sort_key(name) == (full.sort_key(name), name)
    assert subset._singles is not None  # the index path was used
    assert sorted(names, key=collate.sort_key) == _full_order(full, names)


def test_every_contraction_and_its_parts(full):
    """Strings made of the parts of every DUCET contraction, in several arrangements."""
    text = _allkeys_text()
    keys = re.findall(r"^([0-9A-F]+(?: [0-9A-F]+)+) *;", text, re.MULTILINE)
    contractions = [[chr(int(h, 16)) for h in key.split()] for key in keys]
    assert len(contractions) > 800
    rng = random.Random(7)
    strings = []
    for chars in contractions:
        strings += ["".join(chars), "".join(chars) + "a", "a" + "".join(chars[::-1]),
                    "".join(chars[:1] + ["\u0301"] + chars[1:])]
    subset = collate._SubsetCollator()
    subset.require({ord(c) for s in strings for c in unicodedata.normalize("NFD", s)})
    for s in rng.sample(strings, 1500):
        assert subset.sort_key(s) == full.sort_key(s), s


def test_whole_file_gives_pyuca_table(full):
    """Asked for every code point in the file, the one-scan path loads exactly the table
    pyuca loads (no entry line is missed or misread by the regex)."""
    text = _allkeys_text()
    keys = re.findall(r"^([0-9A-F ]+?) *;", text, re.MULTILINE)
    every = {int(h, 16) for key in keys for h in key.split()}
    subset = collate._SubsetCollator()
    subset.require(every)

    def entries(node, path=()):
        found = {path: node.value} if node.value else {}
        for part, child in (node.children or {}).items():
            found.update(entries(child, path + (part,)))
        return found

    assert entries(subset.table.root) == entries(full.table.root)
    assert subset.implicit_weights == full.implicit_weights


def test_alternation_matches_exactly_its_words():
    rng = random.Random(3)
    for _ in range(300):
        # 4- and 5-digit code points sharing prefixes ("1D40" and "1D400")
        ranges = [(0, 0xFFFF), (0x1D00, 0x1DFF), (0x1D000, 0x1DFFF)]
        pool = [f"{rng.randint(*rng.choice(ranges)):04X}" for _ in range(30)]
        words = sorted(set(rng.sample(pool, rng.randint(1, 30))))
        pattern = re.compile(collate._alternation(words))
        for word in pool + [w[:-1] for w in pool] + [w + "0" for w in pool]:
            assert bool(pattern.fullmatch(word)) == (word in words), (words, word)


def test_ascii_names_skip_the_table(monkeypatch):
    monkeypatch.setattr(collate, "_collator", lambda: pytest.fail("table loaded"))
    assert collate.sort_names(["smith", "Adams", "SMITH", "Smith", "de Vries"]) == \
        ["Adams", "de Vries", "smith", "Smith", "SMITH"]
    assert collate.sort_names([]) == []


def test_ascii_order_is_the_uca_order():
    """The table-free ASCII order is pyuca's: punctuation before digits before letters in
    DUCET's order ("O-Brien" before "O'Brien", "A:" before "A1"), lower before upper case."""
    full = Collator()
    assert sorted(collate.ASCII_UCA_ORDER, key=full.sort_key) == list(collate.ASCII_UCA_ORDER)
    rng = random.Random(11)
    printable = [chr(i) for i in range(32, 127)]
    for _ in range(300):
        names = ["".join(rng.choice(printable + list("aeiouAEIOU -'.")) for _ in range(rng.randint(0, 8)))
                 for _ in range(rng.randint(2, 12))]
        assert collate.sort_names(names) == sorted(names, key=lambda n: (full.sort_key(n), n))
    assert collate.sort_names(["O'Brien", "O-Brien", "A1", "A:"]) == ["A:", "A1", "O-Brien", "O'Brien"]
