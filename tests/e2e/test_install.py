"""The package installs from a wheel and builds from another directory, as a user gets it.

The wheel is built from a copy of what ships (pyproject.toml, README.md, program/, fonts/)
without build isolation (setuptools comes with the test extra: nothing is downloaded), then
installed with ``pip install --no-deps --target`` (the dependencies are those of the test
venv) and run from a scratch directory through its ``program`` script. Broken installations
(a font file missing or damaged) are one line and exit status 2, never a traceback.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT / "data" / "mlsys-2019.yaml"


def _pip(*args: str, cwd: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input",
                    *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the shipped sources."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for name in ("program", "fonts"):
        shutil.copytree(ROOT / name, src / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    dist = tmp_path_factory.mktemp("dist")
    _pip("wheel", "--no-deps", "--no-build-isolation", "--no-index", "--wheel-dir", str(dist),
         str(src), cwd=src)
    (found,) = dist.glob("program-*.whl")
    return found


@pytest.fixture()
def installed(wheel, tmp_path) -> Path:
    """The wheel installed into a fresh target directory (its own copy per test)."""
    target = tmp_path / "site"
    _pip("install", "--no-deps", "--no-index", "--target", str(target), str(wheel),
         cwd=tmp_path)
    return target


def _program(target: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run the installed ``program`` script with only the install on the path first."""
    env = dict(os.environ, PYTHONPATH=str(target), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([str(target / "bin" / "program"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_wheel_ships_every_module_fonts_catalogues_and_schema_but_no_tools(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "program").rglob("*.py")}
    assert modules <= names, sorted(modules - names)
    fonts = {f"program/fontfiles/{p.name}" for p in (ROOT / "fonts").iterdir() if p.is_file()}
    assert fonts <= names, sorted(fonts - names)
    assert "program/schedule.schema.json" in names
    catalogues = {p.relative_to(ROOT).as_posix() for p in (ROOT / "program" / "locale").iterdir()}
    assert catalogues and catalogues <= names, sorted(catalogues - names)
    assert not [n for n in names if n.split("/")[0] in ("bench", "tests", "data")]


def test_installed_program_builds_from_another_directory(installed, tmp_path):
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(SEED, work / SEED.name)
    where = subprocess.run([sys.executable, "-c", "import program; print(program.__file__)"],
                           cwd=work, env=dict(os.environ, PYTHONPATH=str(installed)),
                           capture_output=True, text=True, check=True).stdout
    assert Path(where.strip()).is_relative_to(installed)  # not the checkout
    assert _program(installed, "--help", cwd=work).returncode == 0
    done = _program(installed, "build", SEED.name, "-o", "out", cwd=work)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    stem = SEED.stem
    for suffix in ("-booklet.pdf", "-booklet-imposed.pdf", "-handout.pdf", "-cards.pdf", ".ics"):
        assert (work / "out" / f"{stem}{suffix}").stat().st_size > 0
    from pdftools import page_texts  # the bundled fonts really were used

    text = "\n".join(page_texts(work / "out" / f"{stem}-booklet.pdf"))
    assert "Machine Learning Reproducibility" in text
    # the catalogues came with it: a German build prints German words
    done = _program(installed, "build", SEED.name, "-o", "de", "--language", "de",
                    "--products", "booklet", cwd=work)
    assert done.returncode == 0, done.stderr
    assert "Inhalt" in "\n".join(page_texts(work / "de" / f"{stem}-booklet.pdf"))


@pytest.mark.parametrize("damage", ["missing", "truncated"])
def test_a_broken_font_file_is_one_line(installed, tmp_path, damage):
    font = installed / "program" / "fontfiles" / "NotoSans-Bold.ttf"
    if damage == "missing":
        font.unlink()
    else:
        font.write_bytes(font.read_bytes()[:200])
    shutil.copy(SEED, tmp_path / SEED.name)
    done = _program(installed, "build", SEED.name, "-o", "out", cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "NotoSans-Bold.ttf" in lines[0] and "reinstall" in lines[0]
    assert not (tmp_path / "out" / f"{SEED.stem}-booklet.pdf").exists()
