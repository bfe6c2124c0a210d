"""A process memo gives back what it kept while the marker is unchanged and for its seconds only;
`latest` gives the last computation whatever its marker, for a reader that brings it up to date."""

import gc
from datetime import timedelta

from django.utils import timezone

from spoc_xblocks.common.process_memo import ProcessMemo


def test_a_computation_is_kept_while_its_marker_holds_and_for_its_seconds(collector_state):
    memo, now, made = ProcessMemo(60, 4), timezone.now(), []

    def compute():
        made.append(gc.isenabled())
        return {"figures": len(made)}

    gc.enable()
    first = memo.computed("block", ("marker", 1), now, compute)
    assert memo.computed("block", ("marker", 1), now + timedelta(seconds=59), compute) is first
    assert memo.computed("block", ("marker", 2), now, compute) == {"figures": 2}
    assert (
        memo.computed("block", ("marker", 2), now + timedelta(seconds=60), compute)["figures"] == 3
    )
    assert made == [False, False, False] and gc.isenabled()


def test_the_latest_computation_comes_back_whatever_its_marker_until_it_is_too_old():
    memo, now = ProcessMemo(60, 4), timezone.now()
    memo.keep("block", ("marker", 1), now, "rows")
    assert memo.latest("block", now + timedelta(seconds=30)) == (("marker", 1), now, "rows")
    assert memo.recall("block", ("marker", 2), now) is None
    assert memo.latest("block", now + timedelta(seconds=60)) is None
    assert memo.latest("another block", now) is None


def test_a_computation_that_found_nothing_is_kept_too():
    memo, now, made = ProcessMemo(60, 4), timezone.now(), []
    for _ in range(2):
        assert memo.computed("course", ("reader",), now, lambda: made.append(1)) is None
    assert made == [1]
