"""Work on the second core: a pure generator run in a forked child while the caller goes on.

``Stream(produce, jobs=2)`` starts ``produce()`` in a child process (``os.fork``) and returns
at once; iterating over the stream yields the generator's items in order, each sent back
pickled through a pipe as soon as the child has made it, so the caller can use the first
items while the child works on the rest. A reader thread in the caller drains the pipe as
items come (a pipe holds only 64 KB: the child would otherwise wait for the caller to ask).
The child shares the parent's memory as it was at the fork (copy-on-write): fonts, caches
and the schedule are already there, nothing is sent to it.

Nothing is lost when the child cannot help: where ``fork`` is missing (Windows), when
``jobs`` is 1, or when the child fails or dies part-way, the items not received are made
by ``produce()`` in the caller instead (a genuine error then surfaces there, with its usual
traceback and message), or by ``here()`` when the caller makes them its own way (the
booklet's pages, drawn on the caller's canvas). The items are the same whichever way they
were made, and so is every byte built from them.
"""
from __future__ import annotations

import os
import pickle
import queue
import signal
import struct
import threading
from typing import Any, Callable, Iterable, Iterator

#: ``--jobs`` default: use a second process when the machine has a second core.
DEFAULT_JOBS = 2 if (os.cpu_count() or 1) > 1 and hasattr(os, "fork") else 1

_LENGTH = struct.Struct("<Q")  # each item: its pickled length + 1, then the pickle; 0 ends
_END = object()  # in the queue: the child sent every item


class Stream:
    """The items of ``produce()``, made in a forked child (or, with ``jobs`` 1, in the caller
    as they are asked for). Iterate once."""

    def __init__(self, produce: Callable[[], Iterable[Any]], jobs: int = DEFAULT_JOBS,
                 nice: int = 0, here: Callable[[], Iterable[Any]] | None = None):
        """``nice``: how much lower the child's CPU priority is (``os.nice``): a child doing
        background work takes the cores only when the caller and other work leave them
        idle. ``here``: what stands in the caller for the items the child did not send (the
        same number of items; default: ``produce()``'s own)."""
        self._produce = produce
        self._here = here or produce
        self._nice = nice
        self._pid: int | None = None
        self._reader: threading.Thread | None = None
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._complete = False
        if jobs > 1 and hasattr(os, "fork"):
            self._start()

    def _start(self) -> None:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: make, send, leave without running the parent's cleanup
            os.close(read_fd)
            status = 0
            try:
                if self._nice:
                    os.nice(self._nice)
                with os.fdopen(write_fd, "wb") as pipe:
                    for item in self._produce():
                        data = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
                        pipe.write(_LENGTH.pack(len(data) + 1))
                        pipe.write(data)
                        pipe.flush()
                    pipe.write(_LENGTH.pack(0))  # the end: every item was sent
            except BaseException:  # noqa: BLE001 - the parent makes the rest and reports it
                status = 1
            os._exit(status)
        os.close(write_fd)
        self._pid = pid
        self._reader = threading.Thread(target=self._read_all, args=(read_fd,), daemon=True)
        self._reader.start()

    def _read_all(self, read_fd: int) -> None:
        """(A thread.) Move the child's items from the pipe into ``self._queue`` as they come,
        so that the child never waits for the caller to ask (a pipe holds only 64 KB); then
        ``_END`` if it sent them all, else None."""
        with os.fdopen(read_fd, "rb") as pipe:
            while True:
                head = pipe.read(_LENGTH.size)
                if len(head) < _LENGTH.size:
                    break
                (length,) = _LENGTH.unpack(head)
                if length == 0:
                    self._queue.put(_END)
                    return
                data = pipe.read(length - 1)
                if len(data) < length - 1:
                    break
                self._queue.put(data)
        self._queue.put(None)

    def _received(self) -> Iterator[Any]:
        """Items as the child sends them, until it stops; ``self._complete`` tells whether
        it sent them all."""
        while True:
            data = self._queue.get()
            if data is None:
                return
            if data is _END:
                self._complete = True
                return
            try:
                item = pickle.loads(data)
            except Exception:  # noqa: BLE001 - a damaged item: make it and the rest here
                return
            yield item

    def _finish(self, stop: bool = False) -> None:
        """Reap the child (``stop``: end it first, its work unwanted) and its reader."""
        if self._pid is not None:
            try:
                if stop:
                    os.kill(self._pid, signal.SIGTERM)
                os.waitpid(self._pid, 0)
            except OSError:
                pass
            self._pid = None
        if self._reader is not None:
            self._reader.join()
            self._reader = None

    def __iter__(self) -> Iterator[Any]:
        count = 0
        if self._pid is not None:
            try:
                for item in self._received():
                    count += 1
                    yield item
            finally:
                self._finish(stop=not self._complete)
            if self._complete:
                return
        for index, item in enumerate(self._here()):  # what the child did not send
            if index >= count:
                yield item

    def __del__(self) -> None:  # items nobody asked for: end the child, leave no zombie
        self._finish(stop=True)
