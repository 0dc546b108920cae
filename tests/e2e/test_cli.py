"""The command line: exit status, one-line messages, no tracebacks."""
import subprocess
import sys

import pytest

from program.cli import main

from conftest import DATA, SEED


def run(*args):
    return subprocess.run([sys.executable, "-m", "program", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_check_data_file_is_clean(capsys):
    assert main(["check", str(DATA)]) == 0
    out = capsys.readouterr().out
    assert "0 error(s), 0 warning(s)" in out


def test_check_strict_warnings_exit_1(write, capsys):
    path = write("event: {title: T}\ndays:\n  - date: 2024-01-01\n    items:\n"
                 "      - {time: 9:00-10:00, title: A talk}\n")
    assert main(["check", str(path)]) == 0
    assert main(["check", "--strict", str(path)]) == 1
    assert f"{path}:5:9: warning: 'A talk' (09:00) has no url" in capsys.readouterr().out


def test_check_errors_exit_2(write, capsys):
    path = write("event: {title: T}\nrooms: [{id: a, name: A}]\ndays:\n  - date: 2024-01-01\n"
                 "    items:\n      - {time: 9:00-10:00, title: A, room: b, url: 'https://example.org'}\n")
    assert main(["check", str(path)]) == 2
    assert f"{path}:6:9: error: 'A' (09:00): room 'b' is not declared" in capsys.readouterr().out


@pytest.mark.parametrize("content", ["", "\x00\x01", "event: [", "- 1\n", "event: {title: T}\n"])
def test_bad_input_one_line_no_traceback(write, content):
    path = write(content)
    result = run("check", path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(path)) and "error:" in lines[0]


def test_missing_file_message():
    result = run("check", "does-not-exist.yaml")
    assert result.returncode == 2
    assert result.stderr.strip() == "does-not-exist.yaml: error: no such file"


def test_import_seed_writes_yaml(tmp_path):
    out = tmp_path / "seed.yaml"
    result = run("import", SEED, "-o", out, "--date", "2019-12-13")
    assert result.returncode == 0, result.stderr
    assert run("check", out).returncode == 0
    assert "date: 2019-12-13" in out.read_text()


def test_help_explains_itself():
    result = run("--help")
    assert result.returncode == 0
    for word in ("check", "import", "build", "exit status"):
        assert word in result.stdout


def test_closed_stdout_is_not_an_error():
    """Started with stdout closed (``>&-``): the check still runs and says nothing more."""
    import os

    done = subprocess.run([sys.executable, "-m", "program", "check", str(DATA)],
                          stderr=subprocess.PIPE, text=True, timeout=120,
                          preexec_fn=lambda: os.close(1))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_a_reader_that_stops_reading_gives_status_120():
    """``program check x | true``: the output cannot be written; as Python reports it."""
    child = subprocess.Popen([sys.executable, "-m", "program", "check", str(DATA)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.close()  # the reader goes away before anything is written
    _, err = child.communicate(timeout=120)
    assert child.returncode == 120
    assert b"Traceback" not in err


def test_a_schedule_given_twice_is_told_as_such_and_nothing_is_written(tmp_path):
    out = tmp_path / "out"
    result = run("build", DATA, DATA, "-o", out)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"program: error: the schedule {str(DATA)!r} is given twice; give it once")
    assert not out.exists()
    other = run("check", DATA, SEED)
    assert other.returncode == 2
    assert "one schedule at a time" in other.stderr.splitlines()[-1]
