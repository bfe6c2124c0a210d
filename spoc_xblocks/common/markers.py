"""Markers of change: a cheap read that differs whenever rows were added, changed or deleted, for
readers that keep what they computed from those rows (`process_memo`)."""

from __future__ import annotations

from django.db.models import Count, Max, QuerySet, Sum
from django.utils import timezone


def rows_marker(rows, newest: str) -> tuple:
    """How many rows there are and the greatest `newest` (an id, or a time every write sets), in
    one indexed read."""
    marker = rows.aggregate(rows=Count("pk"), newest=Max(newest))
    return marker["rows"], marker["newest"]


def set_marker(rows) -> tuple:
    """How many rows there are and the sum of their ids, in one indexed read: unlike the newest id,
    it moves when one row leaves the set and an older one comes back (an enrollment made inactive,
    another made active again)."""
    marker = rows.aggregate(rows=Count("pk"), ids=Sum("pk"))
    return marker["rows"], marker["ids"]


class MarkedQuerySet(QuerySet):
    """Rows whose `updated` time (`auto_now`) every write sets, so that `rows_marker(rows,
    "updated")` moves at each: a queryset's `update()`, which skips `auto_now`, sets it too. A
    model takes it as `objects = MarkedQuerySet.as_manager()`."""

    def update(self, **values):
        return super().update(**{"updated": timezone.now(), **values})
