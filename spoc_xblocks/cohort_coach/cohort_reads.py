"""The rows the trainer's picture of the cohort is computed from: read in full, or brought up to
date from those read before.

In full, whatever the cohort's size: activity, exchanges and progress across the SPOC blocks (one
query each) and this block's check-ins (three). After learners act, the rows read before are
brought up to date instead: the markers the cohort memo compares (`Marker`) tell which learners
have rows added or rewritten since, and only those learners' rows are read again, so a trainer's
view right after a learner acts does not read every learner's rows. What rows added or rewritten
cannot explain (a row deleted, a change the markers cannot place) has everything read again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from spoc_xblocks.common import activity as activity_log
from spoc_xblocks.common import progress as progress_log

from . import api
from .logic.cohort import EXCHANGE_VERBS, TREND_LENGTH, CheckinSummary
from .logic.periods import Cadence


@dataclass(frozen=True)
class Marker:
    """A few index-only reads that differ whenever a learner's rows were added or changed."""

    activity: int | None  # the newest interaction's id
    progress: tuple  # how many progress rows, and the newest change
    checkins: tuple  # how many check-ins, and the newest one's id

    @classmethod
    def read(cls, course_key: str, usage_key: str) -> Marker:
        return cls(
            activity_log.changes_marker(course_key),
            progress_log.changes_marker(course_key),
            api.checkins_marker(usage_key),
        )


@dataclass(frozen=True)
class CohortReads:
    activity: dict[str, dict]
    exchanges: dict[str, dict[str, int]]
    progress_rows: list[dict]
    checkins: dict[str, CheckinSummary]
    period: int  # the check-in period they were read in (it sets which check-ins count)


def read_all(
    course_key: str, usage_key: str, periods: Cadence, now: datetime, learner_ids=None
) -> CohortReads:
    """Every learner's rows (or those of `learner_ids`)."""
    current = periods.period_of(now)
    return CohortReads(
        activity=activity_log.cohort_activity(course_key, learner_ids),
        exchanges=activity_log.verb_counts(course_key, EXCHANGE_VERBS, learner_ids),
        progress_rows=progress_log.cohort_progress(course_key, learner_ids),
        checkins=api.cohort_checkins(
            usage_key,
            0 if periods.starts_at_anchor else None,
            current - TREND_LENGTH + 1,
            learner_ids,
        ),
        period=current,
    )


def brought_up_to_date(
    reads: CohortReads,
    read_at: Marker,
    marker: Marker,
    ids: tuple[str, str],
    periods: Cadence,
    now: datetime,
) -> CohortReads | None:
    """`reads`, made when the markers were `read_at`, with the rows of every learner who acted
    since read again (`ids`: the course's and the block's keys); None when that cannot be told and
    everything must be read."""
    course_key, usage_key = ids
    if periods.period_of(now) != reads.period:
        return None
    learners = _acted_since(read_at, marker, ids)
    if learners is None:
        return None
    fresh = read_all(course_key, usage_key, periods, now, learners)
    progress_rows = [
        row for row in reads.progress_rows if row["learner_id"] not in learners
    ] + fresh.progress_rows
    if len(progress_rows) != marker.progress[0]:  # a row deleted, or written since the marker
        return None
    return CohortReads(
        activity=_replaced(reads.activity, fresh.activity, learners),
        exchanges=_replaced(reads.exchanges, fresh.exchanges, learners),
        progress_rows=progress_rows,
        checkins=_replaced(reads.checkins, fresh.checkins, learners),
        period=reads.period,
    )


def _acted_since(read_at: Marker, marker: Marker, ids: tuple[str, str]) -> set[str] | None:
    """The learners with rows added or rewritten between two markers; None when the markers'
    difference is not only that."""
    course_key, usage_key = ids
    learners = set()
    if marker.activity != read_at.activity:
        if marker.activity is None or (read_at.activity or 0) > marker.activity:
            return None
        learners |= activity_log.learners_since(course_key, read_at.activity or 0)
    if marker.checkins != read_at.checkins:
        added = api.checkins_since(usage_key, read_at.checkins[1] or 0)
        if marker.checkins[0] != read_at.checkins[0] + len(added):
            return None
        learners.update(added)
    if marker.progress != read_at.progress:
        if read_at.progress[1] is None:
            return None
        learners |= progress_log.learners_changed_since(course_key, read_at.progress[1])
    return learners or None


def _replaced(kept: dict, fresh: dict, learners: set[str]) -> dict:
    """`kept` with the entries of `learners` taken from `fresh` (gone where `fresh` has none)."""
    return {learner: value for learner, value in kept.items() if learner not in learners} | fresh
