"""Bad input never hurts: every broken schedule in ``tests/corpus/`` (and a few generated
ones: a file over the size limit, a missing file, a directory, a FIFO, a device, symlink
loops and dangling links, logos cut short, in EPS, a folder or a device) is refused by
``program build FILE -o OUT`` with exit status 2, the exact message of
``tests/corpus/expected.txt`` on stderr, no traceback, nothing written to OUT and the
previous output in OUT byte-identical.

Each case is ``python -m program build FILE -o OUT`` with its own argv, working directory,
stdout, stderr and exit status, in a child forked from one driver process that imported the
program once (a hundred interpreter start-ups would cost a minute and a half); a sample runs
as plain ``python -m program`` too, and must print and exit the same. The builds run once per
session (``outcomes``); the tests look at the recorded outcomes. Defects of the product found
with this corpus are marked ``xfail`` with a reason that starts with "defect:" (strict: a fixed
defect fails until its mark goes).

``python tests/e2e/test_corpus.py`` prints what the product prints today in the manifest's
format, for reviewing a change of messages before editing expected.txt by hand.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MANIFEST = CORPUS / "expected.txt"
PREVIOUS = b"%PDF-1.4\n% the last good build, which a refused build must leave alone\n"


def read_manifest(path: Path = MANIFEST) -> dict[str, list[str]]:
    """``{file name: [expected stderr lines]}`` from the manifest, in its order."""
    cases: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("== "):
            current = line[3:].strip()
            cases[current] = []
        elif line.strip() and not line.startswith("#"):
            assert current is not None, f"manifest line before the first case: {line!r}"
            cases[current].append(line.replace("{corpus}", str(CORPUS)))
    return cases


EXPECTED = read_manifest()

# Built (exit 0) although they should be refused.
ACCEPTED: dict[str, str] = {}

# Several mistakes, several lines: one row pasted four times makes three rows that overlap
# the first, one error each (linear: 2,000 copies give 1,999 lines, not two million).
PASTED = "three pasted copies are three mistakes, one line each"


def _generated(tmp: Path) -> dict[str, tuple[Path, list[str]]]:
    """Cases made at test time in ``tmp``: name -> (path to build, expected stderr lines)."""
    limit = 20_000_000
    big_yaml = tmp / "huge.yaml"
    with big_yaml.open("w", encoding="utf-8") as fh:
        fh.write("event:\n  title: Huge\ndays:\n")
        line = "# " + "padding " * 12 + "\n"
        fh.write(line * (limit // len(line) + 1))
    big_json = tmp / "huge.json"
    with big_json.open("w", encoding="utf-8") as fh:
        fh.write('{"schedule": {"conference": {"title": "Huge", "days": [], "pad": "')
        fh.write("x" * (limit + 1))
        fh.write('"}}}\n')
    big_csv = tmp / "huge.csv"
    with big_csv.open("w", encoding="utf-8") as fh:
        row = "2024-05-06,09:00,09:30,Opening\n"
        fh.write("Date,Start,End,Title\n" + row * (limit // len(row) + 1))
    (tmp / "folder.yaml").mkdir()
    out = {}
    for path in (big_yaml, big_json, big_csv):
        size = path.stat().st_size
        message = f"{path.name}: error: file is {size:,} bytes; the limit is {limit:,}"
        out[path.name] = (path, [message])
    out["missing.yaml"] = (tmp / "missing.yaml", ["missing.yaml: error: no such file"])
    out["folder.yaml"] = (tmp / "folder.yaml",
                          ["folder.yaml: error: is a directory, not a schedule file"])
    return out | _not_files(tmp) | _bad_logos(tmp)


def _not_files(tmp: Path) -> dict[str, tuple[Path, list[str]]]:
    """Schedules that are not regular files: one line at once, never a hang or a read of
    /dev/zero until memory runs out."""
    os.mkfifo(tmp / "fifo.yaml")
    (tmp / "zero.yaml").symlink_to("/dev/zero")
    (tmp / "loop.yaml").symlink_to("loop.yaml")
    (tmp / "dangling.yaml").symlink_to("nowhere.yaml")
    messages = {"fifo.yaml": "is a named pipe (FIFO), not a schedule file",
                "zero.yaml": "is a character device, not a schedule file",
                "loop.yaml": "is a symlink loop (the link leads back to itself)",
                "dangling.yaml": "is a symlink to 'nowhere.yaml', which does not exist"}
    return {name: (tmp / name, [f"{name}: error: {message}"]) for name, message in messages.items()}


def _bad_logos(tmp: Path) -> dict[str, tuple[Path, list[str]]]:
    """Logos that cannot be decoded to the end, or are not files: refused by the checks, at
    the theme's line."""
    import io

    from PIL import Image

    noise = Image.frombytes("RGB", (64, 64), bytes(range(256)) * 48)
    for fmt, name in (("PNG", "cut.png"), ("JPEG", "cut.jpg")):
        buf = io.BytesIO()
        noise.save(buf, fmt)
        (tmp / name).write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    (tmp / "logo.eps").write_bytes(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"
                                   b"newpath 0 0 moveto 10 10 lineto stroke\n%%EOF\n")
    (tmp / "logos").mkdir()
    damaged = "is damaged or cut short: its image cannot be decoded to the end"
    cases = {"logo-cut-png.yaml": ("cut.png", damaged), "logo-cut-jpeg.yaml": ("cut.jpg", damaged),
             "logo-eps.yaml": ("logo.eps", "is PostScript (EPS), which would need Ghostscript; "
                                           "use a PNG or JPEG"),
             "logo-folder.yaml": ("logos", "is a directory, not an image"),
             "logo-device.yaml": ("/dev/zero", "is a character device, not an image")}
    out = {}
    for name, (logo, message) in cases.items():
        (tmp / name).write_text("event: {title: Logo}\ndays:\n  - date: 2024-05-06\n    items:\n"
                                "      - {time: 9:00-9:30, title: Opening}\n"
                                f"theme:\n  logo: {logo}\n", encoding="utf-8")
        out[name] = (tmp / name, [f"{name}:7:3: error: logo file {logo!r} {message}"])
    return out


GENERATED = ("huge.yaml", "huge.json", "huge.csv", "missing.yaml", "folder.yaml", "fifo.yaml",
             "zero.yaml", "loop.yaml", "dangling.yaml", "logo-cut-png.yaml", "logo-cut-jpeg.yaml",
             "logo-eps.yaml", "logo-folder.yaml", "logo-device.yaml")


@dataclass(frozen=True)
class Outcome:
    """What one ``program build`` did: exit status, output, and the output folder after it."""

    expected: list[str]
    returncode: int
    stdout: str
    stderr: str
    before: dict[str, bytes]
    after: dict[str, bytes]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: (p.read_bytes() if p.is_file() else b"<dir>") for p in sorted(folder.iterdir())}


def _prepare(path: Path, out: Path) -> dict[str, bytes]:
    """An output folder holding a previous build of ``path``; returns its snapshot."""
    out.mkdir(parents=True)
    (out / f"{path.stem}-booklet.pdf").write_bytes(PREVIOUS)
    (out / f"{path.stem}.ics").write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    return _snapshot(out)


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}


def run_program(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """``python -m program ARGS`` in a new interpreter: (exit status, stdout, stderr)."""
    proc = subprocess.run([sys.executable, "-m", "program", *args], cwd=cwd,
                          capture_output=True, text=True, env=_env(), timeout=300,
                          check=False)
    return proc.returncode, proc.stdout, proc.stderr


def _drive(jobs: list[dict]) -> None:
    """The driver (``python tests/e2e/test_corpus.py --drive`` with jobs as JSON on stdin): import
    the program once, then run ``python -m program ARGS`` for each job in a forked child with
    its own argv, working directory, stdout/stderr files and exit status, so that a hundred
    cases cost one interpreter start-up instead of a hundred. Prints one exit status a line.
    """
    import runpy
    import traceback

    import icalendar  # noqa: F401  (the .ics reader imports it on first use)

    import program.build
    import program.cli
    import program.export_ics
    import program.impose
    import program.render.booklet
    import program.render.cards
    import program.render.handout  # noqa: F401

    for job in jobs:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: behave like `python -m program ARGS`
            code = 1
            try:
                os.chdir(job["cwd"])
                for fd, name in ((1, "stdout"), (2, "stderr")):
                    target = os.open(job[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                    os.dup2(target, fd)
                    os.close(target)
                sys.argv = ["program", *job["args"]]
                try:
                    runpy.run_module("program", run_name="__main__", alter_sys=True)
                    code = 0
                except SystemExit as exc:
                    code = exc.code if isinstance(exc.code, int) else (exc.code is not None)
                    if exc.code is not None and not isinstance(exc.code, int):
                        print(exc.code, file=sys.stderr)
                except BaseException:  # noqa: BLE001 - print it as the interpreter would
                    traceback.print_exc()
                    code = 1
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(status), flush=True)


def run_many(jobs: list[tuple[list[str], Path]], folder: Path) -> list[tuple[int, str, str]]:
    """(exit status, stdout, stderr) of ``python -m program ARGS`` run in ``cwd`` for each
    ``(ARGS, cwd)``, through one driver process (see :func:`_drive`)."""
    import json

    specs = [{"args": args, "cwd": str(cwd), "stdout": str(folder / f"{i}.out"),
              "stderr": str(folder / f"{i}.err")} for i, (args, cwd) in enumerate(jobs)]
    proc = subprocess.run([sys.executable, __file__, "--drive"], input=json.dumps(specs),
                          capture_output=True, text=True, env=_env(), timeout=1200,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    codes = [int(line) for line in proc.stdout.split()]
    assert len(codes) == len(specs), proc.stderr
    return [(code, Path(s["stdout"]).read_text(encoding="utf-8"),
             Path(s["stderr"]).read_text(encoding="utf-8")) for code, s in zip(codes, specs)]


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory) -> dict[str, Outcome]:
    """Every case built once (``program build FILE -o OUT``), its output folder checked."""
    base = tmp_path_factory.mktemp("corpus")
    gen = base / "generated"
    gen.mkdir()
    cases = [(name, CORPUS / name, CORPUS, lines) for name, lines in EXPECTED.items()]
    cases += [(name, path, gen, lines) for name, (path, lines) in _generated(gen).items()]
    befores = {name: _prepare(path, base / "out" / name) for name, path, _, _ in cases}
    logs = base / "logs"
    logs.mkdir()
    results = run_many([(["build", path.name, "-o", str(base / "out" / name)], cwd)
                        for name, path, cwd, _ in cases], logs)
    for name in GENERATED:  # megabytes: do not keep them around
        path = gen / name
        if path.is_file():
            path.unlink()
    return {name: Outcome(lines, code, out, err, befores[name], _snapshot(base / "out" / name))
            for (name, _, _, lines), (code, out, err) in zip(cases, results)}


def _cases(defects: dict[str, str]) -> list:
    names = list(EXPECTED) + list(GENERATED)
    return [pytest.param(n, marks=pytest.mark.xfail(reason=defects[n], strict=True))
            if n in defects else n for n in names]


def test_corpus_is_large_and_complete():
    """Every file of the corpus has a manifest entry, and every format is represented."""
    support = {"expected.txt", "not-an-image.png", "logo-bomb.png"}
    files = {p.name for p in CORPUS.iterdir()} - support
    assert files == set(EXPECTED), "corpus files and expected.txt disagree"
    assert len(EXPECTED) + len(GENERATED) >= 40
    for prefix in ("yaml-", "md-", "xml-", "json-", "ics-", "csv-"):
        assert sum(n.startswith(prefix) for n in EXPECTED) >= 5, prefix
    assert all(EXPECTED.values()), "every case needs at least one expected line"


@pytest.mark.parametrize("name", _cases(ACCEPTED))
def test_refused_with_the_exact_message(name, outcomes):
    o = outcomes[name]
    assert "Traceback" not in o.stderr + o.stdout
    assert o.returncode == 2, o.stderr
    assert o.stderr.splitlines() == o.expected
    assert o.stdout == ""


@pytest.mark.parametrize("name", _cases(ACCEPTED))
def test_nothing_written_and_previous_output_untouched(name, outcomes):
    o = outcomes[name]
    assert o.after == o.before  # same files (no temporaries left), same bytes


def _one_line_defects() -> dict[str, str]:
    defects = dict(ACCEPTED)
    for name, lines in EXPECTED.items():
        if len(lines) > 1 and name not in defects:
            defects[name] = PASTED
    return defects


@pytest.mark.parametrize("name", _cases(_one_line_defects()))
def test_one_line_on_stderr(name, outcomes):
    o = outcomes[name]
    assert o.returncode == 2
    assert len(o.stderr.splitlines()) == 1, o.stderr


def test_the_driver_runs_the_program_as_python_m_does(outcomes, tmp_path):
    """A sample of cases run the plain way, ``python -m program build`` in a new interpreter,
    print and exit exactly as they did through the driver."""
    sample = ["yaml-unknown-item-key.yaml", "md-no-items.md", "xml-xxe.xml",
              "json-truncated.json", "ics-rrule.ics", "csv-open-quote.csv", "yaml-day-without-items.yaml",
              "yaml-logo-missing.yaml"]
    for name in sample:
        out = tmp_path / name
        before = _prepare(CORPUS / name, out)
        code, stdout, stderr = run_program(["build", name, "-o", str(out)], CORPUS)
        o = outcomes[name]
        assert (code, stdout, stderr) == (o.returncode, o.stdout, o.stderr), name
        assert _snapshot(out) == before


if __name__ == "__main__":
    if sys.argv[1:] == ["--drive"]:
        import json

        _drive(json.load(sys.stdin))
        sys.exit(0)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:  # print today's messages as the manifest has them
        names = list(EXPECTED)
        results = run_many([(["build", n, "-o", tmp], CORPUS) for n in names], Path(tmp))
        for name, (code, _, stderr) in zip(names, results):
            print(f"== {name}" + ("" if code == 2 else f"   # exit {code}"))
            sys.stdout.write(stderr.replace(str(CORPUS), "{corpus}"))
