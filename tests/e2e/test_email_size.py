"""The email edition: a booklet too big to attach to an email is warned about."""
from pathlib import Path

from program.cli import main
from program.products import EMAIL_LIMIT, email_warning

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "mlsys-2019.yaml"


def test_a_booklet_past_the_limit_is_warned_about():
    warning = email_warning(9 * 1024 * 1024)
    assert warning is not None and "email" in warning and "8 MB" in warning
    assert email_warning(EMAIL_LIMIT) is None
    assert email_warning(2_000, limit=1_000) is not None


def test_the_warning_names_the_email_edition_which_warns_about_itself_past_the_limit():
    warning = email_warning(2_000, limit=1_000)
    assert warning.startswith("booklet: ") and "--products booklet-light" in warning
    light = email_warning(2_000, limit=1_000, product="booklet-light")
    assert light.startswith("booklet-light: ") and "email" in light
    assert "--products" not in light  # it does not suggest itself
    assert email_warning(1_000, limit=1_000, product="booklet-light") is None


def test_the_example_booklet_is_small_enough_to_email(tmp_path):
    assert main(["build", str(DATA), "-o", str(tmp_path), "--products", "booklet"]) == 0
    (booklet,) = tmp_path.glob("*-booklet.pdf")
    assert email_warning(booklet.stat().st_size, limit=2 * 1024 * 1024) is None
