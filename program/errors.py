"""Errors a user can act on: a message, where it is, and the key path inside the file."""
from __future__ import annotations

from program.model import Where


class UserError(Exception):
    """A mistake in the input (or the command line) that the user must fix.

    Printed as one line, ``file:line:column: error: message (at key.path)``; the CLI exits 2.
    """

    def __init__(self, message: str, where: Where | None = None, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.path = path

    def __str__(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        suffix = f" (at {self.path})" if self.path else ""
        return f"{prefix}error: {self.message}{suffix}"
