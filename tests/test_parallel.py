"""program.parallel.Stream: the same items in the same order whichever process makes them,
and nothing lost when the child fails."""
from __future__ import annotations

import os
import time

import pytest

from program.parallel import Stream


def squares(n: int):
    return lambda: ((i, i * i, os.getpid()) for i in range(n))


@pytest.mark.parametrize("jobs", [1, 2])
def test_items_arrive_in_order(jobs):
    items = list(Stream(squares(50), jobs=jobs))
    assert [(i, sq) for i, sq, _ in items] == [(i, i * i) for i in range(50)]
    made_here = {pid for _, _, pid in items} == {os.getpid()}
    assert made_here == (jobs == 1 or not hasattr(os, "fork"))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_child_that_fails_part_way_is_made_up_for():
    parent = os.getpid()

    def produce():
        for i in range(6):
            if i == 3 and os.getpid() != parent:
                os._exit(3)  # the child dies after sending three items
            yield i, os.getpid()

    items = list(Stream(produce, jobs=2))
    assert [i for i, _ in items] == list(range(6))
    assert {pid for i, pid in items if i < 3} != {parent}  # from the child
    assert {pid for i, pid in items if i >= 3} == {parent}  # made here


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_what_the_child_did_not_send_comes_from_here_when_given():
    parent = os.getpid()

    def produce():
        for i in range(6):
            if i == 2 and os.getpid() != parent:
                raise RuntimeError("the child cannot make this one")
            yield i

    items = list(Stream(produce, jobs=2, here=lambda: (-i for i in range(6))))
    assert items == [0, 1, -2, -3, -4, -5]  # the caller's own stand-ins, in their places
    assert list(Stream(produce, jobs=1, here=lambda: iter("abc"))) == ["a", "b", "c"]


def test_a_genuine_error_surfaces_in_the_caller():
    def produce():
        yield 1
        raise ValueError("bad input at line 7")

    with pytest.raises(ValueError, match="line 7"):
        list(Stream(produce, jobs=2))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_an_abandoned_stream_ends_its_child_at_once():
    def produce():
        yield 0
        time.sleep(30)
        yield 1

    stream = Stream(produce, jobs=2)
    first = next(iter(stream))
    started = time.perf_counter()
    del stream
    assert first == 0
    assert time.perf_counter() - started < 5


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no second process without fork")
def test_a_background_child_runs_at_a_lower_priority():
    mine = os.nice(0)
    assert list(Stream(lambda: iter([os.nice(0)]), jobs=2, nice=5)) == [min(mine + 5, 19)]
    assert os.nice(0) == mine  # the caller's own priority is untouched
