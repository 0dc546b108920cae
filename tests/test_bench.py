"""``bench.run``'s report: which figure each target is judged on."""
from __future__ import annotations

from bench.run import HEADER, ROOT, Result, Run, rebuild_ratio, row, target_marks


def _run(seconds: float, status: int = 0) -> Run:
    return Run(seconds, seconds, 50.0, status, "", (("booklet", 9, 100_000),))


def test_rebuild_is_judged_on_the_fastest_watch_rebuild():
    """Like the cold build (fastest of --repeat runs): the fastest of the edits."""
    r = Result("conference", 600, _run(2.0), _run(1.9), watch=(0.9, 0.7, 0.85))
    assert rebuild_ratio(r) == 0.7 / 2.0
    assert "rebuild≤40% ✓" in target_marks(r)
    slow = Result("conference", 600, _run(2.0), _run(1.9), watch=(0.9, 0.85, 0.81))
    assert "rebuild≤40% ✗" in target_marks(slow)


def test_no_watch_figure_gives_no_verdict():
    r = Result("seed", 19, _run(0.4), _run(0.4))
    assert rebuild_ratio(r) is None
    assert "rebuild≤40% -" in target_marks(r)
    failed = Result("seed", 19, _run(0.4, status=2), None, watch=(0.1,))
    assert rebuild_ratio(failed) is None


def test_row_has_a_cell_per_column():
    r = Result("mega", 3000, _run(8.0), _run(8.1), watch=(2.5, 2.4, 2.6))
    cells = row(r)
    assert len(cells) == len(HEADER)
    assert cells[HEADER.index("rebuild s (watch)")] == "2.50/2.40/2.60"
    assert cells[HEADER.index("rebuild %")] == "30%"
    assert cells[HEADER.index("new process s")] == "8.10"
    assert "mem≤400MB ✓" in cells[-1] and "watch≤2.5s ✓" in cells[-1]
    assert cells[HEADER.index("typst s")] == "-" and "≤0.6x typst -" in cells[-1]


def test_the_booklet_is_judged_as_a_share_of_typst():
    r = Result("conference", 600, _run(2.0), None, typst=(5.0, 40))
    assert row(r)[HEADER.index("vs typst")] == "0.40x"
    assert "≤0.5x typst ✓" in target_marks(r)
    assert "≤0.5x typst ✗" in target_marks(Result("conference", 600, _run(3.0), None,
                                                  typst=(5.0, 40)))


def test_stage_split_names_every_stage_and_both_canvases():
    """The seed built stage by stage: a figure for each stage and for each canvas."""
    from bench import stages

    times = stages.split(str(ROOT / "data" / "mlsys-2019.yaml"))
    printed = stages.line(times)
    for name in stages.STAGES:
        assert f"{name} " in printed
    assert times["packed bytes"] > 0 and times["plain bytes"] > 0
    assert "PackedCanvas" in printed and "ReportLab Canvas" in printed
