"""Strict YAML reading: every scalar stays text, every node knows its line.

PyYAML's loaders apply YAML 1.1 coercions (``10:30`` becomes 630, ``no`` becomes False) and
keep the last of two duplicate keys silently. Here we only *compose* the document into nodes
(no construction, so no coercion and no Python objects from tags) and walk the nodes through
:class:`Node`, which checks shapes and keys and reports mistakes as :class:`UserError` with
``file:line:column`` and the key path. Aliases are allowed but bounded, so an alias bomb fails
at once instead of eating memory.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Iterator

import yaml

from program.errors import UserError
from program.model import Where
from program.sources.registry import read_source_bytes

MAX_NODES = 200_000
"""How many nodes a document may expand to (aliases counted each time they are used)."""

CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Characters that print as nothing and that a calendar may not carry (tab, newline and
carriage return are allowed)."""

class _TextLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser when PyYAML has it (ten times faster, same marks), else the Python
    one; tags are never resolved (every scalar stays text), which also skips PyYAML's
    per-scalar regular expressions."""

    def resolve(self, kind, value, implicit):  # noqa: D102 - see the class docstring
        if kind is yaml.ScalarNode:
            return "tag:yaml.org,2002:str"
        if kind is yaml.SequenceNode:
            return "tag:yaml.org,2002:seq"
        return "tag:yaml.org,2002:map"


_LOADER = _TextLoader


def read_source_text(path: str | Path) -> str:
    """Read a schedule file as UTF-8 text, refusing what is not text with a clear message.

    Raises UserError for a missing, unreadable, empty, binary or non-UTF-8 file (the bytes
    come from :func:`read_source_bytes`: a regular file, size limit applied before reading).
    """
    name = str(path)
    data = read_source_bytes(path)
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise UserError("file is empty", Where(name, 1, 1))
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise UserError("this is UTF-16 text (Excel's \"Unicode text\"); save the file as UTF-8",
                        Where(name, 1))
    if b"\x00" in data[:8192]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise UserError("this is a binary file, not a schedule (it contains NUL bytes)",
                        Where(name, line))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UserError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            Where(name, line, column),
        ) from None
    return text.replace("\r\n", "\n")


def compose(text: str, filename: str) -> "Node":
    """Parse YAML text into a checked root :class:`Node` (one document, text scalars)."""
    tab = _TAB_INDENT.search(text)
    if tab is not None:
        number = text.count("\n", 0, tab.start()) + 1
        column = tab.end() - (text.rfind("\n", 0, tab.start()) + 1)
        raise UserError("tab used for indentation; YAML needs spaces",
                        Where(filename, number, column))
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        raise UserError(*_syntax_error(exc, filename)) from None
    except yaml.YAMLError as exc:
        raise UserError(f"YAML syntax: {exc}", Where(filename)) from None
    except RecursionError:
        raise UserError("YAML nested too deeply", Where(filename)) from None
    if root is None:
        raise UserError("file is empty", Where(filename, 1, 1))
    if has_anchors(text):  # without an anchor there is no alias to expand
        _bound_expansion(root, filename)
    return Node(root, filename, "")


def has_anchors(text: str) -> bool:
    """False when ``text`` surely has no YAML anchor, hence no alias: then every node's
    value is its own text (see ``Node.source``)."""
    return _ANCHOR.search(text) is not None


#: The first tab in a line's indentation (a YAML error that libyaml words badly).
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
#: Something that may be an anchor (``&name``); "R & D" and "Q&A " are not, "AT&T" may be.
_ANCHOR = re.compile(r"&[^\s,\[\]{}]")


def _syntax_error(exc: yaml.MarkedYAMLError, filename: str) -> tuple[str, Where]:
    """A parser error as one message and a place: the whole sentence ("while scanning a
    quoted scalar, found unexpected end of stream"), placed where the construct began when
    the problem is only noticed at the end of the file."""
    parts = [p for p in (exc.context, exc.problem) if p]
    message = "YAML syntax: " + (", ".join(parts) if parts else "invalid YAML")
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and exc.problem and "end of stream" in exc.problem:
        mark = exc.context_mark
    where = Where(filename, mark.line + 1, mark.column + 1) if mark else Where(filename)
    return message, where


def _bound_expansion(root: yaml.Node, filename: str) -> None:
    """Refuse documents whose alias expansion exceeds MAX_NODES (a "billion laughs")."""
    count = 0
    stack = [root]
    while stack:
        node = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise UserError(
                f"document expands to more than {MAX_NODES:,} nodes (alias bomb?)",
                Where(filename, node.start_mark.line + 1, node.start_mark.column + 1),
            )
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


_KIND_NAMES = {
    yaml.MappingNode: "a mapping (key: value lines)",
    yaml.SequenceNode: "a list (- lines)",
    yaml.ScalarNode: "a single value",
}


class Node:
    """A composed YAML node with its file and key path; accessors check shape and type."""

    def __init__(self, node: yaml.Node, filename: str, path: str):
        self.node = node
        self.filename = filename
        self.path = path

    def source(self, text: str) -> str:
        """The node's own text in the document ``text`` it was composed from."""
        return text[self.node.start_mark.index:self.node.end_mark.index]

    @property
    def where(self) -> Where:
        """Where the node starts in the file."""
        mark = self.node.start_mark
        return Where(self.filename, mark.line + 1, mark.column + 1)

    def error(self, message: str) -> UserError:
        """A UserError located at this node."""
        return UserError(message, self.where, self.path or None)

    def _expect(self, cls: type, expected: str) -> None:
        if not isinstance(self.node, cls):
            got = _KIND_NAMES.get(type(self.node), "something else")
            raise self.error(f"expected {expected}, found {got}")

    @property
    def is_null(self) -> bool:
        """True for an empty value (``key:`` with nothing after it, ``~`` or ``null``)."""
        return (isinstance(self.node, yaml.ScalarNode) and self.node.style is None
                and self.node.value in ("", "~", "null", "Null", "NULL"))

    def is_mapping(self) -> bool:
        """True for a mapping node."""
        return isinstance(self.node, yaml.MappingNode)

    def is_list(self) -> bool:
        """True for a sequence node."""
        return isinstance(self.node, yaml.SequenceNode)

    def text(self, what: str = "text") -> str:
        """The scalar as a string (never coerced); raises for a list or mapping, and for
        control characters (written as escapes like \\0 or \\x1b), which print as nothing."""
        self._expect(yaml.ScalarNode, what)
        value = str(self.node.value)
        control = None if value.isprintable() else CONTROL_CHARS.search(value)  # (they do not)
        if control:
            raise self.error(f"control character U+{ord(control.group()):04X} in the text; "
                             "remove it")
        return value

    def items(self) -> list["Node"]:
        """The elements of a list node."""
        self._expect(yaml.SequenceNode, "a list (- lines)")
        return [Node(v, self.filename, f"{self.path}[{i}]") for i, v in enumerate(self.node.value)]

    def texts(self, what: str = "text") -> list[str]:
        """A list of strings; a single scalar counts as a list of one."""
        if isinstance(self.node, yaml.ScalarNode):
            return [] if self.is_null else [self.text(what)]
        return [item.text(what) for item in self.items()]

    def mapping(self, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> dict[str, "Node"]:
        """The mapping as ``{key: Node}``, refusing duplicate, unknown and missing keys."""
        self._expect(yaml.MappingNode, "a mapping (key: value lines)")
        out: dict[str, Node] = {}
        for key_node, value_node in self.node.value:
            key = key_node.value
            if not (isinstance(key_node, yaml.ScalarNode) and key.isprintable()):
                key = Node(key_node, self.filename, self.path).text("a key")  # (or says why)
            sub = f"{self.path}.{key}" if self.path else key
            if key in out:
                raise UserError(f"duplicate key {key!r} (first at line {out[key].where.line})",
                                Node(key_node, self.filename, self.path).where, sub)
            if key not in allowed:
                hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                tip = f"; did you mean {hint[0]!r}?" if hint else f"; allowed: {', '.join(allowed)}"
                raise UserError(f"unknown key {key!r}{tip}",
                                Node(key_node, self.filename, self.path).where, sub)
            out[key] = Node(value_node, self.filename, sub)
        missing = [k for k in required if k not in out]
        if missing:
            raise self.error(f"missing required key {missing[0]!r}")
        return out

    def plain(self) -> object:
        """The node as plain Python data: dicts, lists and strings (None for empty values)."""
        if self.is_mapping():
            return {Node(k, self.filename, self.path).text(): Node(v, self.filename, self.path).plain()
                    for k, v in self.node.value}
        if self.is_list():
            return [item.plain() for item in self.items()]
        return None if self.is_null else self.text()

    def __iter__(self) -> Iterator["Node"]:
        return iter(self.items())
