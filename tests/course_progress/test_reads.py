"""The whole course progress's data: edx-completion's real BlockCompletion rows read in one
query, the LMS's PROBLEM_WEIGHTED_SCORE_CHANGED recorded through our plugin's signals_config, and
the cohort's figures in constant queries."""

from __future__ import annotations

import sys
import types
from datetime import timedelta

import pytest
from django.db import connection
from django.dispatch import Signal
from django.test.utils import CaptureQueriesContext

from spoc_xblocks.course_progress import api
from spoc_xblocks.course_progress.apps import SCORE_SIGNAL
from spoc_xblocks.course_progress.logic.progress import ModuleCount
from spoc_xblocks.course_progress.models import ProblemScore

from .conftest import (
    COURSE,
    INTRO,
    NOW,
    QUIZ,
    RULES_QUIZ,
    RULES_TEXT,
    SECTION_1,
    SECTION_2,
    SUB_1,
    SUB_2,
    UNIT_2,
    VIDEO,
    complete,
)

pytest.importorskip("completion")


def test_completed_blocks_are_edx_completions_of_one(course, learner):
    from completion.models import BlockCompletion
    from django.contrib.auth import get_user_model

    ann, _ = learner("ann")
    complete(ann, INTRO, VIDEO)
    user = get_user_model().objects.get(id=int(ann))
    BlockCompletion.objects.filter(user=user, block_key=VIDEO).update(completion=0.5)
    with CaptureQueriesContext(connection) as queries:
        found = api.completed_blocks(COURSE, [ann])
    assert found == {ann: ({INTRO}, NOW)}
    assert len(queries) == 1


@pytest.fixture
def lms_score_signal(monkeypatch, course):
    """The LMS's grades signal module, with our receivers connected as the LMS connects plugin
    apps' signals_config (edx-django-utils). edx-completion's own receiver is connected too; its
    switch is off here (no waffle tables), so it leaves the signal to ours."""
    from completion import waffle
    from edx_django_utils.plugins import connect_plugin_receivers

    switch = waffle.ENABLE_COMPLETION_TRACKING_SWITCH
    monkeypatch.setattr(switch, "is_enabled", lambda: False)

    module_path, name = SCORE_SIGNAL.rsplit(".", 1)
    signal = Signal()
    parts = module_path.split(".")
    for end in range(1, len(parts) + 1):
        monkeypatch.setitem(sys.modules, ".".join(parts[:end]), types.ModuleType(parts[end - 1]))
    setattr(sys.modules[module_path], name, signal)
    connect_plugin_receivers("lms.djangoapp")
    yield signal


def test_the_lms_score_signal_records_the_latest_weighted_score(lms_score_signal, learner):
    ann, _ = learner("ann")
    sent = {"user_id": int(ann), "course_id": COURSE, "usage_id": QUIZ, "modified": NOW}
    lms_score_signal.send(None, weighted_earned=1, weighted_possible=4, **sent)
    lms_score_signal.send(None, weighted_earned=3, weighted_possible=4, **sent)
    assert api.problem_points(COURSE, [ann]) == {ann: {QUIZ: (3.0, 4.0)}}
    lms_score_signal.send(None, weighted_earned=0, weighted_possible=0, score_deleted=True, **sent)
    assert not ProblemScore.objects.exists()


def test_a_score_of_a_peer_workshop_through_submissions_reaches_the_table(
    lms_score_signal, learner
):
    """Our blocks' scores come the same way: edx-submissions' score, as the LMS turns it into
    PROBLEM_WEIGHTED_SCORE_CHANGED (tests/contract/lms_grade_reader.py)."""
    from tests.contract.lms_grade_reader import read_score_set

    ann, _ = learner("ann")
    change = read_score_set(
        points_possible=100,
        points_earned=80,
        course_id=COURSE,
        item_id=RULES_QUIZ,
        anonymous_user_id="anon-ann",
        created_at=NOW,
    )
    lms_score_signal.send(None, user_id=int(ann), **vars(change))
    assert api.problem_points(COURSE, [ann]) == {ann: {RULES_QUIZ: (80.0, 100.0)}}


def test_the_cohort_progress_counts_every_block_of_the_course_per_module(course, learner):
    ann, anon_ann = learner("ann")
    bob, anon_bob = learner("bob")
    _cy, anon_cy = learner("cy")
    complete(ann, INTRO, VIDEO, QUIZ, RULES_TEXT)
    complete(bob, INTRO)
    api.record_score(COURSE, ann, QUIZ, 1, 2)
    api.record_score(COURSE, bob, QUIZ, 2, 2)
    api.record_score(COURSE, ann, RULES_QUIZ, 3, 4)
    found = api.course_progress(COURSE, [anon_ann, anon_bob, anon_cy], 7, NOW)
    rows = {row.module.key: row for row in found.modules}
    assert (rows[SECTION_1].blocks, rows[SECTION_1].median_done) == (3, 1)
    assert (rows[SECTION_2].blocks, rows[SECTION_2].median_done) == (2, 0)
    assert (rows[SUB_1].average_score, rows[SUB_1].scored) == (75, 2)
    assert (rows[SUB_2].average_score, rows[SUB_2].scored) == (75, 1)
    assert found.learners[anon_ann][SECTION_2] == ModuleCount(1, 2)
    assert found.learners[anon_cy][UNIT_2] == ModuleCount(0, 2)
    assert found.learner_scores[anon_ann][SUB_1] == 50


def test_stalled_learners_stop_in_a_unit_of_a_module(course, learner):
    learners = [learner(name) for name in ("ann", "bob", "cy", "dee")]
    long_ago = NOW - timedelta(days=10)
    complete(learners[0][0], INTRO, at=long_ago)
    complete(learners[1][0], INTRO, VIDEO, at=long_ago)
    complete(learners[2][0], INTRO, at=NOW)  # still active: not stopped
    found = api.course_progress(COURSE, [anon for _user, anon in learners], 7, NOW)
    ((stop, unit, section),) = found.stops
    assert (stop.stopped, stop.percent, unit.name, section.name) == (2, 50, "Calls", "Basics")


@pytest.mark.parametrize("size", [5, 50])
def test_the_cohort_progress_reads_in_constant_queries(course, learner, size):
    learners = [learner(f"l{n}") for n in range(size)]
    for user, _anon in learners:
        complete(user, INTRO)
        api.record_score(COURSE, user, QUIZ, 1, 2)
    with CaptureQueriesContext(connection) as queries:
        api.course_progress(COURSE, [anon for _user, anon in learners], 7, NOW)
    assert len(queries) == 3
