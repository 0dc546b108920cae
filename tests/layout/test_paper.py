"""program.layout.paper gives the same floats as ReportLab, so page sizes stay exact."""
from reportlab.lib import pagesizes, units

from program.layout import paper


def test_units_and_sizes_equal_reportlabs():
    assert (paper.inch, paper.cm, paper.mm) == (units.inch, units.cm, units.mm)
    for name in ("A3", "A4", "A5", "A6", "LETTER"):
        assert getattr(paper, name) == getattr(pagesizes, name), name
    assert paper.landscape(paper.A4) == pagesizes.landscape(pagesizes.A4)
    assert paper.landscape(paper.landscape(paper.A4)) == paper.landscape(paper.A4)
