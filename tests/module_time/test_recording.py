"""Recording the time per module: one read and one write per event, rows updated in place."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from spoc_xblocks.module_time import api
from spoc_xblocks.module_time.logic.sessions import LAST_EVENT_SECONDS
from spoc_xblocks.module_time.models import ModuleTime

pytestmark = pytest.mark.django_db
COURSE = "course-v1:SPOC+Onboarding+2026"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
VIDEO = "block-v1:SPOC+Onboarding+2026+type@video+block@intro"
GAME = "block-v1:SPOC+Onboarding+2026+type@spoc_serious_game+block@call"


def seconds(learner="7"):
    rows = ModuleTime.objects.filter(course_key=COURSE, learner_key=learner)
    return dict(rows.values_list("module_key", "seconds"))


def at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


def test_time_goes_to_the_module_the_learner_was_in_until_the_next_event():
    api.record_event(COURSE, "7", VIDEO, at(0))
    api.record_event(COURSE, "7", VIDEO, at(2))
    api.record_event(COURSE, "7", GAME, at(5))
    api.record_event(COURSE, "7", GAME, at(15))
    assert seconds() == {VIDEO: 300.0, GAME: 600.0}


def test_a_long_gap_ends_the_session_with_the_bounded_last_event():
    api.record_event(COURSE, "7", VIDEO, at(0))
    api.record_event(COURSE, "7", GAME, at(120))
    api.record_event(COURSE, "7", GAME, at(121))
    assert seconds() == {VIDEO: LAST_EVENT_SECONDS, GAME: 60.0}


def test_a_late_event_adds_nothing_and_moves_no_cursor():
    api.record_event(COURSE, "7", VIDEO, at(10))
    api.record_event(COURSE, "7", GAME, at(5))
    api.record_event(COURSE, "7", VIDEO, at(12))
    assert seconds() == {VIDEO: 120.0}


def test_learners_and_courses_keep_their_own_sessions():
    api.record_event(COURSE, "7", VIDEO, at(0))
    api.record_event(COURSE, "8", GAME, at(1))
    api.record_event("course-v1:Other+X+1", "7", GAME, at(2))
    api.record_event(COURSE, "7", VIDEO, at(3))
    assert seconds("7") == {VIDEO: 180.0}
    assert seconds("8") == {GAME: 0.0}


def test_each_event_costs_one_read_and_one_write():
    api.record_event(COURSE, "7", VIDEO, at(0))
    with CaptureQueriesContext(connection) as queries:
        api.record_event(COURSE, "7", GAME, at(1))
    statements = [query["sql"].split()[0].upper() for query in queries.captured_queries]
    assert statements == ["SELECT", "INSERT"]
    assert ModuleTime.objects.count() == 2


def test_a_cohort_is_read_in_one_query():
    api.record_event(COURSE, "7", VIDEO, at(0))
    api.record_event(COURSE, "7", GAME, at(1))
    with CaptureQueriesContext(connection) as queries:
        found = api.seconds_per_learner(COURSE, ["7", "9"])
    assert found == {"7": {VIDEO: 60.0, GAME: 0.0}, "9": {}}
    assert len(queries.captured_queries) == 1
