"""The trainer's picture of the cohort, read in a fixed number of queries whatever its size.

Roster (the `enrollments` service, else everyone who has interacted), activity, exchanges and progress
across the SPOC blocks (common reads, one query each), this block's check-ins (two queries), then
the flags: learners newly at risk get one, in one write, and the latest flags are read back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from spoc_xblocks.common import activity as activity_log
from spoc_xblocks.common import progress as progress_log
from spoc_xblocks.common.keys import course_key_for, usage_key_for
from spoc_xblocks.common.roster import course_roster, usernames_of

from . import api
from .logic.cohort import EXCHANGE_VERBS, TREND_LENGTH, CohortInputs, CohortView, cohort_view
from .logic.followup import RESOLVED, needs_new_flag


@dataclass(frozen=True)
class CohortSnapshot:
    view: CohortView
    usernames: dict[
        str, str
    ]  # from the roster; empty when there is none (names are then looked up per page)
    activity: dict
    exchanges: dict
    progress_rows: list[dict]
    flags: dict[str, dict]
    now: datetime

    @property
    def learner_ids(self) -> list[str]:
        return [row.learner_id for row in self.view.rows]


def _stored(reasons) -> list[dict]:
    return [{"code": reason.code, "params": reason.params} for reason in reasons]


def sync_flags(course_key: str, usage_key: str, view: CohortView) -> dict[str, dict]:
    """Open a flag for each learner newly at risk, add new reasons to open flags; the latest flag per learner."""
    latest = api.latest_flags(usage_key)
    new, widened = {}, {}
    for row in view.rows:
        codes = {reason.code for reason in row.reasons}
        flag = latest.get(row.learner_id)
        if needs_new_flag(codes, flag):
            new[row.learner_id] = ((flag["round"] + 1) if flag else 1, _stored(row.reasons))
        elif flag and flag["status"] != RESOLVED and codes - set(flag["reason_codes"]):
            added = [
                reason
                for reason in _stored(row.reasons)
                if reason["code"] not in flag["reason_codes"]
            ]
            widened[flag["id"]] = flag["reasons"] + added
    if api.save_flags(course_key, usage_key, new, widened):
        latest = api.latest_flags(usage_key)
    return latest


def read_cohort(block, now: datetime) -> CohortSnapshot:
    course_key, usage_key = course_key_for(block), usage_key_for(block)
    activity = activity_log.cohort_activity(course_key)
    exchanges = activity_log.verb_counts(course_key, EXCHANGE_VERBS)
    progress_rows = progress_log.cohort_progress(course_key)
    cadence = block.cadence()
    current = cadence.period_of(now)
    checkins = api.cohort_checkins(
        usage_key, 0 if cadence.starts_at_anchor else None, current - TREND_LENGTH + 1
    )
    roster = course_roster(block)
    if roster is None:
        learner_ids = sorted(
            set(activity) | {row["learner_id"] for row in progress_rows} | set(checkins)
        )
        usernames = {}
    else:
        learner_ids = [learner.anonymous_id for learner in roster]
        usernames = usernames_of(roster)
    view = cohort_view(
        CohortInputs(
            learner_ids=learner_ids,
            activity=activity,
            exchanges=exchanges,
            progress_rows=progress_rows,
            checkins=checkins,
            cadence=cadence,
            now=now,
        ),
        block.thresholds(),
    )
    flags = sync_flags(course_key, usage_key, view)
    return CohortSnapshot(
        view=view,
        usernames=usernames,
        activity=activity,
        exchanges=exchanges,
        progress_rows=progress_rows,
        flags=flags,
        now=now,
    )
