"""Tests for program.qr: decodable, standard mask choice, same symbols as qrcode, runs."""

from __future__ import annotations

import hashlib
import itertools
import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import qrcode
import qrcode.util
import zxingcpp
from PIL import Image

from program import qr
from program.qr import QRMatrix, dark_runs, qr_matrices, qr_matrix

ROOT = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------------------
# helpers


def as_array(m: QRMatrix) -> np.ndarray:
    """QRMatrix -> uint8 (size, size) array, 1 = dark."""
    return np.frombuffer(b"".join(m.rows), dtype=np.uint8).reshape(m.size, m.size)


def render(m: QRMatrix, px: int = 4, quiet: int = 4) -> Image.Image:
    """The symbol as a greyscale image, black on white, with a quiet zone."""
    a = np.pad(as_array(m), quiet)
    img = Image.fromarray(((1 - a) * 255).astype(np.uint8), mode="L")
    return img.resize((a.shape[1] * px, a.shape[0] * px), Image.NEAREST)


def qrcode_for(data: str, ecc: str) -> qrcode.QRCode:
    """A qrcode object with data added and version fitted, as qrcode.make would."""
    q = qrcode.QRCode(error_correction=qr.ECC_LEVELS[ecc], border=0)
    q.add_data(data)
    q.best_fit()
    return q


def reference_choice(data: str, ecc: str) -> tuple[int, list[int], list[np.ndarray]]:
    """The standard's mask evaluation done the slow way with qrcode: each of the 8 final
    symbols (format and version information drawn) scored with qrcode.util.lost_point.

    Returns (lowest-scoring mask, lowest number on ties; the 8 scores; the 8 symbols)."""
    q = qrcode_for(data, ecc)
    scores, symbols = [], []
    for k in range(8):
        q.makeImpl(False, k)
        symbols.append(np.array(q.modules, dtype=np.uint8))
        scores.append(qrcode.util.lost_point(q.modules))
    return scores.index(min(scores)), scores, symbols


def random_url(rng: random.Random, length: int) -> str:
    """A plausible URL of about `length` characters."""
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_"
    path = "".join(rng.choice(alphabet) for _ in range(max(1, length - 28)))
    return f"https://example.org/talk/{path}"[:length] if length > 26 else path


def urls_for_decoding() -> list[str]:
    """About fifty varied URLs: short, typical, long (300 chars), digits, upper case,
    query strings, percent-encoded IRIs and raw non-ASCII text."""
    rng = random.Random(2026)
    urls = [
        "https://example.org/",
        "http://a.b",
        "HTTPS://EXAMPLE.ORG/TALK/ABC123",
        "https://example.org/conf/2026/talk/ABC123-some-title-slug",
        "https://example.org/conf/2026/talk/XYZ789-another-talk?lang=en&tab=abstract#video",
        "https://example.org/12345678901234567890123456789012345678901234567890",
        "https://de.wikipedia.org/wiki/Stra%C3%9Fe",
        "https://example.org/%E6%97%A5%E6%9C%AC%E8%AA%9E/%F0%9F%8E%89",
        "https://example.org/über/straße?q=café",
        "https://例え.テスト/トーク/42",
        "https://example.org/emoji/🎉✓",
        "https://example.org/ελληνικά/кириллица/עברית",
        "mailto:program@example.org?subject=Hello%20there",
        "https://example.org/" + "a" * 280,
        "https://example.org/" + "0123456789" * 28,
        "https://example.org/" + "ü" * 140,
    ]
    for length in (20, 40, 60, 80, 100, 150, 200, 250, 300):
        urls += [random_url(rng, length) for _ in range(3)]
    urls += [
        f"https://example.org/conf/2026/talk/{rng.randrange(16**6):06X}-t{i}" for i in range(7)
    ]
    return urls


DECODE_URLS = urls_for_decoding()
MASK_URLS = [
    f"https://example.org/conf/2026/talk/{i:04X}{c}-some-title-slug-{'x' * (i % 40)}"
    for i, c in zip(range(120), "ABCDEFGHJKLMNPQRSTUVWXYZ" * 5)
] + [random_url(random.Random(i), 100 + 7 * i) for i in range(30)]


# --------------------------------------------------------------------------------------
# decoding with an independent reader


@pytest.mark.parametrize("ecc", ["L", "M", "Q", "H"])
def test_decodes_to_input(ecc: str) -> None:
    for url in DECODE_URLS:
        m = qr_matrix(url, ecc)
        found = zxingcpp.read_barcodes(render(m))
        assert len(found) == 1, url
        assert found[0].text == url
        assert found[0].ec_level == ecc
        assert int(found[0].extra["Version"]) == m.version
        assert int(found[0].extra["DataMask"]) == m.mask


def test_long_urls_are_covered() -> None:
    assert max(len(u) for u in DECODE_URLS) >= 300
    assert any(not u.isascii() for u in DECODE_URLS)
    assert max(qr_matrix(u, "H").version for u in DECODE_URLS) >= 14  # several words per line


# --------------------------------------------------------------------------------------
# same symbols as qrcode, standard mask choice


@pytest.mark.parametrize("ecc", ["L", "M", "Q", "H"])
def test_mask_choice_is_the_standard_evaluation(ecc: str) -> None:
    for url in MASK_URLS[:: 4 if ecc != "M" else 1]:
        m = qr_matrix(url, ecc)
        best, scores, symbols = reference_choice(url, ecc)
        assert m.mask == best, (url, scores)
        assert np.array_equal(as_array(m), symbols[m.mask]), url
        assert [qr.penalty(s) for s in symbols] == scores


def test_version_matches_qrcode() -> None:
    for url in DECODE_URLS + MASK_URLS:
        for ecc in "LMQH":
            assert qr_matrix(url, ecc).version == qrcode_for(url, ecc).version


def test_codewords_match_qrcode_create_data() -> None:
    rng = random.Random(5)
    for i in range(150):
        text = "".join(
            rng.choice("0123456789ABCDEF xyz/:.%é") for _ in range(rng.randrange(1, 400))
        )
        ecc = "LMQH"[i % 4]
        code = qr.ECC_LEVELS[ecc]
        version, stream = qr._encode(text, code)
        ours = [stream[j] for j in qr._interleave_order(version, code)]
        q = qrcode_for(text, ecc)
        assert version == q.version
        assert ours == qrcode.util.create_data(version, code, q.data_list)


def random_matrices(count: int, seed: int) -> list[np.ndarray]:
    """Square 0/1 matrices of assorted sizes (up to 3 words per line) and textures."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        n = int(rng.choice([21, 25, 29, 33, 37, 45, 57, 61, 65, 69, 73, 101, 133]))
        kind = i % 4
        if kind == 0:  # uniform noise, varied darkness (exercises N4)
            a = rng.random((n, n)) < rng.uniform(0.2, 0.8)
        elif kind == 1:  # long runs (N1) and blocks (N2)
            a = np.repeat(rng.random((n, -(-n // 6))) < 0.5, 6, axis=1)[:, :n]
        elif kind == 2:  # finder-like patterns planted in rows and columns (N3)
            a = rng.random((n, n)) < 0.5
            for _ in range(10):
                r, c = rng.integers(0, n), rng.integers(0, n - 10)
                pattern = [1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0][:: rng.choice([1, -1])]
                a[r, c : c + 11] = pattern
                a[c : c + 11, r] = pattern
        else:  # a real-looking symbol: noise plus qrcode's function patterns
            a = rng.random((n, n)) < 0.5
            a[:7, :7] = a[:7, -7:] = a[-7:, :7] = 1
        out.append(a.astype(np.uint8))
    return out


def test_penalty_equals_lost_point_on_random_matrices() -> None:
    matrices = random_matrices(300, seed=18004)
    for a in matrices:
        assert qr.penalty(a) == qrcode.util.lost_point(a.tolist())


def test_penalty_takes_any_rows() -> None:
    a = random_matrices(4, seed=2)[2]
    expected = qrcode.util.lost_point(a.tolist())
    assert qr.penalty(a) == qr.penalty(a.tolist()) == expected
    assert qr.penalty([bytes(row) for row in a]) == expected
    assert qr.penalty([[bool(v) for v in row] for row in a]) == expected


def board_of(matrices: list[np.ndarray], g: qr._Grid) -> int:
    """Bit-sliced board with matrix 8 * j + k as candidate k of code j (see program.qr)."""
    lanes = bytearray(g.modules * g.codes)
    for i, a in enumerate(matrices):
        code, candidate = divmod(i, 8)
        for r, c in zip(*np.nonzero(a)):
            lanes[(r * g.stride + c) * g.codes + code] |= 1 << candidate
    return int.from_bytes(lanes, "little")


def test_bit_sliced_scores_equal_one_by_one() -> None:
    # 8 candidates x 5 codes of different textures on one board: no lane leaks into another
    for n, seed in ((21, 1), (33, 2), (45, 3)):
        pool = [a[:n, :n] for a in random_matrices(200, seed=seed) if a.shape[0] >= n]
        matrices = pool[:40]
        g = qr._grid(n, 5)
        penalties = qr._penalties(board_of(matrices, g), g)
        for i, a in enumerate(matrices):
            n4 = qr._balance_penalty(int(a.sum()), n * n)
            assert penalties[i] + n4 == qrcode.util.lost_point(a.tolist()), i


def test_lane_sums() -> None:
    rng = random.Random(9)
    for n, codes in ((1, 1), (2, 1), (5, 2), (10, 3), (33, 1)):
        g = qr._grid(n, codes)
        lanes, width = g.modules, g.width
        planes = [rng.getrandbits(lanes * width) for _ in range(3)]
        expected = [
            sum((p >> (m * width + i) & 1) << b for b, p in enumerate(planes) for m in range(lanes))
            for i in range(width)
        ]
        assert list(qr._lane_values(qr._fold(planes, g), width)) == expected


def test_board_lanes_round_trip() -> None:
    rng = random.Random(3)
    for codes in (1, 3, 40):
        modules = bytes(rng.randrange(256) for _ in range(77))
        raw = qr._lanes(modules, codes).to_bytes(77 * codes, "little")
        assert all(raw[j::codes] == modules for j in range(codes))


def test_ecc_levels_are_qrcodes() -> None:
    assert qr.ECC_LEVELS == {
        "L": qrcode.constants.ERROR_CORRECT_L,
        "M": qrcode.constants.ERROR_CORRECT_M,
        "Q": qrcode.constants.ERROR_CORRECT_Q,
        "H": qrcode.constants.ERROR_CORRECT_H,
    }


def test_import_is_light() -> None:
    code = "import sys, program.qr; print(sorted({'numpy', 'qrcode', 'PIL'} & set(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# --------------------------------------------------------------------------------------
# API behaviour


def test_matrix_shape_and_values() -> None:
    for url in DECODE_URLS[:10]:
        m = qr_matrix(url)
        assert m.size == 4 * m.version + 17
        assert len(m.rows) == m.size
        assert all(isinstance(r, bytes) and len(r) == m.size for r in m.rows)
        assert set(b"".join(m.rows)) <= {0, 1}
        assert 0 <= m.mask <= 7


def test_deterministic_and_same_as_batch() -> None:
    urls = DECODE_URLS[:20]
    first = [qr_matrix(u) for u in urls]
    qr_matrix.cache_clear()
    assert [qr_matrix(u) for u in urls] == first
    assert list(qr_matrices(urls).values()) == first
    assert list(qr_matrices(list(reversed(urls))).values()) == first[::-1]


def test_deterministic_across_processes() -> None:
    code = (
        "import hashlib; from program.qr import qr_matrices;"
        "ms = qr_matrices(['https://example.org/a', 'https://example.org/ü' * 9], 'Q');"
        "print(hashlib.sha256(repr(list(ms.values())).encode()).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "random"}
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for _ in range(2)
    }
    expected = [
        qr_matrix("https://example.org/a", "Q"),
        qr_matrix("https://example.org/ü" * 9, "Q"),
    ]
    assert runs == {hashlib.sha256(repr(expected).encode()).hexdigest() + "\n"}


def test_qr_matrices_order_and_duplicates() -> None:
    urls = ["https://b.example", "https://a.example", "https://b.example", "https://c.example"]
    result = qr_matrices(urls)
    assert list(result) == ["https://b.example", "https://a.example", "https://c.example"]
    assert qr_matrices([]) == {}


def test_ecc_levels_and_errors() -> None:
    url = "https://example.org/conf/2026/talk/ABC123-some-title-slug"
    versions = [qr_matrix(url, e).version for e in "LMQH"]
    assert versions == sorted(versions) and versions[0] < versions[-1]
    assert qr_matrix(url, "q") == qr_matrix(url, "Q")
    with pytest.raises(ValueError):
        qr_matrix(url, "X")
    with pytest.raises(ValueError):
        qr_matrix("x" * 3000, "H")
    with pytest.raises(ValueError):
        qr_matrices([url], ecc="medium")


# --------------------------------------------------------------------------------------
# drawing help


def test_dark_runs_reconstruct_the_matrix() -> None:
    for url in DECODE_URLS[::3]:
        m = qr_matrix(url)
        runs = dark_runs(m)
        rebuilt = np.zeros((m.size, m.size), dtype=np.uint8)
        for row, col, length in runs:
            assert length >= 1
            assert rebuilt[row, col : col + length].sum() == 0  # no overlaps
            rebuilt[row, col : col + length] = 1
        assert np.array_equal(rebuilt, as_array(m))
        assert runs == sorted(runs)
        # maximal runs: a run never touches the next one in its row
        for (r1, c1, l1), (r2, c2, _) in itertools.pairwise(runs):
            assert r1 != r2 or c1 + l1 < c2
        assert all(isinstance(v, int) for run in runs for v in run)


def test_dark_runs_edges() -> None:
    full = QRMatrix(size=3, rows=(b"\1\1\1", b"\0\0\0", b"\1\0\1"), version=0, mask=0)
    assert dark_runs(full) == [(0, 0, 3), (2, 0, 1), (2, 2, 1)]
