"""Markers of change: a cheap read that differs whenever rows were added, changed or deleted, for
readers that keep what they computed from those rows (`process_memo`)."""

from __future__ import annotations

from django.db.models import Count, Max, Sum


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
