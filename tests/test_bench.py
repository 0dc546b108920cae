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


def test_stage_split_names_every_stage_and_each_canvas():
    """The seed built stage by stage: a figure for each stage and for each canvas; the
    fast path writes ReportLab's bytes, the packed one fewer."""
    from bench import stages

    times = stages.split(str(ROOT / "data" / "mlsys-2019.yaml"))
    printed = stages.line(times)
    for name in stages.STAGES:
        assert f"{name} " in printed
    assert times["page bytes"] == times["plain bytes"] > times["packed bytes"] > 0
    assert all(name in printed for name in ("ReportLab Canvas", "PageCanvas", "PackedCanvas"))
    assert times["shared bytes"] == times["packed bytes"]  # a second process: the same file


def test_the_typst_booklet_has_our_qr_codes(tmp_path):
    """Like for like: every talk with a link gets its code as a 1-bit PNG of our modules,
    one pixel per module with the 4-module quiet zone, at the side our booklet prints."""
    from PIL import Image

    from bench import typst_booklet
    from program.qr import qr_matrix
    from program.layout.frames import qr_data
    from program.sources.registry import load_schedule
    from program.sources.transform import fill_talk_urls

    seed = ROOT / "data" / "mlsys-2019.yaml"
    data = typst_booklet.schedule_data(seed, tmp_path)
    talks = [t for d in data["days"] for s in d["sessions"] for t in s["talks"]]
    linked = [t for d in fill_talk_urls(load_schedule(str(seed))).days for t in d.talks()
              if t.url]
    assert linked and sum(t["qr"] is not None for t in talks) == len(linked)
    first = next(t for t in talks if t["qr"])
    image = Image.open(tmp_path / first["qr"])
    rows = qr_matrix(qr_data(first["url"])).rows
    assert image.mode == "1" and image.size == (len(rows) + 8,) * 2
    assert [image.getpixel((4 + x, 4)) == 0 for x in range(len(rows))] == [
        b == 1 for b in rows[0]]
    assert data["qr_side_mm"] >= 16


def test_without_repeat_each_size_runs_its_default_number_of_times():
    """Small sizes (and their Typst booklets) are run three times, the fastest kept: one
    Typst compile of the conference varied by 40 %; ``--repeat`` sets every size's count."""
    from bench.run import DEFAULT_REPEAT, SIZES, parse_args

    assert set(DEFAULT_REPEAT) == set(SIZES) and DEFAULT_REPEAT["conference"] >= 3
    assert parse_args([]).repeat is None and parse_args(["--repeat", "2"]).repeat == 2
