"""One table of input formats: name, file extensions, and the loader for each.

``load_schedule(path, fmt=None) -> Schedule`` picks the reader by ``fmt``, else by extension,
else by a look at the content. New readers register here and nowhere else, and every reader
gets its bytes from :func:`read_source_bytes` (a regular file, at most ``MAX_BYTES``).
"""
from __future__ import annotations

import errno
import importlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from program.errors import UserError
from program.model import Schedule, Where


@dataclass(frozen=True)
class Format:
    """An input format: its name, the extensions it owns, and the module that reads it.

    The module (``program.sources.<module>``) has ``load(path) -> Schedule`` and
    ``sniff(head: bytes) -> bool``; it is imported only when the format is used, so that
    reading a YAML file never pays for the XML, iCalendar and CSV readers' imports."""

    name: str
    extensions: tuple[str, ...]
    module: str

    def reader(self) -> ModuleType:
        """The reading module, imported on first use."""
        return importlib.import_module(f"program.sources.{self.module}")

    def load(self, path: str) -> Schedule:
        """Read ``path`` with this format's reader, its text cleaned (:mod:`.clean`: the
        same rules for every format, in this one place)."""
        from program.sources.clean import clean

        try:
            schedule = self.reader().load(path)
        except OverflowError:  # a time past year 9999 (9999-12-31 23:30 plus an hour)
            raise UserError("a date or time is out of range (past the year 9999); check the "
                            "dates", Where(path)) from None
        return clean(schedule)

    def sniff(self, head: bytes) -> bool:
        """True when the first bytes of a file look like this format."""
        return bool(self.reader().sniff(head))


FORMATS: list[Format] = [
    Format("yaml", (".yaml", ".yml"), "yaml_schedule"),
    Format("markdown", (".md", ".markdown"), "markdown"),
    Format("html", (".html", ".htm", ".xhtml"), "html_page"),
    Format("frab-xml", (".xml",), "frab_xml"),
    Format("frab-json", (".json",), "frab_json"),
    Format("indico", (".json",), "indico"),
    Format("ical", (".ics", ".ical", ".ifb", ".icalendar"), "ical"),
    Format("xcal", (".xcal", ".xcs"), "xcal"),
    Format("csv", (".csv", ".tsv"), "csv_table"),
]


def register(fmt: Format) -> None:
    """Add a format (its module must live in ``program.sources``)."""
    FORMATS.append(fmt)


def format_names() -> list[str]:
    """Names of the known formats, for --help and messages."""
    return [f.name for f in FORMATS]


def pick_format(path: str, fmt: str | None = None) -> Format:
    """The Format for ``path``: by name, else by extension (by content among formats that
    share it), else by content."""
    if fmt:
        for f in FORMATS:
            if f.name == fmt:
                return f
        raise UserError(f"unknown format {fmt!r}; known: {', '.join(format_names())}")
    suffix = Path(path).suffix.lower()
    owners = [f for f in FORMATS if suffix in f.extensions]
    if len(owners) == 1:
        return owners[0]
    head = read_source_bytes(path, limit=4096, truncate=True)
    if owners:  # formats sharing an extension (.json: frab, Indico): the content decides
        return next((f for f in owners if f.sniff(head)), owners[0])
    for f in FORMATS:
        if f.sniff(head):
            return f
    raise UserError(f"cannot tell the format of this file; name it *.yaml or give --format "
                    f"({', '.join(format_names())})", Where(path))


def load_schedule(path: str, fmt: str | None = None) -> Schedule:
    """Read any supported schedule file into the model (raises UserError on bad input)."""
    source_stat(path)  # one clear line for a missing file, a FIFO or a folder, before sniffing
    return pick_format(path, fmt).load(path)


MAX_BYTES = 20_000_000
"""The largest schedule file read (the largest real export is a few megabytes)."""

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def file_kind(mode: int) -> str | None:
    """What a non-regular file is, in words (``a directory``); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((words for test, words in _KINDS if test(mode)), "a special file")


def source_stat(path: str | Path, what: str = "a schedule file") -> os.stat_result:
    """``os.stat`` of an input file that must be a regular file, else a UserError naming the
    mistake (missing, a dangling symlink or a loop, a folder, a FIFO, a device)."""
    name = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise UserError(f"is a symlink to {os.readlink(path)!r}, which does not exist",
                            Where(name)) from None
        raise UserError("no such file", Where(name)) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UserError("is a symlink loop (the link leads back to itself)",
                            Where(name)) from None
        raise UserError(f"cannot read: {exc.strerror}", Where(name)) from None
    kind = file_kind(st.st_mode)
    if kind:
        raise UserError(f"is {kind}, not {what}", Where(name))
    return st


def read_source_bytes(path: str | Path, limit: int = MAX_BYTES, truncate: bool = False) -> bytes:
    """The bytes of the regular file ``path``; the one way every reader reads its input.

    The size limit applies before reading (stat first, then read at most ``limit + 1``
    bytes, so a file growing meanwhile is still caught); with ``truncate``, the first
    ``limit`` bytes instead (sniffing). Opened without blocking and checked again on the
    open file, so a FIFO swapped in after the stat cannot hang the read."""
    name = str(path)
    st = source_stat(path)
    if st.st_size > limit and not truncate:
        raise UserError(f"file is {st.st_size:,} bytes; the limit is {limit:,}", Where(name))
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror}", Where(name)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UserError(f"is {file_kind(os.fstat(fd).st_mode)}, not a schedule file",
                            Where(name))
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror}", Where(name)) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        if truncate:
            return data[:limit]
        raise UserError(f"file is more than {limit:,} bytes; the limit is {limit:,}", Where(name))
    return data
