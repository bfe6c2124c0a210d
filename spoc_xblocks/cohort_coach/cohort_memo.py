"""The cohort as last computed, kept in this process while nothing it was computed from changed.

The trainer's dashboard, its pages, filters and learner details all start from every learner's
at-risk signals; computing them reads every learner's activity, progress and check-ins, which
grows with the cohort. A trainer moving between pages, or two trainers on one course, would
recompute the same thing. Each computation is kept here with a marker of what it read (a few
index-only reads: the newest activity, the newest progress change and how many rows, the check-ins'
count and newest) and reused while the marker is unchanged and the computation is under
`MEMO_SECONDS` old: clock-driven changes (a learner's days of inactivity, a deadline passing) and
the rare changes a marker can miss (a learner's data deleted, writes committing out of order) show
at most that late. What is figured or drawn from the cohort (flags, KPIs, the table's and the heat
map's pages) is kept with it, under keys naming what else it read (`CohortSnapshot.kept`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime, timedelta

MEMO_SECONDS = 60
BLOCKS_KEPT = 16

_memo: OrderedDict[str, tuple[tuple, datetime, object]] = OrderedDict()
_lock = threading.Lock()


def recall(usage_key: str, marker: tuple, now: datetime):
    """What was computed for the block with this marker, under MEMO_SECONDS ago; else None."""
    with _lock:
        kept = _memo.get(usage_key)
        if kept is None:
            return None
        kept_marker, computed_at, computed = kept
        if kept_marker != marker or not computed_at <= now < computed_at + timedelta(
            seconds=MEMO_SECONDS
        ):
            return None
        _memo.move_to_end(usage_key)
        return computed


def keep(usage_key: str, marker: tuple, now: datetime, computed) -> None:
    """Keep a computation for the block (the least recently used block's goes beyond
    BLOCKS_KEPT)."""
    with _lock:
        _memo[usage_key] = (marker, now, computed)
        _memo.move_to_end(usage_key)
        while len(_memo) > BLOCKS_KEPT:
            _memo.popitem(last=False)


def forget_all() -> None:
    """Drop every kept computation (tests whose databases are rolled back between them)."""
    with _lock:
        _memo.clear()
