"""The cohort's rows brought up to date after learners act are the rows read in full, and reading
them touches only those learners' rows; what rows added or rewritten cannot explain (a row
deleted) has everything read again, and shows at once."""

import random
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from spoc_xblocks.cohort_coach import api, workflow
from spoc_xblocks.cohort_coach.cohort_reads import Marker, brought_up_to_date, read_all
from spoc_xblocks.cohort_coach.models import CheckIn
from spoc_xblocks.common import activity, progress
from spoc_xblocks.common.models import ActivityRecord, BlockProgress

from .cohort_factory import COURSE_KEY, build_cohort, cohort_names
from .conftest import ANSWERS, COACH, anonymous

pytestmark = pytest.mark.django_db

BLOCKS = [("game", "spoc_serious_game"), ("shop", "spoc_peer_workshop"), ("quiz", "spoc_pulse")]
VERBS = ["viewed", "checkin_posted", "review_submitted"]
NAMES = cohort_names(20)
MARKED_READS = [("learner_id", "IN"), ("id", ">"), ("updated", ">=")]  # only the learners who acted


@pytest.fixture
def cohort(workbench, settings):
    """A cohort of 20 built as the dashboard benchmarks build theirs."""
    settings.SPOC_DEV_ROSTER = NAMES
    build_cohort(workbench.usage_id(COACH), settings.SPOC_DEV_ROSTER)
    block = workbench.block_for(COACH, "trainer")
    assert block.course_key == COURSE_KEY
    return block


def _comparable(reads):
    rows = sorted(reads.progress_rows, key=lambda row: (row["learner_id"], row["usage_key"]))
    return (reads.activity, reads.exchanges, rows, reads.checkins, reads.period)


class _Acts:
    """Learners acting at random: check-ins, interactions, progress and deadlines (`deleting`:
    progress rows and check-ins deleted too)."""

    def __init__(self, block, seed: int):
        self.block, self.random = block, random.Random(seed)
        self.learners = [anonymous(name) for name in NAMES] + [
            "newcomer-1",
            "newcomer-2",
        ]
        self.current = workflow.cadence(block).period_of(timezone.now())
        self.taken = set(
            CheckIn.objects.filter(usage_key=block.usage_key).values_list("learner_id", "period")
        )

    def act(self, deleting: bool) -> None:
        kinds = ["checkin", "activity", "progress", "due"]
        kind = self.random.choice(
            kinds + (["forget_progress", "forget_checkin"] if deleting else [])
        )
        getattr(self, kind)(self.random.choice(self.learners))

    def checkin(self, learner: str) -> None:
        period = self.random.randint(self.current - 8, self.current)
        if (learner, period) in self.taken:
            return
        self.taken.add((learner, period))
        answers = {**ANSWERS, "confidence": self.random.randint(1, 5)}
        api.post_checkin(COURSE_KEY, self.block.usage_key, learner, period, answers)

    def activity(self, learner: str) -> None:
        verb = self.random.choice(VERBS)
        activity.record_activity(COURSE_KEY, self.block.usage_key, "x", learner, verb)

    def progress(self, learner: str) -> None:
        usage_key, block_type = self.random.choice(BLOCKS)
        done = self.random.random() < 0.5
        score = self.random.random() if done else None
        progress.record_progress(COURSE_KEY, usage_key, block_type, learner, done=done, score=score)

    def due(self, learner: str) -> None:
        usage_key, block_type = self.random.choice(BLOCKS[:2])
        due = timezone.now() + timedelta(days=self.random.randint(-3, 3))
        others = self.random.sample(self.learners, 3)
        progress.set_due(COURSE_KEY, usage_key, block_type, dict.fromkeys([learner, *others], due))

    def forget_progress(self, learner: str) -> None:
        progress.forget_learner(self.random.choice(BLOCKS)[0], learner)

    def forget_checkin(self, learner: str) -> None:
        CheckIn.objects.filter(usage_key=self.block.usage_key, learner_id=learner).delete()


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("deleting", [False, True])
def test_rows_brought_up_to_date_are_the_rows_read_in_full(cohort, seed, deleting):
    acts = _Acts(cohort, seed)
    ids, periods = (COURSE_KEY, cohort.usage_key), workflow.cadence(cohort)
    now = timezone.now()
    marker = Marker.read(*ids)
    reads = read_all(*ids, periods, now)
    brought = 0
    for _ in range(40):
        for _ in range(acts.random.randint(1, 3)):
            acts.act(deleting)
        later = Marker.read(*ids)
        updated = brought_up_to_date(reads, marker, later, ids, periods, now)
        reads, marker = read_all(*ids, periods, now), later
        if updated is not None:
            brought += 1
            assert _comparable(updated) == _comparable(reads)
    # Without deletions, every change is brought up to date (a batch may change nothing: a
    # check-in of a period already taken is skipped).
    assert brought >= (36 if not deleting else 10)


def test_a_view_after_a_learners_check_in_reads_that_learners_rows_only(cohort, coach):
    workflow.read_cohort(cohort, timezone.now())
    coach("post_checkin", NAMES[3], ANSWERS)
    tables = [model._meta.db_table for model in (ActivityRecord, BlockProgress, CheckIn)]
    with CaptureQueriesContext(connection) as queries:
        snapshot = workflow.read_cohort(cohort, timezone.now())
    row = next(row for row in snapshot.view.rows if row.learner_id == anonymous(NAMES[3]))
    assert row.regularity.posted_current
    quote = connection.ops.quote_name
    reads = [
        query["sql"]
        for query in queries
        if any(f"FROM {quote(table)}" in query["sql"] for table in tables)
        and f"AS {quote('newest')}" not in query["sql"]  # the markers
    ]
    restricted = [f"{quote(column)} {test}" for column, test in MARKED_READS]
    assert reads and all(any(part in sql for part in restricted) for sql in reads), reads


def test_a_deleted_progress_row_or_check_in_shows_at_once(cohort):
    learner = anonymous(NAMES[1])
    before = workflow.read_cohort(cohort, timezone.now())
    progress.forget_learner("game", learner)
    CheckIn.objects.filter(usage_key=cohort.usage_key, learner_id=learner).delete()
    after = workflow.read_cohort(cohort, timezone.now())

    def row(snapshot):
        return next(row for row in snapshot.view.rows if row.learner_id == learner)

    assert row(after).blocks_done == row(before).blocks_done - 1
    assert row(before).regularity.posted and not row(after).regularity.posted
