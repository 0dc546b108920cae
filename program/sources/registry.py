"""One table of input formats: name, file extensions, and the loader for each.

``load_schedule(path, fmt=None) -> Schedule`` picks the reader by ``fmt``, else by extension,
else by a look at the content. New readers register here and nowhere else.
"""
from __future__ import annotations

import importlib
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
        """Read ``path`` with this format's reader."""
        return self.reader().load(path)

    def sniff(self, head: bytes) -> bool:
        """True when the first bytes of a file look like this format."""
        return bool(self.reader().sniff(head))


FORMATS: list[Format] = [
    Format("yaml", (".yaml", ".yml"), "yaml_schedule"),
    Format("markdown", (".md", ".markdown"), "markdown"),
    Format("html", (".html", ".htm", ".xhtml"), "html_page"),
    Format("frab-xml", (".xml",), "frab_xml"),
    Format("frab-json", (".json",), "frab_json"),
    Format("ical", (".ics", ".ical", ".ifb", ".icalendar"), "ical"),
    Format("csv", (".csv", ".tsv"), "csv_table"),
]


def register(fmt: Format) -> None:
    """Add a format (its module must live in ``program.sources``)."""
    FORMATS.append(fmt)


def format_names() -> list[str]:
    """Names of the known formats, for --help and messages."""
    return [f.name for f in FORMATS]


def pick_format(path: str, fmt: str | None = None) -> Format:
    """The Format for ``path``: by name, else by extension, else by content."""
    if fmt:
        for f in FORMATS:
            if f.name == fmt:
                return f
        raise UserError(f"unknown format {fmt!r}; known: {', '.join(format_names())}")
    suffix = Path(path).suffix.lower()
    for f in FORMATS:
        if suffix in f.extensions:
            return f
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        head = b""
    for f in FORMATS:
        if f.sniff(head):
            return f
    raise UserError(f"cannot tell the format of this file; name it *.yaml or give --format "
                    f"({', '.join(format_names())})", Where(path))


def load_schedule(path: str, fmt: str | None = None) -> Schedule:
    """Read any supported schedule file into the model (raises UserError on bad input)."""
    if not Path(path).exists():
        raise UserError("no such file", Where(path))
    return pick_format(path, fmt).load(path)
