"""Right-to-left text typed by a learner or the trainer shows isolated wherever it appears, so it
cannot reorder the sentence around it (issue 19, point 16)."""

from tests.bidi import RIGHT_TO_LEFT, assert_isolated

from .conftest import COACH, anonymous


def test_right_to_left_text_is_isolated_in_the_learners_and_the_trainers_views(coach, workbench):
    from spoc_xblocks.cohort_coach.models import CheckIn

    rtl = RIGHT_TO_LEFT
    assert coach("post_checkin", "alice", {"blockers": rtl, "help": rtl}).status_code == 200
    checkin = CheckIn.objects.get().id
    assert coach("reply", "trainer", {"checkin_id": checkin, "body": rtl}).status_code == 200
    assert coach("reply", "alice", {"checkin_id": checkin, "body": rtl}).status_code == 200
    assert coach("add_goal", "alice", {"text": rtl, "target": ""}).status_code == 200
    nudge = {"target": "learner", "learner_id": anonymous("alice"), "message": rtl}
    assert coach("send_nudge", "trainer", {**nudge, "confirmed": True}).status_code == 200

    learner = workbench.page(COACH, "alice").content.decode()
    assert assert_isolated(learner) >= 5  # blockers, help, two messages, the goal, the nudge
    detail = coach("learner_detail", "trainer", {"learner_id": anonymous("alice")}).json()["html"]
    assert assert_isolated(detail) >= 4
