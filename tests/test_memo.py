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
