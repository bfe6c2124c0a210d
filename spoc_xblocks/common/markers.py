"""Markers of change: a cheap read that differs whenever rows were added, changed or deleted, for
readers that keep what they computed from those rows (the coach's `cohort_memo`)."""

from __future__ import annotations

from django.db.models import Count, Max


def rows_marker(rows, newest: str) -> tuple:
    """How many rows there are and the greatest `newest` (an id, or a time every write sets), in
    one indexed read."""
    marker = rows.aggregate(rows=Count("pk"), newest=Max(newest))
    return marker["rows"], marker["newest"]
