"""The schedule's logo: found, fully decoded and scaled to what print needs, or a clear error.

``logo_path(schedule)`` is where ``theme.logo`` points (beside the schedule);
``read_logo(path, where) -> bytes`` is the image as it goes into the PDF, or a UserError
naming the mistake at the theme's line. The checks call it (``checks.check``), so a truncated
picture is reported by ``program check``, not by a crash in render.
"""
from __future__ import annotations

import io
import warnings
from functools import lru_cache
from pathlib import Path

from program.errors import UserError
from program.model import Schedule, Where
from program.sources.registry import source_stat

MAX_LOGO_PIXELS = 40_000_000
"""Larger logos are refused: decoding one would take gigabytes for nothing a page can show."""

PRINT_DPI = 300
#: What a screen shows of a page at its printed size (the email edition's images).
SCREEN_DPI = 150
#: The largest box the logo is printed in, in points: the booklet's cover gives it 35 % of the
#: page width (the widest paper is letter, 612 pt) and at most 40 mm (render/booklet.py).
LARGEST_PRINT = (0.35 * 612, 40 * 72 / 25.4)
#: Pixels enough for that box at PRINT_DPI (a logo fills its width or its height).
MAX_PIXELS = tuple(round(side / 72 * PRINT_DPI) for side in LARGEST_PRINT)


def logo_path(schedule: Schedule) -> Path | None:
    """The resolved path of the schedule's logo (None when it names none)."""
    if not schedule.theme.logo:
        return None
    base = Path(schedule.source).parent if schedule.source else Path(".")
    return (base / schedule.theme.logo).resolve()


def _where(schedule: Schedule) -> Where:
    return schedule.theme.where or Where(schedule.source or "schedule")


def schedule_logo(schedule: Schedule) -> bytes | None:
    """The schedule's logo as it goes into the PDF (None when it names none)."""
    path = logo_path(schedule)
    return None if path is None else read_logo(path, schedule.theme.logo, _where(schedule))


def read_logo(path: Path, name: str, where: Where) -> bytes:
    """The image file ``path`` (``name`` as the schedule writes it), decoded to the last
    pixel and scaled down to fit :data:`MAX_PIXELS` (300 dpi at the largest size it is
    printed): the file's own bytes when it is small enough, else a PNG (or JPEG, for a photo
    given as JPEG) of the scaled image. Raises UserError for anything that would not print as the file shows."""
    try:
        st = source_stat(path, "an image")
    except UserError as exc:
        if exc.message == "no such file":
            raise UserError(f"logo file {name!r} not found (looked for {path})", where) from None
        raise UserError(f"logo file {name!r} {exc.message}", where) from None
    return _decoded(str(path), st.st_mtime_ns, st.st_size, name, where)


@lru_cache(maxsize=4)
def _decoded(path: str, mtime_ns: int, size: int, name: str, where: Where) -> bytes:
    """:func:`read_logo` for one version of the file (keyed by its stamp: ``--watch`` and
    ``check`` then ``build`` decode it once)."""
    from PIL import Image

    data = Path(path).read_bytes()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))
            if im.width * im.height > MAX_LOGO_PIXELS:
                raise UserError(f"logo file {name!r} is {im.width}x{im.height} pixels; use an "
                                f"image under {MAX_LOGO_PIXELS // 1_000_000} megapixels", where)
            if im.format == "EPS":
                # drawn only through Ghostscript, which may be missing or differ per machine
                raise UserError(f"logo file {name!r} is PostScript (EPS), which would need "
                                f"Ghostscript; use a PNG or JPEG", where)
            im.load()  # every pixel: a truncated file fails here, not half-black in print
    except UserError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise UserError(f"logo file {name!r} is too large an image; use one under "
                        f"{MAX_LOGO_PIXELS // 1_000_000} megapixels", where) from None
    except Image.UnidentifiedImageError:
        raise UserError(f"logo file {name!r} is not an image PIL can read", where) from None
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a damaged file
        raise UserError(f"logo file {name!r} is damaged or cut short: its image cannot be "
                        f"decoded to the end", where) from None
    size = _fitting(im.size, MAX_PIXELS)
    if size == im.size and im.format in ("PNG", "JPEG"):
        return data
    return _scaled(im, size)


@lru_cache(maxsize=16)
def fitted(image: bytes, pixels: tuple[int, int]) -> bytes:
    """``image`` (a PNG's or JPEG's bytes, as :func:`read_logo` gives them) scaled down to
    fit ``pixels`` (width, height), encoded as ``read_logo`` encodes; ``image`` itself when
    it fits already. (The email edition's images: see :data:`SCREEN_DPI`.)"""
    from PIL import Image

    with Image.open(io.BytesIO(image)) as im:
        size = _fitting(im.size, pixels)
        if size == im.size:
            return image
        im.load()
        return _scaled(im, size)


def _fitting(size: tuple[int, int], pixels: tuple[int, int]) -> tuple[int, int]:
    """An image of ``size`` pixels scaled down (never up) to fit ``pixels``, its shape kept."""
    scale = min(1.0, pixels[0] / size[0], pixels[1] / size[1])
    if scale == 1.0:
        return size
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def _scaled(im, size: tuple[int, int]) -> bytes:
    """``im`` at ``size`` pixels, encoded the same way every time."""
    from PIL import Image

    photo = im.format == "JPEG"
    if size != im.size:
        if im.mode in ("1", "P"):  # (else Pillow resizes by the nearest pixel: jagged)
            im = im.convert("RGBA")
        im = im.resize(size, Image.Resampling.LANCZOS)
    if photo:
        im = im.convert("RGB") if im.mode not in ("RGB", "L", "CMYK") else im
    elif im.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        im = im.convert("RGBA")
    out = io.BytesIO()
    if photo:
        im.save(out, "JPEG", quality=92, optimize=False)
    else:
        im.save(out, "PNG", optimize=False)
    return out.getvalue()
