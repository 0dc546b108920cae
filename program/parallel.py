"""Work on the second core: run a pure function in a forked child while the caller goes on.

``Background(fn, *args)`` starts ``fn(*args)`` in a child process (``os.fork``) and returns at
once; ``.result()`` waits for the child and returns the value, sent back pickled through a
pipe. The child shares the parent's memory as it was at the fork (copy-on-write), so nothing
has to be sent to it: fonts, caches and the schedule are already there.

Nothing is lost when the child cannot help: where ``fork`` is missing (Windows), when
``jobs`` is 1, or when the child fails or dies, ``fn(*args)`` is run in the caller instead
(so a genuine error surfaces there, with its usual traceback and message). The value is
therefore the same whichever way it was computed, and so is every byte built from it.
"""
from __future__ import annotations

import os
import pickle
from typing import Any, Callable

#: ``--jobs`` default: use a second process when the machine has a second core.
DEFAULT_JOBS = 2 if (os.cpu_count() or 1) > 1 and hasattr(os, "fork") else 1


class Background:
    """``fn(*args)`` computed in a forked child (or, with ``jobs`` 1, lazily in the caller)."""

    def __init__(self, fn: Callable[..., Any], *args: Any, jobs: int = DEFAULT_JOBS):
        self._fn, self._args = fn, args
        self._pid: int | None = None
        self._fd: int | None = None
        self._done = False
        self._value: Any = None
        if jobs > 1 and hasattr(os, "fork"):
            self._start()

    def _start(self) -> None:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, leave without running the parent's cleanup
            os.close(read_fd)
            status = 0
            try:
                data = pickle.dumps(self._fn(*self._args), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_fd, "wb") as pipe:
                    pipe.write(data)
            except BaseException:  # noqa: BLE001 - the parent recomputes and reports it
                status = 1
            os._exit(status)
        os.close(write_fd)
        self._pid, self._fd = pid, read_fd

    def _collect(self) -> tuple[bool, Any]:
        """Read the child's answer: (True, value), or (False, None) if it failed."""
        assert self._fd is not None and self._pid is not None
        chunks = []
        with os.fdopen(self._fd, "rb") as pipe:
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
        _, status = os.waitpid(self._pid, 0)
        self._fd = self._pid = None
        if status != 0 or not chunks:
            return False, None
        try:
            return True, pickle.loads(b"".join(chunks))
        except Exception:  # noqa: BLE001 - a truncated answer: recompute
            return False, None

    def result(self) -> Any:
        """The value of ``fn(*args)``; waits for the child the first time."""
        if not self._done:
            ok, value = self._collect() if self._pid is not None else (False, None)
            self._value = value if ok else self._fn(*self._args)
            self._done = True
        return self._value

    def __del__(self) -> None:  # a result nobody asked for: do not leave a zombie behind
        if self._pid is not None:
            try:
                if self._fd is not None:
                    os.close(self._fd)
                os.waitpid(self._pid, 0)
            except OSError:
                pass
