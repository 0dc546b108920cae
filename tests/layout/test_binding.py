"""The binding arithmetic: spine widths from page counts, the saddle-stitch warning."""
import pytest

from program.layout.binding import (SADDLE_STITCH_MAX_PAGES, binding_warning, leaves,
                                    spine_summary, spine_width_mm)


@pytest.mark.parametrize("pages, thickness, spine", [
    (64, 0.1, 3.2), (100, 0.1, 5.0), (101, 0.1, 5.1), (200, 0.08, 8.0), (2, 0.1, 0.1)])
def test_spine_is_leaves_times_thickness(pages, thickness, spine):
    assert spine_width_mm(pages, thickness) == pytest.approx(spine)
    assert leaves(pages) * thickness == pytest.approx(spine)


def test_a_100_page_saddle_stitched_booklet_suggests_perfect_binding():
    warning = binding_warning(100, "saddle")
    assert warning is not None
    assert "100 pages" in warning and "saddle stitch" in warning
    assert "--binding perfect" in warning


def test_no_warning_up_to_the_limit_or_when_perfect_bound():
    assert binding_warning(SADDLE_STITCH_MAX_PAGES, "saddle") is None
    assert binding_warning(100, "perfect") is None
    assert binding_warning(12, "saddle", limit=8) is not None


def test_the_summary_names_the_spine_and_the_formula():
    assert spine_summary(100, 0.1) == "perfect binding: spine 5.0 mm (50 leaves × 0.1 mm)"
