"""Output safety (issue 11, items 4, 5, 6, 14): a build writes all its products or none,
never writes over a file it read or replaces a device, and every output problem is one line
and exit status 2 (1 for ``--strict``), with the output folder byte-identical (sha256 of
every file) after every refused build.

The command-line cases run through the corpus driver (one interpreter start-up for all);
those that need a full standard output or a file size limit run as their own process.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from program.errors import UserError
from program.output import LOCK_NAME, write_all, write_atomic

from conftest import DATA
from test_corpus import PREVIOUS, run_many, run_program

SMALL = ("event: {title: Safe}\ndays:\n  - date: 2024-05-06\n    items:\n"
         "      - {time: 9:00-9:30, title: Opening, kind: remarks}\n")


def snapshot(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder`` (hidden ones too); folders and special files by
    kind, symlinks by target: what a refused build must leave as it was."""
    out = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            out[key] = "-> " + os.readlink(path)
        elif path.is_file():
            out[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[key] = stat.filemode(path.lstat().st_mode)
    return out


@dataclass
class Case:
    """One command: its arguments, the folder it runs in, what it must print and exit."""

    args: list[str]
    status: int
    stderr: list[str]
    setup: object = None  # (folder) -> None, makes the files the case needs
    folder: Path | None = None
    before: dict = field(default_factory=dict)


def _schedule(d: Path, name: str = "s.yaml", text: str = SMALL) -> None:
    (d / name).write_text(text, encoding="utf-8")


def _previous_build(d: Path, stem: str = "s") -> None:
    """A last good build in ``d/out`` that a refused build must leave alone."""
    (d / "out").mkdir()
    (d / "out" / f"{stem}-booklet.pdf").write_bytes(PREVIOUS)
    (d / "out" / f"{stem}-handout.pdf").write_bytes(PREVIOUS + b"handout\n")
    (d / "out" / f"{stem}.ics").write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")


def _calendar_source(d: Path) -> None:
    _schedule(d)
    subprocess.run([sys.executable, "-m", "program", "export", "ics", "s.yaml", "-o",
                    "talks.ics"], cwd=d, check=True, capture_output=True)
    (d / "s.yaml").unlink()
    (d / "talks-booklet.pdf").write_bytes(PREVIOUS)


def _logo_named_like_a_product(d: Path) -> None:
    _schedule(d, text=SMALL + "theme: {logo: s-handout.pdf}\n")
    from PIL import Image

    Image.new("RGB", (40, 20), "navy").save(d / "s-handout.pdf", "PNG")


def _with(*steps):
    def setup(d: Path) -> None:
        for step in steps:
            step(d)
    return setup


def _file(name: str, content: bytes = b"notes\n"):
    return lambda d: (d / name).write_bytes(content)


def _symlink(name: str, target: str):
    return lambda d: (d / name).symlink_to(target)


def _folder(name: str):
    return lambda d: (d / name).mkdir(parents=True)


def _socket(name: str):
    def make(d: Path) -> None:
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(d / name))
        sock.close()
    return make


CASES = {
    # 5. never over the input or a non-file
    "build over its calendar": Case(
        ["build", "talks.ics", "-o", "."], 2,
        ["program: error: refusing to write talks.ics: it is the schedule being read; "
         "choose another output"], _calendar_source),
    "build over its logo": Case(
        ["build", "s.yaml", "-o", "."], 2,
        ["program: error: refusing to write s-handout.pdf: it is the logo being read; "
         "choose another output"], _logo_named_like_a_product),
    "import over its source": Case(
        ["import", "s.yaml", "-o", "s.yaml"], 2,
        ["program: error: refusing to write s.yaml: it is the schedule being read; "
         "choose another output"], _schedule),
    "export onto a socket": Case(
        ["export", "ics", "s.yaml", "-o", "s.sock"], 2,
        ["program: error: cannot write s.sock: it is a socket, not a file"],
        _with(_schedule, _socket("s.sock"))),
    "export through a link to /dev/null": Case(
        ["export", "ics", "s.yaml", "-o", "null"], 0, ["wrote null"],
        _with(_schedule, _symlink("null", "/dev/null"))),
    "export onto /dev/null": Case(["export", "ics", "s.yaml", "-o", "/dev/null"], 0,
                                  ["wrote /dev/null"], _schedule),
    "export into a FIFO nothing reads": Case(
        ["export", "ics", "s.yaml", "-o", "fifo"], 2,
        ["program: error: cannot write fifo: it is a named pipe (FIFO) that nothing reads"],
        _with(_schedule, lambda d: os.mkfifo(d / "fifo"))),
    "export onto /dev/full": Case(
        ["export", "ics", "s.yaml", "-o", "/dev/full"], 2,
        ["program: error: cannot write /dev/full: No space left on device"], _schedule),
    # 10. (the corpus builds these; check and export read the same way)
    "check a FIFO": Case(["check", "fifo.yaml"], 2,
                         ["fifo.yaml: error: is a named pipe (FIFO), not a schedule file"],
                         lambda d: os.mkfifo(d / "fifo.yaml")),
    "export a FIFO with no extension": Case(
        ["export", "ics", "pipe"], 2, ["pipe: error: is a named pipe (FIFO), not a schedule file"],
        lambda d: os.mkfifo(d / "pipe")),
    # 6. every output-side failure is one line, exit 2
    "build into a file": Case(
        ["build", "s.yaml", "-o", "notes.txt"], 2,
        ["program: error: output folder 'notes.txt' is a file, not a folder"],
        _with(_schedule, _file("notes.txt"))),
    "build into a dangling symlink": Case(
        ["build", "s.yaml", "-o", "gone"], 2,
        ["program: error: output folder 'gone' is a symlink to 'nowhere', which does not exist"],
        _with(_schedule, _symlink("gone", "nowhere"))),
    "build under a file": Case(
        ["build", "s.yaml", "-o", "notes.txt/out"], 2,
        ["program: error: cannot make output folder 'notes.txt/out': 'notes.txt' is a file, "
         "not a folder"], _with(_schedule, _file("notes.txt"))),
    "build into /dev/null": Case(
        ["build", "s.yaml", "-o", "/dev/null"], 2,
        ["program: error: output folder '/dev/null' is a character device, not a folder"],
        _schedule),
    "a product path that is a folder": Case(
        ["build", "s.yaml", "-o", "out"], 2,
        ["program: error: cannot write out/s-handout.pdf: it is a directory, not a file"],
        _with(_schedule, _previous_build, lambda d: (d / "out" / "s-handout.pdf").unlink(),
              _folder("out/s-handout.pdf"))),
    "a product path that is a FIFO nothing reads": Case(
        ["build", "s.yaml", "-o", "out"], 2,
        ["program: error: cannot write out/s.ics: it is a named pipe (FIFO) that nothing reads"],
        _with(_schedule, _previous_build, lambda d: (d / "out" / "s.ics").unlink(),
              lambda d: os.mkfifo(d / "out" / "s.ics"))),
    # 4. every option checked before anything is rendered or written
    "an unreadable --card": Case(
        ["build", "s.yaml", "-o", "out", "--card", "1x1in"], 2,
        ["program: error: card size '1x1in' is outside 40-300 mm on a side"],
        _with(_schedule, _previous_build)),
    "a --card too large for the sheet": Case(
        ["build", "s.yaml", "-o", "out", "--card", "290x290mm"], 2,
        ["program: error: a 290x290 mm card does not fit on the sheet with its crop marks"],
        _with(_schedule, _previous_build)),
}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    """Every case of CASES run once: name -> (case, status, stdout, stderr)."""
    base = tmp_path_factory.mktemp("output-safety")
    for n, case in enumerate(CASES.values()):
        case.folder = base / f"case{n}"
        case.folder.mkdir()
        case.setup(case.folder)
        case.before = snapshot(case.folder)
    logs = base / "logs"
    logs.mkdir()
    results = run_many([(case.args, case.folder) for case in CASES.values()], logs)
    return {name: (case, *result) for (name, case), result in zip(CASES.items(), results)}


@pytest.mark.parametrize("name", list(CASES))
def test_the_exact_line_and_status(name, outcomes):
    case, status, stdout, stderr = outcomes[name]
    assert "Traceback" not in stderr
    assert (status, stderr.splitlines()) == (case.status, case.stderr)
    if status:
        assert stdout == ""


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.status])
def test_a_refused_command_changes_nothing(name, outcomes):
    case = outcomes[name][0]
    assert snapshot(case.folder) == case.before


def test_devices_stay_devices(outcomes):
    """Writing through /dev/null, or a link to it, leaves the device and the link as they were."""
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)
    case = outcomes["export through a link to /dev/null"][0]
    assert os.readlink(case.folder / "null") == "/dev/null"


def test_export_to_dev_stdout_writes_through(tmp_path):
    _schedule(tmp_path)
    status, stdout, stderr = run_program(["export", "ics", "s.yaml", "-o", "/dev/stdout"],
                                         tmp_path)
    assert (status, stderr) == (0, "wrote /dev/stdout\n")
    assert stdout.startswith("BEGIN:VCALENDAR") and "SUMMARY:Opening" in stdout
    assert os.path.islink("/dev/stdout") or not os.path.exists("/dev/stdout")


def test_export_into_a_fifo_writes_through(tmp_path):
    """A FIFO with a reader gets the calendar (the reader here is this test: opened before
    the export runs, read after it)."""
    _schedule(tmp_path)
    os.mkfifo(tmp_path / "fifo")
    reader = os.open(tmp_path / "fifo", os.O_RDONLY | os.O_NONBLOCK)
    try:
        status, _, stderr = run_program(["export", "ics", "s.yaml", "-o", "fifo"], tmp_path)
        data = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert (status, stderr) == (0, "wrote fifo\n")
    assert data.startswith(b"BEGIN:VCALENDAR") and b"SUMMARY:Opening" in data
    assert stat.S_ISFIFO(os.lstat(tmp_path / "fifo").st_mode)


def test_build_to_proc_is_one_line(tmp_path):
    """A folder that cannot be made, even as root (/proc takes no new folders)."""
    _schedule(tmp_path)
    status, stdout, stderr = run_program(["build", "s.yaml", "-o", "/proc/program-out"],
                                         tmp_path)
    assert status == 2 and stdout == ""
    assert len(stderr.splitlines()) == 1
    assert stderr.startswith("program: error: cannot make output folder '/proc/program-out': ")


@pytest.mark.parametrize("args", [["check", "s.yaml"], ["import", "s.yaml"],
                                  ["export", "ics", "s.yaml"], ["export", "yaml", "s.yaml"]])
def test_standard_output_on_a_full_device(tmp_path, args):
    """``program check x > /dev/full``: one line, exit 2 (a closed pipe stays exit 120)."""
    _schedule(tmp_path)
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "program", *args], cwd=tmp_path,
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (
        2, "program: error: cannot write to standard output: No space left on device\n")


def _file_size_limit(limit: int):
    def limit_writes() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # then a write past it fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limit_writes


def test_a_write_that_fails_leaves_the_last_build_whole(tmp_path):
    """A disk that fills up (here: a file size limit that one of the booklet and the
    imposed booklet fits under and the other does not): nothing is replaced, no temporary
    is left, one line, exit 2."""
    _schedule(tmp_path)
    products = ["--products", "booklet,imposed"]
    assert run_program(["build", "s.yaml", "-o", "sizes", *products], tmp_path)[0] == 0
    files = sorted((tmp_path / "sizes" / f"s-{n}.pdf" for n in ("booklet", "booklet-imposed")),
                   key=lambda f: f.stat().st_size)
    limit = (files[0].stat().st_size + files[1].stat().st_size) // 2
    assert files[0].stat().st_size < limit < files[1].stat().st_size
    _previous_build(tmp_path)
    before = snapshot(tmp_path / "out")
    done = subprocess.run([sys.executable, "-m", "program", "build", "s.yaml", "-o", "out",
                           *products], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, preexec_fn=_file_size_limit(limit))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"program: error: cannot write out/{files[1].name}: File too large\n"
    assert snapshot(tmp_path / "out") == before


def test_strict_refuses_on_render_warnings_and_writes_nothing(tmp_path):
    """The example's titles are shortened on the badge cards: warnings of the render, which
    --strict makes fatal (exit 1) before any file is written."""
    out = tmp_path / "out"
    _previous_build(tmp_path, DATA.stem)
    before = snapshot(out)
    plain = tmp_path / "plain"
    runs = run_many([(["build", str(DATA), "-o", str(out), "--products", "cards", "--strict"],
                      tmp_path),
                     (["build", str(DATA), "-o", str(plain), "--products", "cards"], tmp_path)],
                    tmp_path)
    (status, stdout, stderr), (_, _, warnings) = runs
    assert (status, stdout) == (1, "")
    assert "shortened" in warnings  # render warnings, printed by the plain build too
    assert stderr == warnings + "program: --strict: warnings are errors; nothing was written\n"
    assert snapshot(out) == before


def test_help_says_watch_writes_the_booklet_first():
    status, stdout, _ = run_program(["build", "--help"], Path.cwd())
    assert status == 0
    text = " ".join(stdout.split())
    assert "The booklet is written as soon as it is rendered" in text
    assert "without --watch: all or none" in text


# The commit step itself (program.output.write_all)


def test_all_files_or_none(tmp_path):
    """A second file that cannot be written: the first keeps its old bytes."""
    (tmp_path / "a.pdf").write_bytes(b"old a")
    (tmp_path / "b.pdf").mkdir()
    with pytest.raises(UserError, match=r"b.pdf: it is a directory, not a file"):
        write_all([(tmp_path / "a.pdf", b"new a"), (tmp_path / "b.pdf", b"new b")])
    assert snapshot(tmp_path) == {"a.pdf": hashlib.sha256(b"old a").hexdigest(),
                                  "b.pdf": "drwxr-xr-x"}


def test_a_second_build_into_the_folder_is_told_and_writes_nothing(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"old a")
    fd = os.open(tmp_path / LOCK_NAME, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # a first build, committing
    try:
        with pytest.raises(UserError) as info:
            write_all([(tmp_path / "a.pdf", b"new a")], lock=tmp_path, wait=0)
        assert str(info.value) == (f"error: another build is writing into {tmp_path} (it holds "
                                   f"{tmp_path / LOCK_NAME}); nothing was written, try again "
                                   f"when it is done")
        assert (tmp_path / "a.pdf").read_bytes() == b"old a"
        assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK_NAME, "a.pdf"]
    finally:
        os.close(fd)


def test_the_lock_is_not_left_behind(tmp_path):
    """A lock file left by a killed build (no process holds it) does not stop the next
    build, and a build removes its own lock file."""
    (tmp_path / LOCK_NAME).write_bytes(b"")
    write_all([(tmp_path / "a.pdf", b"new a")], lock=tmp_path, wait=0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]
    write_all([(tmp_path / "a.pdf", b"newer a")], lock=tmp_path, wait=0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]
    assert (tmp_path / "a.pdf").read_bytes() == b"newer a"


def test_a_symlinked_product_is_replaced_not_followed(tmp_path):
    """A product path that is a symlink to some other file: the link is replaced, the file
    it pointed at keeps its bytes."""
    (tmp_path / "elsewhere").write_bytes(b"precious")
    (tmp_path / "a.pdf").symlink_to(tmp_path / "elsewhere")
    write_atomic(tmp_path / "a.pdf", b"new a")
    assert (tmp_path / "elsewhere").read_bytes() == b"precious"
    assert not (tmp_path / "a.pdf").is_symlink()
    assert (tmp_path / "a.pdf").read_bytes() == b"new a"


def test_a_folder_made_for_nothing_is_removed(tmp_path):
    """Folders made for the files go again when the files cannot be written after all
    (here: another build holds the lock)."""
    fd = os.open(tmp_path / LOCK_NAME, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(UserError, match="another build is writing"):
            write_all([(tmp_path / "new" / "deeper" / "a.pdf", b"a")], lock=tmp_path, wait=0)
    finally:
        os.close(fd)
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK_NAME]


SIGNALLED = """
import os, signal, sys
from pathlib import Path
from program.output import write_all

class Files(list):
    '''The files to write; the third look at them (the write itself) brings a SIGTERM.'''
    looks = 0
    def __iter__(self):
        Files.looks += 1
        if Files.looks == 3:
            os.kill(os.getpid(), signal.SIGTERM)
        return super().__iter__()

folder = Path(sys.argv[1])
write_all(Files([(folder / "a.pdf", b"new a"), (folder / "b.pdf", b"new b")]), lock=folder)
print("after the write")
"""


def test_a_signal_during_the_write_waits_for_the_whole_set(tmp_path):
    """SIGTERM arriving while the files are written is held until all are renamed: the
    process then dies of it, leaving the new set complete and no temporary or lock file."""
    for name in ("a.pdf", "b.pdf"):
        (tmp_path / name).write_bytes(b"old")
    done = subprocess.run([sys.executable, "-c", SIGNALLED, str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGTERM and done.stdout == "", done.stderr
    assert snapshot(tmp_path) == {"a.pdf": hashlib.sha256(b"new a").hexdigest(),
                                  "b.pdf": hashlib.sha256(b"new b").hexdigest()}


def test_an_immutable_output_folder_is_one_line(tmp_path):
    """An output folder nothing may be written into (immutable with chattr as root, read-only
    otherwise): one line, exit 2, the folder as it was."""
    _schedule(tmp_path)
    _previous_build(tmp_path)
    out = tmp_path / "out"
    before = snapshot(out)
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(out)], capture_output=True, check=False) \
            if shutil.which("chattr") else None
        if made is None or made.returncode:
            pytest.skip("root, and no chattr +i on this file system to make a folder unwritable")
        undo = ["chattr", "-i", str(out)]
    else:
        out.chmod(0o555)
        undo = ["chmod", "755", str(out)]
    try:
        status, stdout, stderr = run_program(["build", "s.yaml", "-o", "out"], tmp_path)
    finally:
        subprocess.run(undo, check=True)
    reason = "Operation not permitted" if os.geteuid() == 0 else "Permission denied"
    assert (status, stdout, stderr) == (2, "", f"program: error: cannot write into out: {reason}\n")
    assert snapshot(out) == before


def test_a_link_to_the_input_is_the_input(tmp_path):
    """Another name for the schedule (a hard link, a symlink) is refused like the name."""
    schedule = tmp_path / "s.yaml"
    _schedule(tmp_path)
    os.link(schedule, tmp_path / "hard.yaml")
    (tmp_path / "soft.yaml").symlink_to("s.yaml")
    for name in ("hard.yaml", "soft.yaml"):
        with pytest.raises(UserError, match=f"refusing to write .*{name}: it is the schedule"):
            write_atomic(tmp_path / name, b"generated", {schedule: "the schedule"})
    assert schedule.read_text(encoding="utf-8") == SMALL
