"""What a process computed from many rows, kept while a marker of those rows is unchanged.

A marker is a few index-only reads that differ whenever the rows were added, changed or deleted
(`markers`). A computation is reused while its marker is unchanged and it is under `seconds` old:
clock-driven changes and the rare changes a marker can miss show at most that late. Each memo keeps
its `size` most recently used keys; every memo of the process is emptied by `forget_all`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime, timedelta
from typing import NamedTuple

from .collector import collector_paused

_memos: list[ProcessMemo] = []


class Kept(NamedTuple):
    marker: tuple
    computed_at: datetime
    computed: object


class ProcessMemo:
    def __init__(self, seconds: int, size: int):
        self.seconds, self.size = seconds, size
        self._kept: OrderedDict[str, Kept] = OrderedDict()
        self._lock = threading.Lock()
        _memos.append(self)

    def recall(self, key: str, marker: tuple, now: datetime):
        """What was kept under `key` with this marker, under `seconds` ago; else None."""
        kept = self.latest(key, now)
        return kept.computed if kept is not None and kept.marker == marker else None

    def latest(self, key: str, now: datetime) -> Kept | None:
        """What was kept under `key` under `seconds` ago, whatever its marker (for a reader that
        can bring it up to date); else None."""
        with self._lock:
            kept = self._kept.get(key)
            if kept is None:
                return None
            if not kept.computed_at <= now < kept.computed_at + timedelta(seconds=self.seconds):
                return None
            self._kept.move_to_end(key)
            return kept

    def computed(self, key: str, marker: tuple, now: datetime, compute):
        """What was kept under `key` with this marker (None included), else what `compute()`
        makes (with the collector paused: it reads many rows), kept."""
        kept = self.latest(key, now)
        if kept is not None and kept.marker == marker:
            return kept.computed
        with collector_paused():
            found = compute()
        self.keep(key, marker, now, found)
        return found

    def keep(self, key: str, marker: tuple, now: datetime, computed) -> None:
        """Keep a computation (the least recently used key's goes beyond `size`)."""
        with self._lock:
            self._kept[key] = Kept(marker, now, computed)
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)

    def forget(self) -> None:
        with self._lock:
            self._kept.clear()


def forget_all() -> None:
    """Empty every memo of the process (tests whose databases are rolled back between them, a
    seed that writes history back in time)."""
    for memo in _memos:
        memo.forget()
