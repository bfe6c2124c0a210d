"""The backend under the platform's own tracker (the `event-tracking` package): every LMS event
with a course, a user and a block becomes time per module; the rest is ignored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from spoc_xblocks.module_time.backend import ModuleTimeBackend, module_of
from spoc_xblocks.module_time.models import ModuleTime

COURSE = "course-v1:SPOC+Onboarding+2026"
VIDEO = "block-v1:SPOC+Onboarding+2026+type@video+block@intro"
PROBLEM = "block-v1:SPOC+Onboarding+2026+type@problem+block@quiz"


def emit_in_handler(tracker, name, data, usage_key, user_id=7, course=COURSE):
    """As the LMS emits an event published in an XBlock handler (block_render.py)."""
    with tracker.context("module_callback_handler", {"module": {"usage_key": usage_key}}):
        with tracker.context(name, {"course_id": course, "user_id": user_id, "org_id": "SPOC"}):
            tracker.emit(name, data)


def test_platform_and_our_events_count_through_the_tracker(lms_tracker, monkeypatch):
    from eventtracking import tracker as module

    moments = iter(datetime(2026, 3, 2, 9, minute, tzinfo=UTC) for minute in (0, 4, 10))

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return next(moments)

    monkeypatch.setattr(module, "datetime", Clock)
    emit_in_handler(lms_tracker, "play_video", {"id": "intro"}, VIDEO)
    emit_in_handler(lms_tracker, "problem_check", {"grade": 1}, PROBLEM)
    emit_in_handler(lms_tracker, "spoc.pulse.answered", {"answered": 3}, PROBLEM)
    rows = ModuleTime.objects.filter(course_key=COURSE, learner_key="7")
    assert dict(rows.values_list("module_key", "seconds")) == {VIDEO: 240.0, PROBLEM: 360.0}


def test_events_without_a_user_a_course_or_a_block_are_ignored(lms_tracker):
    emit_in_handler(lms_tracker, "play_video", {}, VIDEO, user_id=None)
    emit_in_handler(lms_tracker, "play_video", {}, VIDEO, course="")
    lms_tracker.emit("edx.course.enrollment.activated", {"course_id": COURSE})
    assert not ModuleTime.objects.exists()


def test_a_browser_event_names_its_block_in_its_data():
    event = {"context": {}, "data": {"id": "block-v1:SPOC+X+1+type@sequential+block@s1"}}
    assert module_of(event) == "block-v1:SPOC+X+1+type@sequential+block@s1"
    assert module_of({"context": {}, "data": {"id": "intro"}}) == ""


@pytest.mark.django_db
def test_a_processed_event_with_an_iso_time_is_recorded():
    time = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    backend = ModuleTimeBackend()
    for minutes in (0, 3):
        backend.send(
            {
                "name": "problem_check",
                "time": (time + timedelta(minutes=minutes)).isoformat(),
                "context": {"course_id": COURSE, "user_id": 7, "module": {"usage_key": PROBLEM}},
                "data": {},
            }
        )
    assert ModuleTime.objects.get().seconds == 180.0


def test_our_blocks_events_reach_the_backend_in_the_workbench_and_the_lms(workbench, lms_tracker):
    from tests.engagement.conftest import BEFORE, FULL_ANSWERS, LEVELS_BEFORE, PULSE

    assert workbench.post(PULSE, "answer", "lea", {"answers": FULL_ANSWERS}).status_code == 200
    assert workbench.post(BEFORE, "answer", "lea", {"levels": LEVELS_BEFORE}).status_code == 200
    rows = ModuleTime.objects.filter(learner_key=workbench.user_key("lea"))
    assert set(rows.values_list("module_key", flat=True)) == {
        workbench.usage_id(PULSE),
        workbench.usage_id(BEFORE),
    }
