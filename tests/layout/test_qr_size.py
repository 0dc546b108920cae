"""The printed size of a QR code is known without making it (program/qr.py symbol_size)."""
from __future__ import annotations

import pytest

from program import qr


@pytest.mark.parametrize("data", [
    "https://example.org/", "https://example.org/talks/" + "x" * 120,
    "HTTPS://EXAMPLE.ORG/12345678901234567890123456789", "1234567890" * 30,
    "https://example.org/" + "é" * 60, "y" * 1500,
])
def test_the_symbol_size_is_the_size_of_the_symbol(data):
    assert qr.symbol_size(data) == qr.qr_matrix(data).size


def test_data_too_long_for_any_symbol_is_refused_alike():
    with pytest.raises(ValueError):
        qr.qr_matrix("z" * 3000)
    with pytest.raises(ValueError):
        qr.symbol_size("z" * 3000)
