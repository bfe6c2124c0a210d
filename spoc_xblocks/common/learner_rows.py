"""Reads of rows kept per learner, for a whole cohort or for the learners who acted since the last
read (`cohort_coach/cohort_reads.py`)."""

from __future__ import annotations

from django.db.models import QuerySet


def of_learners(rows: QuerySet, learner_ids=None) -> QuerySet:
    """`rows`, only those of `learner_ids` when given (every learner's when None)."""
    return rows if learner_ids is None else rows.filter(learner_id__in=list(learner_ids))
