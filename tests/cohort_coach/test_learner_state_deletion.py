""" "Delete learner state" on a cohort coach: the learner's check-ins, threads, goals, flags, nudges
and bookings go (and only theirs), their slot is free again, they check in afresh, the dashboard no
longer counts them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from spoc_xblocks.cohort_coach import api
from spoc_xblocks.cohort_coach.models import (
    Booking,
    CheckIn,
    Flag,
    FlagNote,
    Goal,
    Message,
    Nudge,
    Slot,
)
from spoc_xblocks.common.models import ActivityRecord, BlockProgress

from .conftest import ANSWERS, COACH, anonymous, move_back

pytestmark = pytest.mark.django_db
NUDGE = "Any news of your rubric?"


def ok(coach, handler, student, payload):
    response = coach(handler, student, payload)
    assert response.status_code == 200, (handler, response.content)
    return response.json()


def rows_of(student: str) -> dict:
    learner = anonymous(student)
    return {
        "checkins": CheckIn.objects.filter(learner_id=learner).count(),
        "messages": Message.objects.filter(checkin__learner_id=learner).count(),
        "goals": Goal.objects.filter(learner_id=learner).count(),
        "flags": Flag.objects.filter(learner_id=learner).count(),
        "notes": FlagNote.objects.filter(flag__learner_id=learner).count(),
        "nudges": Nudge.objects.filter(learner_id=learner).count(),
        "bookings": Booking.objects.filter(learner_id=learner).count(),
        "progress": BlockProgress.objects.filter(learner_id=learner).count(),
        "activity": ActivityRecord.objects.filter(learner_id=learner).count(),
    }


@pytest.fixture
def followed(coach, workbench):
    """Alice checked in two periods ago (and is flagged for it, with a note), wrote in her thread,
    set a goal, booked a slot and was nudged; Bruno checked in and set a goal."""
    ok(coach, "post_checkin", "alice", {**ANSWERS, "blockers": "Alice is stuck on the rubric"})
    checkin = CheckIn.objects.get(learner_id=anonymous("alice")).id
    ok(coach, "reply", "alice", {"checkin_id": checkin, "body": "Can we talk?"})
    ok(coach, "reply", "trainer", {"checkin_id": checkin, "body": "Of course."})
    ok(coach, "add_goal", "alice", {"text": "Finish the rubric", "target": "2030-03-31"})
    move_back("alice", 9, coach.usage_id, periods=2)
    workbench.page(COACH, "trainer")  # opens the flag
    flag = Flag.objects.get(learner_id=anonymous("alice")).id
    ok(
        coach,
        "move_flag",
        "trainer",
        {"flag_id": flag, "status": "contacted", "note": "Called her."},
    )
    starts = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    ok(coach, "offer_slot", "trainer", {"starts": starts.isoformat(), "minutes": 30, "where": "B2"})
    ok(coach, "book_slot", "alice", {"slot_id": Slot.objects.get().id})
    ok(
        coach,
        "send_nudge",
        "trainer",
        {"target": "learner", "learner_id": anonymous("alice"), "message": NUDGE},
    )
    ok(coach, "post_checkin", "bruno", ANSWERS)
    ok(coach, "add_goal", "bruno", {"text": "Read the guide", "target": ""})
    return coach


def test_the_learners_rows_go_and_only_theirs(followed, workbench):
    assert all(rows_of("alice").values())
    bruno_before = rows_of("bruno")
    response = workbench.delete_learner_state(COACH, "alice")
    assert response.status_code == 200, response.content
    assert rows_of("alice") == dict.fromkeys(rows_of("alice"), 0)
    assert rows_of("bruno") == bruno_before
    assert Slot.objects.count() == 1


def test_their_slot_is_free_again_and_they_check_in_afresh(followed, workbench):
    assert "Book this time" not in workbench.page(COACH, "bruno").content.decode()
    workbench.delete_learner_state(COACH, "alice")
    assert "Book this time" in workbench.page(COACH, "bruno").content.decode()
    page = workbench.page(COACH, "alice").content.decode()
    assert "You have not checked in yet." in page
    assert "Finish the rubric" not in page and NUDGE not in page
    ok(followed, "post_checkin", "alice", ANSWERS)
    ok(followed, "book_slot", "alice", {"slot_id": Slot.objects.get().id})


def test_the_dashboard_no_longer_counts_their_check_ins(followed, workbench):
    alice = {"learner_id": anonymous("alice")}
    assert anonymous("alice") in api.cohort_checkins(followed.usage_id, None, 0)
    detail = ok(followed, "learner_detail", "trainer", alice)["html"]
    assert "Alice is stuck on the rubric" in detail
    workbench.delete_learner_state(COACH, "alice")
    assert set(api.cohort_checkins(followed.usage_id, None, 0)) == {anonymous("bruno")}
    detail = ok(followed, "learner_detail", "trainer", alice)["html"]
    assert "Alice is stuck on the rubric" not in detail and "Called her." not in detail


@pytest.mark.platform_only
def test_clearing_runs_even_for_a_learner_who_never_wrote_then_the_lms_finds_no_state(
    coach, workbench
):
    """Hugo never wrote in the block, so the LMS has no StudentModule row for him: after the block
    cleared his state (a nudge the trainer sent him), the dashboard answers "Module does not
    exist."."""
    ok(
        coach,
        "send_nudge",
        "trainer",
        {"target": "learner", "learner_id": anonymous("hugo"), "message": NUDGE},
    )
    response = workbench.delete_learner_state(COACH, "hugo")
    assert (response.status_code, response.content) == (400, b"Module does not exist.")
    assert not Nudge.objects.exists()
