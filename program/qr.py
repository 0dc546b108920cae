"""QR code module matrices for URLs, fast enough for a booklet with thousands of talks.

In: text (normally a URL) and an error-correction level ("L", "M", "Q", "H").
Out: a `QRMatrix` - the dark/light modules of a standard QR code (ISO/IEC 18004), without
the quiet zone - which the renderer draws as vector rectangles (`dark_runs`).

Pure Python. The `qrcode` package supplies the tables and drawing rules; it is imported on
first use only (it loads Pillow), so importing this module is cheap. How it works, and what
comes from where:

- **Segments and version** are those the `qrcode` package picks (`optimal_data_chunks` with
  its default threshold, the smallest version that fits, byte mode as UTF-8 without ECI),
  so our symbols are module-for-module the symbols `qrcode` draws with the same mask. Text
  longer than the threshold without a run of that many alphanumeric characters (most URLs)
  is one byte segment, as qrcode would make it, without asking qrcode.
- **Codewords**: the bit stream, padding and Reed-Solomon blocks are computed here with
  integer arithmetic (`qrcode.util.create_data` is pure-Python polynomial division, about
  0.9 ms per code); the block tables and GF(256) log tables are qrcode's.
- **Placement**: the function patterns and the zig-zag order of data modules are taken once
  per version and level from qrcode's own drawing methods. Codes of one version are then
  handled in batches on a bit-sliced board (see "Bit-sliced boards" below): one Python int
  in which every module has a lane of 8 bits per code, bit k of it being that module in
  the candidate with mask pattern k. The codewords of a batch are transposed (codeword i of
  every code in one bytes object), `bytes.translate` turns each codeword bit into a lane,
  and one `operator.itemgetter` and `bytes.join` put every lane at its module.
- **Mask choice**: one XOR with the eight mask patterns and one OR with the eight sets of
  function patterns make every candidate of every code. The penalty rules N1-N4 (together
  the score `qrcode.util.lost_point` gives, checked in the tests): N1-N3 are some fifty
  shifts, ANDs, ORs and XORs on that int - along rows with shifts by one lane, along
  columns by one row of lanes; a padding column keeps runs and finder-like windows from
  wrapping - which leave one mark per penalty point; a bit-sliced adder sums the marks of
  all modules into a score per lane bit, i.e. per candidate of each code, and sums the
  dark modules the same way for N4. The lowest score wins, ties going to the lower mask
  number.
  As ISO/IEC 18004:2015 section 7.8.3.1 says ("the area to be evaluated is the complete
  symbol"), each candidate is scored with its own format information, version information
  and dark module drawn in. `qrcode` itself scores candidates with those modules left
  light, so its automatic choice differs from ours for some inputs; both are valid
  symbols, the mask in use is recorded in the format information.

`qr_matrices` does many at once.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
import struct
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from qrcode.main import QRCode

__all__ = ["QRMatrix", "capacity", "dark_runs", "fits", "qr_matrices", "qr_matrix", "symbol_size"]

#: Error-correction level names and their codes in the format information (ISO/IEC 18004
#: table 12), which are also qrcode's `ERROR_CORRECT_*` constants (checked in the tests).
ECC_LEVELS: dict[str, int] = {"L": 1, "M": 0, "Q": 3, "H": 2}

#: qrcode's threshold for splitting data into numeric/alphanumeric/byte segments.
_SEGMENT_MINIMUM = 20

#: Number of mask patterns, i.e. candidates scored per code.
_MASKS = 8


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


@functools.cache
def _qrcode() -> ModuleType:
    """The `qrcode` package with its `util` and `base` modules, imported on first call.

    Importing it costs 15-30 ms (it loads Pillow for its image classes), which a run that
    draws no code at all does not pay."""
    import qrcode
    import qrcode.base
    import qrcode.util

    return qrcode


# --------------------------------------------------------------------------------------
# Text -> data codewords

#: A data segment: (mode, bytes), the mode as qrcode's `MODE_NUMBER`, `MODE_ALPHA_NUM` or
#: `MODE_8BIT_BYTE`.
_Segment = tuple[int, bytes]


def _ecc_code(ecc: str) -> int:
    """Map a level name ("L", "M", "Q", "H", any case) to qrcode's constant; else ValueError."""
    try:
        return ECC_LEVELS[ecc.upper()]
    except (KeyError, AttributeError):
        raise ValueError(f"unknown QR error-correction level {ecc!r}; use L, M, Q or H") from None


@functools.cache
def _segment_run() -> re.Pattern[bytes]:
    """A run of bytes that qrcode's `optimal_data_chunks` would make a numeric or
    alphanumeric segment: `_SEGMENT_MINIMUM` or more of its alphanumeric set (digits
    included)."""
    chars = re.escape(_qrcode().util.ALPHA_NUM)
    return re.compile(b"[" + chars + b"]{%d,}" % _SEGMENT_MINIMUM)


def _segments(data: str) -> list[_Segment]:
    """Split text (UTF-8 encoded) into mode segments exactly as qrcode's `add_data` does.

    Text longer than the minimum without such a run (most URLs) is one byte segment, which
    is what qrcode yields for it; anything else goes through qrcode itself."""
    util = _qrcode().util
    raw = data.encode("utf-8")
    if len(raw) > _SEGMENT_MINIMUM and not _segment_run().search(raw):
        return [(util.MODE_8BIT_BYTE, raw)]
    return [(s.mode, s.data) for s in util.optimal_data_chunks(data, minimum=_SEGMENT_MINIMUM)]


def _payload_bits(mode: int, length: int) -> int:
    """Number of bits `length` characters take in a segment of `mode` (without mode and
    count fields)."""
    util = _qrcode().util
    if mode == util.MODE_NUMBER:
        return 10 * (length // 3) + (0, 4, 7)[length % 3]
    if mode == util.MODE_ALPHA_NUM:
        return 11 * (length // 2) + 6 * (length % 2)
    return 8 * length


@functools.cache
def _count_bits(mode: int, version: int) -> int:
    """Width of a segment's character count field (qrcode's `length_in_bits`)."""
    return _qrcode().util.length_in_bits(mode, version)


def _choose_version(segments: Sequence[_Segment], ecc_code: int) -> int:
    """Smallest version (1-40) whose data capacity at `ecc_code` holds the segments."""
    limits = _qrcode().util.BIT_LIMIT_TABLE[ecc_code]  # by version, [0] unused (0)
    payload = sum(4 + _payload_bits(mode, len(chars)) for mode, chars in segments)
    for version in range(max(1, bisect.bisect_left(limits, payload)), 41):
        if payload + sum(_count_bits(mode, version) for mode, _ in segments) <= limits[version]:
            return version
    raise ValueError(f"data too long for a QR code ({payload} bits or more)")


def _data_codewords(segments: Sequence[_Segment], version: int, ecc_code: int) -> bytes:
    """The padded data codewords (before error correction) for the segments at a version.

    Same bit stream as `qrcode.util.create_data`: mode, count and payload per segment, a
    terminator of up to four zero bits, zero bits to a byte boundary, then 0xEC/0x11 pads.
    """
    util = _qrcode().util
    limit = util.BIT_LIMIT_TABLE[ecc_code][version]
    acc, nbits = 0, 0

    def put(value: int, length: int) -> None:
        nonlocal acc, nbits
        acc = (acc << length) | value
        nbits += length

    for mode, chars in segments:
        put(mode, 4)
        put(len(chars), _count_bits(mode, version))
        if mode == util.MODE_NUMBER:
            for i in range(0, len(chars), 3):
                group = chars[i : i + 3]
                put(int(group), util.NUMBER_LENGTH[len(group)])
        elif mode == util.MODE_ALPHA_NUM:
            index = util.ALPHA_NUM.index
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
    base = _qrcode().base
    return base.gexp(base.glog(a) + base.glog(b))


@functools.cache
def _rs_generator(ec_count: int) -> tuple[int, ...]:
    """Coefficients, highest first, of the Reed-Solomon generator prod(x - a^i), i < ec_count."""
    poly = [1]
    for i in range(ec_count):
        root = _qrcode().base.gexp(i)
        poly = [
            (poly[j] if j < len(poly) else 0) ^ (_gf_mul(poly[j - 1], root) if j else 0)
            for j in range(len(poly) + 1)
        ]
    return tuple(poly)


@functools.cache
def _rs_table(ec_count: int) -> tuple[int, ...]:
    """For each feedback byte f, the generator's lower coefficients times f packed in an int.

    Multiplying by f is linear over GF(2), so an entry is the XOR of the entries for the
    bits of f; only those eight are multiplied out."""
    gen = _rs_generator(ec_count)[1:]
    table = [0] * 256
    for bit in range(8):
        table[1 << bit] = int.from_bytes(bytes(_gf_mul(1 << bit, g) for g in gen), "big")
    for f in range(3, 256):
        low = f & -f
        if f != low:
            table[f] = table[f ^ low] ^ table[low]
    return tuple(table)


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
        for b in _qrcode().base.rs_blocks(version, ecc_code)
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
# Bit-sliced boards
#
# A board holds many square matrices of n x n modules in one int, one bit per module of
# each: module (r, c) owns the lane `m = r * stride + c` (stride = n + 1), a run of
# `width` = 8 * codes bits at `m * width`, and bit 8 * j + k of the lane is that module in
# candidate k (mask pattern k) of code j. Moving one module along a row is then a shift
# by `width`, one row down a shift by `stride * width`; every candidate of every code
# moves at once and none ever mixes with another. Column c = n of every row is padding,
# always 0. With dark = the board and light = `valid ^ board` a padding module is
# neither, so a run or a window that would go on into the next row meets a module that
# fails its test; past the last row there are no bits at all.
#
# Python ints make each shift, AND, OR or XOR one pass in C over the whole board; a code
# costs 8 * n * (n + 1) bits of it. Batches of about `_BATCH_BITS` bits (some 100 codes
# of the sizes URLs need) make Python's cost per operation small and keep a board within
# the processor's caches.

#: Byte translations: `_BIT_LANE[t]` maps a codeword to 0xFF if its bit t (from the
#: high end) is set, else 0 - that bit in all 8 candidates; `_BIT_OF[k]` maps a module's
#: lane byte to 1 if candidate k is dark there, else 0.
_BIT_LANE = tuple(bytes(0xFF if v & (0x80 >> t) else 0 for v in range(256)) for t in range(8))
_BIT_OF = tuple(bytes(v >> k & 1 for v in range(256)) for k in range(8))


def _lanes(module_bytes: bytes, codes: int) -> int:
    """A board whose lane m holds `module_bytes[m]` for each of `codes` codes."""
    repeat = [bytes((v,)) * codes for v in range(256)]
    return int.from_bytes(b"".join(map(repeat.__getitem__, module_bytes)), "little")


class _Grid(NamedTuple):
    """Geometry of a board of `codes` codes of n x n modules, and its constant masks.

    `modules`: lanes (modules, padding included); `valid`: every module; `along_ok` /
    `across_ok`: the modules with a next one in their row / below them; `halves`: (shift,
    mask) that split a board's lanes into a lower half (rounded up) and the rest, then
    split that lower half, ... down to one lane (see `_fold`).
    """

    n: int
    codes: int
    stride: int
    width: int
    modules: int
    valid: int
    along_ok: int
    across_ok: int
    halves: tuple[tuple[int, int], ...]


@functools.lru_cache(maxsize=16)
def _grid(n: int, codes: int) -> _Grid:
    """The (cached) geometry for `codes` codes of `n` modules a side."""
    stride = n + 1

    def lanes(rows: int, columns: int) -> int:
        row = b"\xff" * columns + b"\x00" * (stride - columns)
        return _lanes(row * rows, codes)

    halves, count = [], n * stride
    while count > 1:
        count = (count + 1) // 2
        shift = count * 8 * codes
        halves.append((shift, (1 << shift) - 1))
    return _Grid(
        n=n,
        codes=codes,
        stride=stride,
        width=8 * codes,
        modules=n * stride,
        valid=lanes(n, n),
        along_ok=lanes(n, n - 1),
        across_ok=lanes(n - 1, n),
        halves=tuple(halves),
    )


# --------------------------------------------------------------------------------------
# Penalty scores (ISO/IEC 18004 section 7.8.3.1) on bit-sliced boards
#
# `step` is one module along a row or down a column: `x >> step` puts at each module the
# next one, `x << step` the one before. Each rule yields a board of marks, one per point
# (of the rule's weight), each inside the symbol it scores; the marks are then added up
# per lane bit (`_fold`), which gives every candidate of every code its score at once.
# Shifts cost several times an AND, OR or XOR, so the formulas share them where they can.


class _Lines(NamedTuple):
    """Marks in one direction of a board (see `_lines`): `same`, the modules equal to the
    next one; `runs`, N1 marks; `finders`, N3 marks."""

    same: int
    runs: int
    finders: int


def _lines(dark: int, light: int, ok: int, step: int) -> _Lines:
    """N1 and N3 marks of a board in one direction; `ok`: the modules with a next module.

    N1: a run of k >= 5 equal modules from p to e costs 3 + (k - 5) = k - 2, and the
    starts of five equal modules (`five`, p to e - 4) moved on by 0, 1 and 2 cover p to
    e - 2: k - 2 modules, all in the run.
    N3: one mark per 11-module window 10111010000 or 00001011101 (dark = 1): at the first
    module of the core 1011101 if the four light modules follow it (a dark module), at
    the first of the four if they precede it (a light one), so marks never meet.
    """
    diff = dark ^ (dark >> step)
    same = ok ^ (ok & diff)
    pairs = same & (same >> step)  # three equal modules
    five = pairs & (pairs >> 2 * step)
    runs = five | (five << step) | (five << 2 * step)
    light2 = light & same
    four_light = light2 & (light2 >> 2 * step)
    change = ok ^ same  # modules unlike the next one
    dark_light = dark & change  # "10"
    light_dark = light & change  # "01"
    core_end = dark & pairs & (light_dark >> 3 * step)  # "11101", a core's last five
    core = dark_light & (core_end >> 2 * step)  # "1011101"
    finders = (core & (four_light >> 7 * step)) | (four_light & (core >> 4 * step))
    return _Lines(same, runs, finders)


def _add(x: Sequence[int], y: Sequence[int]) -> list[int]:
    """Sum of two bit-sliced numbers, each a list of bit planes (plane b weighs 2**b)."""
    out, carry = [], 0
    for i in range(max(len(x), len(y))):
        a = x[i] if i < len(x) else 0
        b = y[i] if i < len(y) else 0
        half = a ^ b
        if carry:
            out.append(half ^ carry)
            carry = (a & b) | (carry & half)
        else:
            out.append(half)
            carry = a & b
    return out + [carry] if carry else out


def _fold(planes: list[int], g: _Grid) -> list[int]:
    """Add up the lanes of a bit-sliced number on a board: planes of `g.modules` lanes ->
    planes of one lane, bit i of which is the sum of bit i of all lanes.

    Halving: the upper half of the lanes is added to the lower half, until one is left."""
    for shift, low in g.halves:
        planes = _add([p & low for p in planes], [p >> shift for p in planes])
    return planes


#: `_SPREAD[v]`: the 8 bits of v as 8 little-endian 32-bit fields.
_SPREAD = tuple(struct.pack("<8I", *(v >> k & 1 for k in range(8))) for v in range(256))


def _lane_values(planes: Sequence[int], width: int) -> tuple[int, ...]:
    """A bit-sliced number of one lane -> the value at each of its `width` bits."""
    total = 0
    for b, plane in enumerate(planes):
        if plane:
            spread = b"".join(map(_SPREAD.__getitem__, plane.to_bytes(width // 8, "little")))
            total += int.from_bytes(spread, "little") << b
    return struct.unpack(f"<{width}I", total.to_bytes(4 * width, "little"))


def _penalties(board: int, g: _Grid) -> tuple[int, ...]:
    """N1 + N2 + N3 of every candidate of every code on a board, by lane bit (8 * code +
    candidate). N4 needs only the dark modules and is left to the caller."""
    stride = g.stride * g.width
    light = board ^ g.valid
    along = _lines(board, light, g.along_ok, g.width)
    across = _lines(board, light, g.across_ok, stride)
    blocks = along.same & across.same & (along.same >> stride)  # N2: 2 x 2 of one colour
    # Per module, runs + 3 * blocks <= 5 (planes 0-2) and 8 * finders <= 16 (planes 3-4),
    # so 40 * finders = (8 + 32) * finders goes on top without a carry; the fold costs
    # about one pass per plane, so the score is summed as one number.
    score = _add(_add([along.runs], [across.runs]), [blocks, blocks])
    finders = _add([along.finders], [across.finders])
    score += [0] * (3 - len(score))
    finders += [0] * (2 - len(finders))
    return _lane_values(_fold(score + finders + finders, g), g.width)


def _balance_penalty(dark: int, total: int) -> int:
    """N4: 10 points per full 5 % that the dark share deviates from 50 % (exact integers)."""
    return 10 * (abs(20 * dark - 10 * total) // total)


def penalty(matrix: Sequence[Sequence[int]]) -> int:
    """Total mask penalty N1 + N2 + N3 + N4 of one square matrix.

    In: n rows of n modules (truthy = dark; lists, bytes, arrays). Out: the score, the same
    number as `qrcode.util.lost_point`.
    """
    n = len(matrix)
    g = _grid(n, 1)
    modules = bytes(1 if v else 0 for row in matrix for v in (*row, 0))
    board = int.from_bytes(modules, "little")
    return _penalties(board, g)[0] + _balance_penalty(modules.count(1), n * n)


# --------------------------------------------------------------------------------------
# Symbol layout per version


def _skeleton(version: int, ecc_code: int) -> QRCode:
    """A qrcode object whose `modules` hold the function patterns, None where data goes.

    Format and version areas are reserved (light) with qrcode's own test-mode drawing.
    """
    q = _qrcode().QRCode(version=version, error_correction=ecc_code, border=0)
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


def _placement_order(is_data: list[list[bool]]) -> list[tuple[int, int]]:
    """(row, column) of the data modules in the order bits are placed (two-column zig-zag
    upwards from the bottom-right, skipping the vertical timing column), as qrcode's map_data."""
    n = len(is_data)
    order: list[tuple[int, int]] = []
    upward = True
    col = n - 1
    while col > 0:
        if col == 6:
            col -= 1
        rows = range(n - 1, -1, -1) if upward else range(n)
        for row in rows:
            for c in (col, col - 1):
                if is_data[row][c]:
                    order.append((row, c))
        upward = not upward
        col -= 2
    return order


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


class _Layout(NamedTuple):
    """Everything about a (version, level) that does not depend on the data.

    `interleave(columns)`: per-codeword items of a block-order stream in symbol order.
    `place(bit_lanes)`: from the lanes of the stream bits in symbol order followed by one
    zero lane, the lane of every module (the zero lane where no data bit goes).
    `mask_bytes` / `fixed_bytes`: per module, bit k set where mask pattern k (data modules
    only) / the function patterns with format information for mask k, version information
    and the dark module are dark. `rows(modules)`: the n rows from a symbol's module
    bytes (padding included).
    """

    n: int
    stream_bits: int
    interleave: Callable[[Sequence[bytes]], tuple[bytes, ...]]
    place: Callable[[Sequence[bytes]], tuple[bytes, ...]]
    mask_bytes: bytes
    fixed_bytes: bytes
    rows: Callable[[bytes], tuple[bytes, ...]]


def _mask_bytes(is_data: list[list[bool]], stride: int) -> bytes:
    """Per module (padding included), bit k set where mask pattern k darkens a data module."""
    util = _qrcode().util
    out = bytearray(len(is_data) * stride)
    for k in range(_MASKS):
        pattern = util.mask_func(k)
        for r, row in enumerate(is_data):
            for c, data in enumerate(row):
                if data and pattern(r, c):
                    out[r * stride + c] |= 1 << k
    return bytes(out)


def _function_bytes(q: QRCode, version: int, stride: int) -> bytes:
    """Per module, bit k set where the function patterns are dark in the symbol with mask
    k (format information for k, version information, dark module). `q` is a
    `_skeleton`, drawn on and left as it was."""
    blank = q.modules
    out = bytearray(q.modules_count * stride)
    for k in range(_MASKS):
        q.modules = [row[:] for row in blank]
        q.setup_type_info(False, k)
        if version >= 7:
            q.setup_type_number(False)
        for r, row in enumerate(q.modules):
            for c, cell in enumerate(row):
                if cell:
                    out[r * stride + c] |= 1 << k
    q.modules = blank
    return bytes(out)


@functools.cache
def _layout(version: int, ecc_code: int) -> _Layout:
    """Build (once) the placement, mask and function-pattern data for a version and level."""
    q = _skeleton(version, ecc_code)
    n = q.modules_count
    stride = n + 1
    is_data = [[cell is None for cell in row] for row in q.modules]
    order = _placement_order(is_data)  # symbol-order bit i -> module order[i]
    sequence = _interleave_order(version, ecc_code)
    stream_bits = 8 * len(sequence)
    source = [stream_bits] * (n * stride)  # module -> stream bit lane, else the zero lane
    for i, (r, c) in enumerate(order[:stream_bits]):  # the rest: remainder bits, left 0
        source[r * stride + c] = i
    return _Layout(
        n=n,
        stream_bits=stream_bits,
        interleave=operator.itemgetter(*sequence),
        place=operator.itemgetter(*source),
        mask_bytes=_mask_bytes(is_data, stride),
        fixed_bytes=_function_bytes(q, version, stride),
        rows=operator.itemgetter(*(slice(r * stride, r * stride + n) for r in range(n))),
    )


@functools.lru_cache(maxsize=16)
def _mask_boards(version: int, ecc_code: int, codes: int) -> tuple[int, int]:
    """(masks, fixed) of a (version, level) as boards of `codes` codes (see `_Layout`)."""
    lay = _layout(version, ecc_code)
    return _lanes(lay.mask_bytes, codes), _lanes(lay.fixed_bytes, codes)


# --------------------------------------------------------------------------------------
# Building matrices

#: Bits per board (8 candidates x modules x codes) to aim for in a batch: big enough that
#: the per-operation cost of Python is small, small enough to stay in the caches.
_BATCH_BITS = 1 << 20


def _data_board(streams: Sequence[bytes], lay: _Layout) -> int:
    """Block-order codeword streams of one (version, level) -> the board of their data
    modules, unmasked, the same in all 8 candidates."""
    codes = len(streams)
    columns = lay.interleave(list(map(bytes, zip(*streams))))  # codeword i of every code
    bits = [column.translate(table) for column in columns for table in _BIT_LANE]
    bits.append(bytes(codes))
    return int.from_bytes(b"".join(lay.place(bits)), "little")


@functools.lru_cache(maxsize=64)
def _balance_table(n: int) -> tuple[int, ...]:
    """N4 of an n x n symbol for each possible number of dark modules."""
    return tuple(_balance_penalty(dark, n * n) for dark in range(n * n + 1))


def _build_batch(streams: Sequence[bytes], version: int, ecc_code: int) -> list[QRMatrix]:
    """Block-order codeword streams of one version and level -> finished matrices, each
    with its best mask: all 8 candidates of all codes are scored on one board."""
    lay = _layout(version, ecc_code)
    codes, n = len(streams), lay.n
    g = _grid(n, codes)
    masks, fixed = _mask_boards(version, ecc_code, codes)
    board = (_data_board(streams, lay) ^ masks) | fixed
    dark = _lane_values(_fold([board], g), g.width)
    balance = map(_balance_table(n).__getitem__, dark)
    scores = list(map(operator.add, _penalties(board, g), balance))
    modules = board.to_bytes(g.modules * codes, "little")
    out = []
    for j in range(codes):
        candidates = scores[8 * j : 8 * j + 8]
        best = candidates.index(min(candidates))  # first minimum: lowest mask wins
        rows = lay.rows(modules[j::codes].translate(_BIT_OF[best]))
        out.append(QRMatrix(size=n, rows=rows, version=version, mask=best))
    return out


def _compute(data_list: Sequence[str], ecc_code: int) -> list[QRMatrix]:
    """Texts -> matrices in the same order, batching codes of equal version."""
    encoded = [_encode(data, ecc_code) for data in data_list]
    by_version: dict[int, list[int]] = {}
    for i, (version, _) in enumerate(encoded):
        by_version.setdefault(version, []).append(i)
    out: list[QRMatrix | None] = [None] * len(data_list)
    for version, indices in by_version.items():
        n = 4 * version + 17
        size = max(1, _BATCH_BITS // (8 * n * (n + 1)))
        for start in range(0, len(indices), size):
            part = indices[start : start + size]
            matrices = _build_batch([encoded[i][1] for i in part], version, ecc_code)
            for i, matrix in zip(part, matrices):
                out[i] = matrix
    return out  # type: ignore[return-value]


def fits(data: str, ecc: str = "M") -> bool:
    """True when `data` fits in a QR code (version 40 at most) at level `ecc`."""
    try:
        _choose_version(_segments(data), _ecc_code(ecc))
    except ValueError:
        return False
    return True


def capacity(ecc: str = "M") -> int:
    """How many bytes of text (byte mode, one segment) the largest QR code holds at `ecc`:
    2,331 at M (ISO/IEC 18004 table 7)."""
    util = _qrcode().util
    bits = util.BIT_LIMIT_TABLE[_ecc_code(ecc)][40] - 4 - _count_bits(util.MODE_8BIT_BYTE, 40)
    return bits // 8


def symbol_size(data: str, ecc: str = "M") -> int:
    """Modules on a side of the symbol for `data` at `ecc`, as `qr_matrix(data, ecc).size`,
    without making it (which takes milliseconds): what a printed size needs."""
    return 4 * _choose_version(_segments(data), _ecc_code(ecc)) + 17


@functools.lru_cache(maxsize=4096)
def qr_matrix(data: str, ecc: str = "M") -> QRMatrix:
    """The QR symbol for `data` (UTF-8, byte mode unless numeric/alphanumeric runs pay off)
    at error-correction level `ecc` ("L", "M", "Q" or "H").

    Pure and deterministic; results are memoised in memory. Raises ValueError for an
    unknown level or data too long for version 40.
    """
    return _compute([data], _ecc_code(ecc))[0]


def qr_matrices(urls: Iterable[str], ecc: str = "M") -> dict[str, QRMatrix]:
    """Matrices for many texts at once: {text: matrix}, in first-seen order, duplicates once
    (identical to `qr_matrix` for each text, several times faster than one by one)."""
    unique = list(dict.fromkeys(urls))
    return dict(zip(unique, _compute(unique, _ecc_code(ecc))))


# --------------------------------------------------------------------------------------
# Drawing help

_DARK_RUN = re.compile(rb"\x01+")


def dark_runs(m: QRMatrix) -> list[tuple[int, int, int]]:
    """Horizontal runs of dark modules as (row, first column, length), row by row, left to
    right; drawing one rectangle per run reproduces the symbol with few path elements."""
    return [
        (r, found.start(), found.end() - found.start())
        for r, row in enumerate(m.rows)
        for found in _DARK_RUN.finditer(row)
    ]
