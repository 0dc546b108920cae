"""The last stage: put finished bytes on disk, all of a build's files or none of them.

``write_all(files, inputs, lock)`` commits a build: every file goes to a temporary file beside
its target, is flushed to disk, and only when all are written are they renamed over their
targets, one after another; on any failure the temporaries go and the old files stay. A lock
file in the output folder makes a second build into it wait (then give up with a message).
``write_atomic(path, data)`` is the same for one file. Targets that are streams (a character
device such as ``/dev/stdout``, a FIFO) are written through; a target that is a folder, a
block device or a socket, or a file the build read, is refused. Every problem on the way is a
UserError: one line, exit status 2.
"""
from __future__ import annotations

import errno
import fcntl
import os
import signal
import stat
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from program.errors import UserError
from program.sources.registry import file_kind

LOCK_NAME = ".program.lock"
LOCK_WAIT_SECONDS = 10.0  # a second build into the folder waits this long for the first
_LOCK_POLL = 0.1


def check_folder(folder: Path) -> None:
    """Refuse an output folder that is not one and cannot become one, before any rendering:
    a file, a device, a dangling symlink, or a path under a file."""
    folder = Path(folder)
    try:
        st = folder.stat()
    except FileNotFoundError:
        if folder.is_symlink():
            raise UserError(f"output folder {str(folder)!r} is a symlink to "
                            f"{os.readlink(folder)!r}, which does not exist") from None
        return _check_ancestor(folder)
    except NotADirectoryError:
        return _check_ancestor(folder)
    except OSError as exc:
        raise UserError(f"cannot use output folder {str(folder)!r}: {_reason(exc)}") from None
    if not stat.S_ISDIR(st.st_mode):
        raise UserError(f"output folder {str(folder)!r} is "
                        f"{file_kind(st.st_mode) or 'a file'}, not a folder")


def _check_ancestor(folder: Path) -> None:
    """A folder still to be made: the nearest existing folder above it must be a folder."""
    parent = next((p for p in folder.parents if os.path.lexists(p)), Path("."))
    if not parent.is_dir():
        kind = file_kind(parent.stat().st_mode) if parent.exists() else "a dangling symlink"
        raise UserError(f"cannot make output folder {str(folder)!r}: {str(parent)!r} is "
                        f"{kind or 'a file'}, not a folder")


def check_target(target: Path, inputs: Mapping[Path, str] = {}) -> bool:  # noqa: B006
    """Whether ``target`` is a stream to write through (True) or a file to replace (False);
    a UserError for a target that is a folder or another special file, or one of the
    ``inputs`` (path -> what it is, e.g. "the schedule"; compared as files, so a symlink or
    a hard link to an input counts as the input)."""
    target = Path(target)
    try:
        st = target.stat()
    except FileNotFoundError:
        return False  # a new file (or a dangling symlink, replaced like any symlink)
    except OSError as exc:
        raise UserError(f"cannot write {target}: {_reason(exc)}") from None
    for path, what in inputs.items():
        if _same(st, path):
            raise UserError(f"refusing to write {target}: it is {what} being read; "
                            f"choose another output")
    if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode) or _is_stream(target):
        return True
    if not stat.S_ISREG(st.st_mode):
        raise UserError(f"cannot write {target}: it is {file_kind(st.st_mode)}, not a file")
    return False


def write_atomic(path: Path, data: bytes, inputs: Mapping[Path, str] = {}) -> None:  # noqa: B006
    """Write ``data`` to ``path``: atomically, or through when it is a stream."""
    write_all([(Path(path), data)], inputs)


def write_all(files: Sequence[tuple[Path, bytes]], inputs: Mapping[Path, str] = {},  # noqa: B006
              lock: Path | None = None, wait: float = LOCK_WAIT_SECONDS,
              stale: Sequence[Path] = ()) -> None:
    """Write every ``(target, data)`` or none: see the module's docstring. ``lock``: the
    folder whose lock is held while the files are renamed into place (and the ``stale``
    files of an older build are removed)."""
    streams = {t for t, _ in files if check_target(t, inputs)}
    made: list[Path] = []  # folders this call made: removed again if nothing is written
    temporaries: list[tuple[str, Path]] = []
    opened: dict[Path, int] = {}
    try:
        for folder in dict.fromkeys(t.parent for t, _ in files if t not in streams):
            made += _make_folder(folder)
        for target in streams:  # opened first: a pipe nobody reads fails before any rename
            opened[target] = _open_stream(target)
        held = _lock(lock, wait) if lock is not None else None
        with _signals_held():  # Ctrl-C or a kill now would strand temporaries or half a set
            try:
                for target, data in files:
                    if target not in streams:
                        temporaries.append((_temporary(target, data), target))
                for tmp, target in temporaries:
                    _commit(tmp, target)
                for old in stale:
                    Path(old).unlink(missing_ok=True)
            finally:
                if held is not None:
                    _unlock(lock, held)
        for target, data in files:  # streams last: what they took cannot be taken back
            if target in streams:
                _write_stream(target, opened.pop(target), data)
    except BaseException:
        for tmp, _ in temporaries:
            try:
                os.unlink(tmp)
            except FileNotFoundError:  # renamed into place
                pass
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:  # not empty: something was written after all
                pass
        raise
    finally:
        for fd in opened.values():
            os.close(fd)


def _make_folder(folder: Path) -> list[Path]:
    """Make ``folder`` and its missing parents; returns those it made, outermost first."""
    check_folder(folder)
    missing = [p for p in (folder, *folder.parents) if not os.path.lexists(p)][::-1]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot make output folder {str(folder)!r}: {_reason(exc)}") from None
    return missing


def _temporary(target: Path, data: bytes) -> str:
    """A hidden temporary file beside ``target`` holding ``data``, on disk (fsync)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise UserError(f"cannot write into {target.parent}: {_reason(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except OSError as exc:
        os.unlink(tmp)
        raise UserError(f"cannot write {target}: {_reason(exc)}") from None
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _commit(tmp: str, target: Path) -> None:
    try:
        os.replace(tmp, target)
    except OSError as exc:
        raise UserError(f"cannot write {target}: {_reason(exc)}") from None


def _open_stream(target: Path) -> int:
    """Open a device or pipe for writing (no temporary: it has no folder to rename in)."""
    try:
        # a FIFO nobody reads would block the open for ever: fail at once instead (ENXIO)
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | (os.O_TRUNC if _regular(target) else 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise UserError(f"cannot write {target}: it is a named pipe (FIFO) that nothing "
                            f"reads") from None
        raise UserError(f"cannot write {target}: {_reason(exc)}") from None
    os.set_blocking(fd, True)  # then write all of it, as fast as the reader reads
    return fd


def _write_stream(target: Path, fd: int, data: bytes) -> None:
    """Write ``data`` into the stream ``fd`` (from :func:`_open_stream`) and close it."""
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
    except OSError as exc:
        raise UserError(f"cannot write {target}: {_reason(exc)}") from None


def _lock(folder: Path, wait: float) -> int:
    """Take ``folder/.program.lock`` (fcntl.flock), waiting up to ``wait`` seconds for
    another build; returns the open lock file. The lock dies with its process, so a killed
    build leaves at most an unlocked file, which the next build takes over."""
    path = Path(folder) / LOCK_NAME
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as exc:
            raise UserError(f"cannot write into {folder}: {_reason(exc)}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                raise UserError(f"another build is writing into {folder} (it holds {path}); "
                                f"nothing was written, try again when it is done") from None
            time.sleep(_LOCK_POLL)
            continue
        if _same(os.fstat(fd), path):  # not a file the last holder removed meanwhile
            return fd
        os.close(fd)


def _unlock(folder: Path, fd: int) -> None:
    """Release :func:`_lock`: the file is removed first, so a build waiting on it finds it
    gone and takes a new one (never two holders)."""
    try:
        os.unlink(Path(folder) / LOCK_NAME)
    finally:
        os.close(fd)


_HELD = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP until the block ends (they are delivered then), so the
    files are written and renamed all or not at all. Only the main thread can hold them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _same(st: os.stat_result, path: Path) -> bool:
    try:
        other = os.stat(path)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) == (other.st_dev, other.st_ino)


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _is_stream(path: Path) -> bool:
    """True for ``/dev/stdout`` and the like: a link through ``/proc/*/fd`` or ``/dev/fd``
    names an open stream even when it leads to a regular file, and replacing the link itself
    would replace a system file."""
    hop = str(path)
    for _ in range(40):
        if hop.startswith(("/proc/", "/dev/fd/")):
            return True
        if not os.path.islink(hop):
            return False
        hop = os.path.join(os.path.dirname(hop), os.readlink(hop))
    return False


def _reason(exc: OSError) -> str:
    """An OSError in words (``No space left on device``)."""
    return exc.strerror or errno.errorcode.get(exc.errno or 0, str(exc))
