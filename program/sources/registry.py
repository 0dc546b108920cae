"""One table of input formats: name, file extensions, and the loader for each.

``load_schedule(path, fmt=None) -> Schedule`` picks the reader by ``fmt``, else by extension,
else by a look at the content. New readers register here and nowhere else.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from program.errors import UserError
from program.model import Schedule, Where
from program.sources import csv_table, frab_json, frab_xml, ical, markdown, yaml_schedule


@dataclass(frozen=True)
class Format:
    """An input format: its name, the extensions it owns, its loader and a content sniffer."""

    name: str
    extensions: tuple[str, ...]
    load: Callable[[str], Schedule]
    sniff: Callable[[bytes], bool]


def _sniff_yaml(head: bytes) -> bool:
    return b"event:" in head and b"days:" in head


def _sniff_markdown(head: bytes) -> bool:
    return head.lstrip().startswith(b"#")


FORMATS: list[Format] = [
    Format("yaml", (".yaml", ".yml"), yaml_schedule.load, _sniff_yaml),
    Format("markdown", (".md", ".markdown"), markdown.load, _sniff_markdown),
    Format("frab-xml", frab_xml.EXTENSIONS, frab_xml.load, frab_xml.sniff),
    Format("frab-json", frab_json.EXTENSIONS, frab_json.load, frab_json.sniff),
    Format("ical", ical.EXTENSIONS, ical.load, ical.sniff),
    Format("csv", csv_table.EXTENSIONS, csv_table.load, csv_table.sniff),
]


def register(fmt: Format) -> None:
    """Add a format (readers in their own modules call this from ``program.sources.extra``)."""
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
