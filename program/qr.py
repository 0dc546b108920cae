"""QR code module matrices for URLs, fast enough for a booklet with thousands of talks.

In: text (normally a URL) and an error-correction level ("L", "M", "Q", "H").
Out: a `QRMatrix` - the dark/light modules of a standard QR code (ISO/IEC 18004), without
the quiet zone - which the renderer draws as vector rectangles (`dark_runs`).

How it works, and what comes from where:

- **Segments and version** are those the `qrcode` package picks (`optimal_data_chunks` with
  its default threshold, the smallest version that fits, byte mode as UTF-8 without ECI),
  so our symbols are module-for-module the symbols `qrcode` draws with the same mask.
- **Codewords**: the bit stream, padding and Reed-Solomon blocks are computed here with
  integer arithmetic (`qrcode.util.create_data` is pure-Python polynomial division, about
  0.9 ms per code); the block tables and GF(256) log tables are qrcode's.
- **Placement**: the function patterns and the zig-zag order of data modules are taken once
  per version from qrcode's own drawing methods; after that, interleaving and placement
  are one numpy fancy-index assignment per batch of codes.
- **Mask choice**: all eight masked candidates of a whole batch are scored at once with a
  vectorised version of the penalty rules N1-N4 (the score `qrcode.util.lost_point` gives,
  checked in the tests) working on bit-packed lines - every row and column of a symbol in
  one 64-bit word up to version 11 - and the lowest score wins, ties going to the lower
  mask number.
  As ISO/IEC 18004:2015 section 7.8.3.1 says ("the area to be evaluated is the complete
  symbol"), each candidate is scored with its own format information, version information
  and dark module drawn in. `qrcode` itself scores candidates with those modules left
  light, so its automatic choice differs from ours for some inputs; both are valid
  symbols, the mask in use is recorded in the format information.

`qr_matrices` does many at once, grouping codes by version, and can keep each result in a
small file under a cache directory, keyed by a hash of (format version, level, data).
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import qrcode
import qrcode.base
import qrcode.util
from qrcode.constants import (
    ERROR_CORRECT_H,
    ERROR_CORRECT_L,
    ERROR_CORRECT_M,
    ERROR_CORRECT_Q,
)

__all__ = ["QRMatrix", "dark_runs", "qr_matrices", "qr_matrix"]

#: Error-correction level names and qrcode's numeric codes for them.
ECC_LEVELS: dict[str, int] = {
    "L": ERROR_CORRECT_L,
    "M": ERROR_CORRECT_M,
    "Q": ERROR_CORRECT_Q,
    "H": ERROR_CORRECT_H,
}

#: Bump when anything changes the matrices produced, so old cache entries are not reused.
CACHE_FORMAT = "program.qr/1"
_MAGIC = b"QRM1"

#: qrcode's threshold for splitting data into numeric/alphanumeric/byte segments.
_SEGMENT_MINIMUM = 20

#: Upper bound on packed words in one batch's candidate stack (8 bytes each, a few copies live).
_BATCH_WORDS = 1 << 18


@dataclass(frozen=True)
class QRMatrix:
    """A finished QR symbol: `rows[r][c]` is 1 for a dark module, 0 for a light one.

    `size` is the number of modules per side without the quiet zone (4 * version + 17);
    the caller adds a quiet zone of at least 4 modules when drawing. `mask` is the data
    mask pattern (0-7) chosen by the penalty evaluation.
    """

    size: int
    rows: tuple[bytes, ...]
    version: int
    mask: int


# --------------------------------------------------------------------------------------
# Text -> data codewords


def _ecc_code(ecc: str) -> int:
    """Map a level name ("L", "M", "Q", "H", any case) to qrcode's constant; else ValueError."""
    try:
        return ECC_LEVELS[ecc.upper()]
    except (KeyError, AttributeError):
        raise ValueError(f"unknown QR error-correction level {ecc!r}; use L, M, Q or H") from None


def _segments(data: str) -> list[qrcode.util.QRData]:
    """Split text (UTF-8 encoded) into mode segments exactly as qrcode's `add_data` does."""
    return list(qrcode.util.optimal_data_chunks(data, minimum=_SEGMENT_MINIMUM))


def _payload_bits(segment: qrcode.util.QRData) -> int:
    """Number of bits a segment's characters take (without mode and count fields)."""
    n = len(segment)
    if segment.mode == qrcode.util.MODE_NUMBER:
        return 10 * (n // 3) + (0, 4, 7)[n % 3]
    if segment.mode == qrcode.util.MODE_ALPHA_NUM:
        return 11 * (n // 2) + 6 * (n % 2)
    return 8 * n


def _choose_version(segments: Sequence[qrcode.util.QRData], ecc_code: int) -> int:
    """Smallest version (1-40) whose data capacity at `ecc_code` holds the segments."""
    limits = qrcode.util.BIT_LIMIT_TABLE[ecc_code]
    payload = sum(4 + _payload_bits(s) for s in segments)
    for version in range(1, 41):
        count_bits = sum(qrcode.util.length_in_bits(s.mode, version) for s in segments)
        if payload + count_bits <= limits[version]:
            return version
    raise ValueError(f"data too long for a QR code ({payload} bits or more)")


def _data_codewords(segments: Sequence[qrcode.util.QRData], version: int, ecc_code: int) -> bytes:
    """The padded data codewords (before error correction) for the segments at a version.

    Same bit stream as `qrcode.util.create_data`: mode, count and payload per segment, a
    terminator of up to four zero bits, zero bits to a byte boundary, then 0xEC/0x11 pads.
    """
    limit = qrcode.util.BIT_LIMIT_TABLE[ecc_code][version]
    acc, nbits = 0, 0

    def put(value: int, length: int) -> None:
        nonlocal acc, nbits
        acc = (acc << length) | value
        nbits += length

    for seg in segments:
        put(seg.mode, 4)
        put(len(seg), qrcode.util.length_in_bits(seg.mode, version))
        chars = seg.data
        if seg.mode == qrcode.util.MODE_NUMBER:
            for i in range(0, len(chars), 3):
                group = chars[i : i + 3]
                put(int(group), qrcode.util.NUMBER_LENGTH[len(group)])
        elif seg.mode == qrcode.util.MODE_ALPHA_NUM:
            index = qrcode.util.ALPHA_NUM.index
            for i in range(0, len(chars) - 1, 2):
                put(index(chars[i : i + 1]) * 45 + index(chars[i + 1 : i + 2]), 11)
            if len(chars) % 2:
                put(index(chars[-1:]), 6)
        else:
            put(int.from_bytes(chars, "big"), 8 * len(chars))
    put(0, min(limit - nbits, 4))
    put(0, -nbits % 8)
    pads = (limit - nbits) // 8
    return acc.to_bytes(nbits // 8, "big") + (b"\xec\x11" * (pads // 2 + 1))[:pads]


def _gf_mul(a: int, b: int) -> int:
    """Product in GF(256) with QR's polynomial, using qrcode's log/antilog tables."""
    if a == 0 or b == 0:
        return 0
    return qrcode.base.gexp(qrcode.base.glog(a) + qrcode.base.glog(b))


@functools.cache
def _rs_generator(ec_count: int) -> tuple[int, ...]:
    """Coefficients, highest first, of the Reed-Solomon generator prod(x - a^i), i < ec_count."""
    poly = [1]
    for i in range(ec_count):
        root = qrcode.base.gexp(i)
        poly = [
            (poly[j] if j < len(poly) else 0) ^ (_gf_mul(poly[j - 1], root) if j else 0)
            for j in range(len(poly) + 1)
        ]
    return tuple(poly)


@functools.cache
def _rs_table(ec_count: int) -> tuple[int, ...]:
    """For each feedback byte f, the generator's lower coefficients times f packed in an int."""
    gen = _rs_generator(ec_count)[1:]
    return tuple(int.from_bytes(bytes(_gf_mul(f, g) for g in gen), "big") for f in range(256))


def _rs_remainder(block: bytes, ec_count: int) -> bytes:
    """The `ec_count` error-correction codewords of one data block (LFSR division)."""
    table = _rs_table(ec_count)
    top = 8 * (ec_count - 1)
    full = (1 << (8 * ec_count)) - 1
    rem = 0
    for byte in block:
        rem = ((rem << 8) & full) ^ table[byte ^ (rem >> top)]
    return rem.to_bytes(ec_count, "big")


@functools.cache
def _block_sizes(version: int, ecc_code: int) -> tuple[tuple[int, int], ...]:
    """(data codewords, error-correction codewords) of each RS block, in symbol order."""
    return tuple(
        (b.data_count, b.total_count - b.data_count)
        for b in qrcode.base.rs_blocks(version, ecc_code)
    )


def _codeword_stream(data: bytes, version: int, ecc_code: int) -> bytes:
    """Data codewords followed by each block's EC codewords, block after block (not interleaved)."""
    parts = [data]
    start = 0
    for data_count, ec_count in _block_sizes(version, ecc_code):
        parts.append(_rs_remainder(data[start : start + data_count], ec_count))
        start += data_count
    return b"".join(parts)


def _encode(data: str, ecc_code: int) -> tuple[int, bytes]:
    """Text -> (version, codeword stream in block order) for the level."""
    segments = _segments(data)
    version = _choose_version(segments, ecc_code)
    return version, _codeword_stream(
        _data_codewords(segments, version, ecc_code), version, ecc_code
    )


# --------------------------------------------------------------------------------------
# Symbol layout per version


def _skeleton(version: int, ecc_code: int) -> qrcode.QRCode:
    """A qrcode object whose `modules` hold the function patterns, None where data goes.

    Format and version areas are reserved (light) with qrcode's own test-mode drawing.
    """
    q = qrcode.QRCode(version=version, error_correction=ecc_code, border=0)
    n = q.modules_count = 4 * version + 17
    q.modules = [[None] * n for _ in range(n)]
    for row, col in ((0, 0), (n - 7, 0), (0, n - 7)):
        q.setup_position_probe_pattern(row, col)
    q.setup_position_adjust_pattern()
    q.setup_timing_pattern()
    q.setup_type_info(True, 0)
    if version >= 7:
        q.setup_type_number(True)
    return q


def _placement_order(is_data: np.ndarray) -> np.ndarray:
    """Flat indices of the data modules in the order bits are placed (two-column zig-zag
    upwards from the bottom-right, skipping the vertical timing column), as qrcode's map_data."""
    n = is_data.shape[0]
    order: list[int] = []
    upward = True
    col = n - 1
    while col > 0:
        if col == 6:
            col -= 1
        rows = range(n - 1, -1, -1) if upward else range(n)
        for row in rows:
            for c in (col, col - 1):
                if is_data[row, c]:
                    order.append(row * n + c)
        upward = not upward
        col -= 2
    return np.array(order, dtype=np.intp)


@dataclass(frozen=True)
class _Layout:
    """Everything about a (version, level) that does not depend on the data.

    `dest[i]`: flat module index of bit i of the codeword stream (interleaving included).
    Masks and fixed modules are kept as bit-packed lines (see `_lines`: the n rows, then
    the n columns): `mask_lines[k]` is mask pattern k restricted to data modules,
    `fixed_lines[k]` the function patterns with format information for mask k, version
    information and the dark module (zero on data modules).
    """

    size: int
    dest: np.ndarray
    mask_lines: np.ndarray
    fixed_lines: np.ndarray


def _interleave_order(version: int, ecc_code: int) -> list[int]:
    """Per position in the interleaved codeword sequence: its index in the block-order stream."""
    sizes = _block_sizes(version, ecc_code)
    data_starts, ec_starts = [], []
    pos = 0
    for data_count, _ in sizes:
        data_starts.append(pos)
        pos += data_count
    for _, ec_count in sizes:
        ec_starts.append(pos)
        pos += ec_count
    order = []
    for i in range(max(d for d, _ in sizes)):
        order += [start + i for start, (d, _) in zip(data_starts, sizes) if i < d]
    for i in range(max(e for _, e in sizes)):
        order += [start + i for start, (_, e) in zip(ec_starts, sizes) if i < e]
    return order


def _as_array(modules: list[list[bool | None]]) -> np.ndarray:
    """qrcode's list-of-lists modules (True/False/None) -> uint8 array, dark = 1."""
    return np.array([[cell is True for cell in row] for row in modules], dtype=np.uint8)


@functools.cache
def _layout(version: int, ecc_code: int) -> _Layout:
    """Build (once) the placement, mask and function-pattern arrays for a version and level."""
    q = _skeleton(version, ecc_code)
    n = q.modules_count
    is_data = np.array([[cell is None for cell in row] for row in q.modules])
    order = _placement_order(is_data)
    sequence = _interleave_order(version, ecc_code)
    dest = np.empty(8 * len(sequence), dtype=np.intp)
    for position, stream_index in enumerate(sequence):
        dest[8 * stream_index : 8 * stream_index + 8] = order[8 * position : 8 * position + 8]
    rr, cc = np.indices((n, n))
    masks = np.zeros((8, n, n), dtype=np.uint8)
    fixed = np.zeros((8, n, n), dtype=np.uint8)
    blank = [row[:] for row in q.modules]
    for k in range(8):
        masks[k] = np.vectorize(qrcode.util.mask_func(k))(rr, cc) & is_data
        q.modules = [row[:] for row in blank]
        q.setup_type_info(False, k)
        if version >= 7:
            q.setup_type_number(False)
        fixed[k] = _as_array(q.modules)
    arrays = (dest, _lines(masks), _lines(fixed))
    for arr in arrays:
        arr.flags.writeable = False
    return _Layout(n, *arrays)


# --------------------------------------------------------------------------------------
# Bit-packed lines
#
# A line (row or column) of n modules is held in W = ceil(n / 64) uint64 words, module i
# in bit i % 64 of word i // 64 (dark = 1). Shifting a line right by k then puts module
# i + k at bit i, so a test on modules i..i+k for every i at once is a few word operations.

_U64 = np.dtype("<u8")


def _pack_lines(a: np.ndarray) -> np.ndarray:
    """0/1 uint8 array (..., m, n) -> uint64 array (..., m, W) of bit-packed lines."""
    packed = np.packbits(a, axis=-1, bitorder="little")
    out = np.zeros(packed.shape[:-1] + (8 * -(-a.shape[-1] // 64),), dtype=np.uint8)
    out[..., : packed.shape[-1]] = packed
    return out.view(_U64)


def _lines(a: np.ndarray) -> np.ndarray:
    """Square 0/1 uint8 matrices (..., n, n) -> their packed rows then packed columns,
    uint64 (..., 2n, W): every line the penalty rules N1 and N3 look along."""
    return np.concatenate([_pack_lines(a), _pack_lines(a.swapaxes(-1, -2))], axis=-2)


def _unpack_lines(p: np.ndarray, n: int) -> np.ndarray:
    """Inverse of `_pack_lines`: uint64 (..., m, W) -> 0/1 uint8 (..., m, n)."""
    as_bytes = np.ascontiguousarray(p, dtype=_U64).view(np.uint8)
    return np.unpackbits(as_bytes, axis=-1, count=n, bitorder="little")


@functools.cache
def _low_bits(count: int, words: int) -> np.ndarray:
    """Words with line bits 0..count-1 set: masks off positions past the end of a line."""
    value = (1 << max(count, 0)) - 1
    return np.array([(value >> (64 * w)) & (2**64 - 1) for w in range(words)], dtype=np.uint64)


_SHIFTS = tuple(np.uint64(k) for k in range(65))


def _shr(x: np.ndarray, k: int) -> np.ndarray:
    """Lines shifted so that bit i holds module i + k (0 < k < 64); zeros come in at the end."""
    out = x >> _SHIFTS[k]
    if x.shape[-1] > 1:
        out[..., :-1] |= x[..., 1:] << _SHIFTS[64 - k]
    return out


def _shl1(x: np.ndarray) -> np.ndarray:
    """Lines shifted so that bit i holds module i - 1; bit 0 becomes 0."""
    out = x << _SHIFTS[1]
    if x.shape[-1] > 1:
        out[..., 1:] |= x[..., :-1] >> _SHIFTS[63]
    return out


_BYTE_BITS = np.array([i.bit_count() for i in range(256)], dtype=np.uint8)


def _count_by_table(x: np.ndarray) -> np.ndarray:
    """Number of set bits in each (..., m, W) group of lines -> int64 array (...)."""
    return _BYTE_BITS[np.ascontiguousarray(x).view(np.uint8)].sum(axis=(-2, -1), dtype=np.int64)


def _count_by_popcount(x: np.ndarray) -> np.ndarray:
    """Same as `_count_by_table`, with numpy's popcount (numpy >= 2.0)."""
    return np.bitwise_count(x).sum(axis=(-2, -1), dtype=np.int64)


_count = _count_by_popcount if hasattr(np, "bitwise_count") else _count_by_table


# --------------------------------------------------------------------------------------
# Penalty scores (ISO/IEC 18004 section 7.8.3.1) on bit-packed lines


def _runs_penalty(x: np.ndarray, n: int) -> np.ndarray:
    """N1 along packed lines of length n: each run of k >= 5 same-colour modules costs
    3 + (k - 5). A run of k holds k - 4 windows of five equal modules, exactly one of which
    starts the run, so the score is (windows) + 2 * (windows starting a run)."""
    eq = ~(x ^ _shr(x, 1)) & _low_bits(n - 1, x.shape[-1])  # module i == module i + 1
    five = eq & _shr(eq, 1) & _shr(eq, 2) & _shr(eq, 3)
    starts = five & ~_shl1(eq)
    return _count(five) + 2 * _count(starts)


def _finder_penalty(x: np.ndarray, n: int) -> np.ndarray:
    """N3 along packed lines of length n: 40 points for each 11-module window inside the
    symbol reading 1011101 (dark = 1) with four light modules after it, or before it."""
    light = ~x & _low_bits(n, x.shape[-1])
    dark_off = ~x
    core = (
        x
        & _shr(dark_off, 1)
        & _shr(x, 2)
        & _shr(x, 3)
        & _shr(x, 4)
        & _shr(dark_off, 5)
        & _shr(x, 6)
    )
    four_light = light & _shr(light, 1) & _shr(light, 2) & _shr(light, 3)
    return 40 * (_count(core & _shr(four_light, 7)) + _count(four_light & _shr(core, 4)))


def _blocks_penalty(rows: np.ndarray, n: int) -> np.ndarray:
    """N2 on packed rows: 3 points for every (overlapping) 2x2 block of one colour."""
    upper, lower = rows[..., :-1, :], rows[..., 1:, :]
    vertical = ~(upper ^ lower)
    block = (
        vertical & _shr(vertical, 1) & ~(upper ^ _shr(upper, 1)) & _low_bits(n - 1, rows.shape[-1])
    )
    return 3 * _count(block)


def _balance_penalty(rows: np.ndarray, n: int) -> np.ndarray:
    """N4: 10 points per full 5 % that the dark share deviates from 50 % (exact integers)."""
    total = n * n
    return 10 * (np.abs(20 * _count(rows) - 10 * total) // total)


def _packed_penalty(lines: np.ndarray, n: int) -> np.ndarray:
    """N1 + N2 + N3 + N4 of symbols given as `_lines` (..., 2n, W): rows, then columns."""
    rows = lines[..., :n, :]
    return (
        _runs_penalty(lines, n)
        + _finder_penalty(lines, n)
        + _blocks_penalty(rows, n)
        + _balance_penalty(rows, n)
    )


def penalty(a: np.ndarray) -> np.ndarray:
    """Total mask penalty N1 + N2 + N3 + N4 of square 0/1 matrices.

    In: array (..., n, n), nonzero = dark. Out: int64 array (...) of scores; for a single
    matrix the same number as `qrcode.util.lost_point`.
    """
    a = (np.asarray(a) != 0).astype(np.uint8)
    return _packed_penalty(_lines(a), a.shape[-1])


# --------------------------------------------------------------------------------------
# Building matrices


def _to_matrix(modules: np.ndarray, version: int, mask: int) -> QRMatrix:
    """uint8 (n, n) 0/1 array -> QRMatrix."""
    n = modules.shape[0]
    flat = modules.tobytes()
    return QRMatrix(
        size=n,
        rows=tuple(flat[i : i + n] for i in range(0, n * n, n)),
        version=version,
        mask=mask,
    )


def _build_batch(streams: Sequence[bytes], version: int, ecc_code: int) -> list[QRMatrix]:
    """Codeword streams of one version and level -> finished matrices, best mask each.

    The eight masked candidates of every stream are scored together, bit-packed.
    """
    lay = _layout(version, ecc_code)
    n, count = lay.size, len(streams)
    stream_bytes = np.frombuffer(b"".join(streams), dtype=np.uint8).reshape(count, -1)
    placed = np.zeros((count, n * n), dtype=np.uint8)
    placed[:, lay.dest] = np.unpackbits(stream_bytes, axis=1)
    placed = placed.reshape(count, n, n)
    candidates = (_lines(placed)[:, None] ^ lay.mask_lines) | lay.fixed_lines
    best = np.argmin(_packed_penalty(candidates, n), axis=1)  # first minimum: lowest mask wins
    modules = _unpack_lines(candidates[np.arange(count), best, :n], n)
    return [_to_matrix(modules[i], version, int(k)) for i, k in enumerate(best)]


def _compute(data_list: Sequence[str], ecc_code: int) -> list[QRMatrix]:
    """Texts -> matrices in the same order, batching codes of equal version."""
    encoded = [_encode(data, ecc_code) for data in data_list]
    by_version: dict[int, list[int]] = {}
    for i, (version, _) in enumerate(encoded):
        by_version.setdefault(version, []).append(i)
    out: list[QRMatrix | None] = [None] * len(data_list)
    for version, indices in by_version.items():
        n = 4 * version + 17
        chunk = max(1, _BATCH_WORDS // (8 * n * -(-n // 64)))
        for start in range(0, len(indices), chunk):
            part = indices[start : start + chunk]
            for i, matrix in zip(
                part, _build_batch([encoded[i][1] for i in part], version, ecc_code)
            ):
                out[i] = matrix
    return out  # type: ignore[return-value]


@functools.lru_cache(maxsize=4096)
def qr_matrix(data: str, ecc: str = "M") -> QRMatrix:
    """The QR symbol for `data` (UTF-8, byte mode unless numeric/alphanumeric runs pay off)
    at error-correction level `ecc` ("L", "M", "Q" or "H").

    Pure and deterministic; results are memoised in memory. Raises ValueError for an
    unknown level or data too long for version 40.
    """
    return _compute([data], _ecc_code(ecc))[0]


# --------------------------------------------------------------------------------------
# On-disk cache


def _cache_key(data: str, ecc_code: int) -> str:
    """Hex sha256 naming the cache entry for (format version, level, data)."""
    text = f"{CACHE_FORMAT}\0{ecc_code}\0{data}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _serialize(m: QRMatrix) -> bytes:
    """QRMatrix -> bytes: magic, version, mask, CRC-32 of the rest, packed module bits."""
    packed = np.packbits(np.frombuffer(b"".join(m.rows), dtype=np.uint8)).tobytes()
    body = bytes((m.version, m.mask)) + packed
    return _MAGIC + zlib.crc32(body).to_bytes(4, "big") + body


def _deserialize(blob: bytes) -> QRMatrix:
    """Inverse of `_serialize`; ValueError for anything malformed or damaged."""
    if blob[:4] != _MAGIC or len(blob) < 10:
        raise ValueError("not a QR cache entry")
    body = blob[8:]
    if zlib.crc32(body) != int.from_bytes(blob[4:8], "big"):
        raise ValueError("checksum mismatch")
    version, mask = body[0], body[1]
    n = 4 * version + 17
    if not (1 <= version <= 40 and 0 <= mask <= 7 and len(body) - 2 == (n * n + 7) // 8):
        raise ValueError("bad header")
    modules = np.unpackbits(np.frombuffer(body, dtype=np.uint8, offset=2), count=n * n)
    return _to_matrix(modules.reshape(n, n), version, mask)


def _cache_read(path: Path) -> QRMatrix | None:
    """The matrix stored at `path`, or None if missing, unreadable or corrupt."""
    try:
        return _deserialize(path.read_bytes())
    except (OSError, ValueError):
        return None


def _cache_write(path: Path, m: QRMatrix) -> bool:
    """Store a matrix atomically (temporary file in the same directory, then os.replace).

    Best effort: returns False, leaving no temporary file, if the entry cannot be written
    (read-only or full disk, ...); the cache only saves time, it must not fail a build.
    """
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".qrm")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_serialize(m))
        os.replace(tmp, path)
        return True
    except OSError:
        return False
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def qr_matrices(
    urls: Iterable[str], ecc: str = "M", cache_dir: Path | None = None
) -> dict[str, QRMatrix]:
    """Matrices for many texts at once: {text: matrix}, in first-seen order, duplicates once.

    With `cache_dir`, each matrix is read from / written to `cache_dir/<sha256>.qrm`, so
    only texts not seen before are computed; damaged entries are recomputed and replaced.
    Cache trouble (unwritable directory, full disk) only costs time, never the result.
    The results are identical to `qr_matrix` for each text.
    """
    ecc_code = _ecc_code(ecc)
    unique = list(dict.fromkeys(urls))
    found: dict[str, QRMatrix] = {}
    paths: dict[str, Path] = {}
    if cache_dir is not None:
        cache_dir = Path(cache_dir)
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            cache_dir = None  # no cache this time; still compute everything
    if cache_dir is not None:
        for data in unique:
            paths[data] = path = cache_dir / f"{_cache_key(data, ecc_code)}.qrm"
            cached = _cache_read(path)
            if cached is not None:
                found[data] = cached
    missing = [data for data in unique if data not in found]
    for data, matrix in zip(missing, _compute(missing, ecc_code)):
        found[data] = matrix
        if cache_dir is not None:
            _cache_write(paths[data], matrix)
    return {data: found[data] for data in unique}


# --------------------------------------------------------------------------------------
# Drawing help


def dark_runs(m: QRMatrix) -> list[tuple[int, int, int]]:
    """Horizontal runs of dark modules as (row, first column, length), row by row, left to
    right; drawing one rectangle per run reproduces the symbol with few path elements."""
    a = np.frombuffer(b"".join(m.rows), dtype=np.uint8).reshape(m.size, m.size)
    edges = np.diff(np.pad(a.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    starts = np.argwhere(edges == 1)
    ends = np.argwhere(edges == -1)
    return [(int(r), int(c), int(e - c)) for (r, c), e in zip(starts.tolist(), ends[:, 1].tolist())]
