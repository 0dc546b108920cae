"""program.memo: bounded memos, and the warm-only ones that --watch turns on."""
from program.memo import Memo, keep_warm, warm


def test_a_full_memo_is_emptied_before_storing():
    memo = Memo(2)
    assert memo.keep("a", 1) == 1 and memo.keep("b", 2) == 2
    memo.keep("c", 3)
    assert memo == {"c": 3}


def test_warm_only_memos_keep_values_only_in_watch():
    memo = Memo(10, warm_only=True)
    assert not warm()
    assert memo.keep("a", 1) == 1 and memo == {}
    keep_warm(True)
    try:
        memo.keep("a", 1)
        assert memo == {"a": 1} and warm()
    finally:
        keep_warm(False)
    assert memo == {} and not warm()


def test_what_is_set_aside_lives_until_let_go_and_only_in_watch():
    import weakref

    from program.memo import let_go, set_aside

    class Document:  # (a weak reference tells when it is freed)
        pass

    cold = Document()
    gone = weakref.ref(cold)
    set_aside(cold)
    del cold
    assert gone() is None  # not kept: no rebuild follows
    keep_warm(True)
    try:
        warm_doc = Document()
        kept = weakref.ref(warm_doc)
        set_aside(warm_doc)
        del warm_doc
        assert kept() is not None  # kept past the build, until its report
        let_go()
        assert kept() is None
    finally:
        keep_warm(False)


def test_a_warm_cache_remembers_only_in_watch():
    from program.memo import warm_cache

    calls = []

    @warm_cache(10)
    def double(x, y=()):
        calls.append(x)
        return (x * 2, y)

    assert double(2, ("a",)) == double(2, ("a",)) == (4, ("a",)) and calls == [2, 2]
    keep_warm(True)
    try:
        assert double(3) == double(3) == (6, ()) and calls == [2, 2, 3]
    finally:
        keep_warm(False)
    assert double(3) == (6, ()) and calls == [2, 2, 3, 3]  # (emptied when watch ends)
