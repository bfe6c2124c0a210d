"""Helpers for the cohort coach's handler tests: the demo block, learners' anonymous ids, moving
rows back in time."""

from __future__ import annotations

from datetime import timedelta

import pytest

COACH = "spoc_cohort_coach.0"
SHORT = "spoc_cohort_coach.1"
ANSWERS = {
    "progress": 40,
    "confidence": 3,
    "mood": "good",
    "blockers": "The rubric",
    "help": "An example",
}


def anonymous(username: str) -> str:
    from tests.sites import anonymous_id

    return anonymous_id(username)


def stored_block(workbench, scenario_id: str = COACH):
    return workbench.stored_block(scenario_id)


def set_fields(workbench, scenario_id: str = COACH, **values):
    workbench.set_fields(scenario_id, **values)


def move_back(learner: str, days: float, usage_key: str | None = None, periods: int | None = None):
    """Move a learner's recorded activity (and, with `usage_key`, their check-ins) `days` back in
    time; the dashboard's kept computation goes, as it would once that time had passed."""
    from django.utils import timezone

    from spoc_xblocks.cohort_coach.models import CheckIn
    from spoc_xblocks.common import process_memo
    from spoc_xblocks.common.models import ActivityRecord

    process_memo.forget_all()

    moment = timezone.now() - timedelta(days=days)
    ActivityRecord.objects.filter(learner_id=anonymous(learner)).update(created=moment)
    if usage_key is not None:
        checkins = CheckIn.objects.filter(usage_key=usage_key, learner_id=anonymous(learner))
        for checkin in checkins:
            checkin.created = moment
            checkin.period -= periods if periods is not None else round(days / 7)
            checkin.save()


@pytest.fixture
def coach(workbench):
    """Post to the demo coach block's handlers as a given user; returns the response."""

    def post(handler: str, student: str, payload=None, scenario_id: str = COACH, **kwargs):
        return workbench.post(scenario_id, handler, student, payload, **kwargs)

    post.usage_id = workbench.usage_id(COACH)
    return post


@pytest.fixture
def checked_in(coach):
    """Alice has posted this period's check-in; returns its id."""
    from spoc_xblocks.cohort_coach.models import CheckIn

    assert coach("post_checkin", "alice", ANSWERS).status_code == 200
    return CheckIn.objects.get(learner_id=anonymous("alice")).id


def read_around_a_minute(workbench, coach, monkeypatch, source, read, act) -> tuple:
    """A trainer's figure that the platform's tables give (`read(block, snapshot)`, computed by
    `source`: a module and a function name), read now, then within the minute after a learner's
    check-in and `act()`, then a minute after the first read: the three results, and how many
    times it had been computed at the second and third reads."""
    from django.utils import timezone

    from spoc_xblocks.cohort_coach import workflow
    from spoc_xblocks.cohort_coach.cohort_memo import MEMO_SECONDS

    module, name = source
    computed = []
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *args: computed.append(1) or real(*args))
    block = workbench.block_for(COACH, "trainer")
    now = timezone.now()
    first = read(block, workflow.read_cohort(block, now))
    coach("post_checkin", "alice", ANSWERS)
    act()
    soon = read(block, workflow.read_cohort(block, now + timedelta(seconds=MEMO_SECONDS - 1)))
    counted = len(computed)
    later = read(block, workflow.read_cohort(block, now + timedelta(seconds=MEMO_SECONDS)))
    return first, soon, later, (counted, len(computed))
