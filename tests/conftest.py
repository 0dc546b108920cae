"""Shared fixtures: paths to the repository's example data and the seed."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "mlsys-2019.yaml"
SEED = ROOT.parent / "shared" / "seeds" / "mlsys-neurips-2019-schedule.md"


@pytest.fixture
def write(tmp_path):
    """Write text (or bytes) to a file in a temporary directory and return its path."""

    def _write(content: str | bytes, name: str = "schedule.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
