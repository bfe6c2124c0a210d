"""Learners check in once a period, answer only the questions asked, and read their own history and
replies."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from spoc_xblocks.cohort_coach.models import CheckIn, Message
from spoc_xblocks.common.models import ActivityRecord, BlockProgress

from .conftest import ANSWERS, COACH, SHORT, anonymous, move_back, set_fields

pytestmark = pytest.mark.django_db


def test_a_learner_posts_a_check_in_and_sees_it_in_their_history(
    coach, workbench, published_events
):
    response = coach("post_checkin", "alice", ANSWERS)
    assert response.status_code == 200, response.content
    answer = response.json()
    checkin = CheckIn.objects.get()
    assert (checkin.learner_id, checkin.progress, checkin.confidence) == (anonymous("alice"), 40, 3)
    assert checkin.mood == "good"
    assert (checkin.blockers, checkin.help_wanted) == ("The rubric", "An example")
    assert "You checked in on" in answer["sections"]["checkin"]
    assert "The rubric" in answer["prepend"]["history"]
    assert answer["message"] == "Your check-in was sent to your trainer."
    page = workbench.page(COACH, "alice").content.decode()
    assert "The rubric" in page and "data-spoc-empty hidden" in page


def test_a_check_in_answer_carries_the_new_entry_and_leaves_the_earlier_ones_unread(
    coach, workbench
):
    """The history already on the learner's page stays; the answer puts the new check-in first in
    it, without reading the earlier ones again."""
    coach("post_checkin", "alice", {**ANSWERS, "blockers": "The blocker of last week"})
    move_back("alice", 7, usage_key=coach.usage_id)
    with CaptureQueriesContext(connection) as queries:
        answer = coach("post_checkin", "alice", {**ANSWERS, "blockers": "The blocker of this week"})
    [new_entry] = answer.json()["prepend"]["history"].split('<li class="spoc-coach__checkin">')[1:]
    assert "The blocker of this week" in new_entry and "The blocker of last week" not in new_entry
    assert not [
        query["sql"]
        for query in queries
        if query["sql"].startswith("SELECT") and "cohort_coach_checkin" in query["sql"]
    ]
    page = workbench.page(COACH, "alice").content.decode()
    assert page.index("The blocker of this week") < page.index("The blocker of last week")


def test_a_check_in_records_activity_progress_completion_and_an_event_without_text(
    coach, published_events
):
    coach("post_checkin", "alice", ANSWERS)
    record = ActivityRecord.objects.get()
    assert (record.verb, record.block_type, record.learner_id) == (
        "checkin_posted",
        "spoc_cohort_coach",
        anonymous("alice"),
    )
    assert BlockProgress.objects.get(learner_id=anonymous("alice")).state == "done"
    assert ("completion", {"completion": 1.0}) in published_events
    [(kind, data)] = [
        event for event in published_events if event[0] == "spoc.cohort_coach.checkin_posted"
    ]
    assert data["progress"] == 40 and data["confidence"] == 3 and data["blockers_given"] is True
    assert "The rubric" not in str(data) and "An example" not in str(data)


@pytest.mark.platform_only
def test_the_lms_records_a_check_in_as_the_blocks_completion(coach, workbench):
    completion = pytest.importorskip("completion.models")
    coach("post_checkin", "alice", ANSWERS)
    [done] = completion.BlockCompletion.objects.all()
    assert (str(done.user_id), str(done.block_key), done.completion) == (
        workbench.user_key("alice"),
        str(coach.usage_id),
        1.0,
    )


def test_a_second_check_in_in_the_same_period_is_refused_and_the_first_kept(coach):
    coach("post_checkin", "alice", ANSWERS)
    again = coach("post_checkin", "alice", {**ANSWERS, "confidence": 1})
    assert again.status_code == 400 and "already checked in" in again.json()["error"]
    assert list(CheckIn.objects.values_list("confidence", flat=True)) == [3]


@pytest.mark.parametrize(
    "payload",
    [
        {"progress": 101},
        {"progress": -1},
        {"progress": "40"},
        {"confidence": 0},
        {"confidence": 6},
        {"confidence": True},
        {"mood": "ecstatic"},
        {"blockers": "x" * 1001},
        {"help": ["a"]},
        {"colour": "red"},
        {},
        {"blockers": "   "},
    ],
)
def test_bad_check_ins_answer_400_and_store_nothing(coach, payload):
    response = coach("post_checkin", "alice", payload)
    assert response.status_code == 400 and response.json()["error"]
    assert not CheckIn.objects.exists() and not ActivityRecord.objects.exists()


def test_malformed_json_answers_400(coach):
    response = coach("post_checkin", "alice", raw=b"{not json")
    assert response.status_code == 400 and not CheckIn.objects.exists()


def test_a_question_the_author_did_not_ask_is_refused(coach):
    response = coach("post_checkin", "alice", {"confidence": 4, "mood": "good"}, scenario_id=SHORT)
    assert response.status_code == 400 and "mood" in response.json()["error"]
    assert (
        coach(
            "post_checkin", "alice", {"confidence": 4, "blockers": "Time"}, scenario_id=SHORT
        ).status_code
        == 200
    )


def test_the_form_shows_only_the_questions_the_author_chose(workbench):
    set_fields(workbench, COACH, questions="confidence help")
    html = workbench.page(COACH, "bruno").content.decode()
    assert 'name="confidence"' in html and 'name="help"' in html
    assert (
        'name="progress"' not in html
        and 'name="mood"' not in html
        and 'name="blockers"' not in html
    )


def test_trainers_and_masquerading_trainers_cannot_post_check_ins(coach):
    assert coach("post_checkin", "trainer", ANSWERS).status_code == 400
    assert coach("post_checkin", "trainer~alice", ANSWERS).status_code == 403
    assert not CheckIn.objects.exists()


def test_the_learner_replies_in_their_own_thread_and_sees_the_trainers_reply(
    coach, checked_in, workbench
):
    trainer = coach(
        "reply",
        "trainer",
        {"checkin_id": checked_in, "body": "Let us look at the rubric together."},
    )
    assert trainer.status_code == 200, trainer.content
    mine = coach("reply", "alice", {"checkin_id": checked_in, "body": "Thanks, Tuesday?"})
    assert mine.status_code == 200
    assert list(Message.objects.order_by("id").values_list("by_trainer", flat=True)) == [
        True,
        False,
    ]
    page = workbench.page(COACH, "alice").content.decode()
    assert (
        "Let us look at the rubric together." in page
        and "Your trainer" in page
        and "Thanks, Tuesday?" in page
    )


def test_a_learner_cannot_reply_to_another_learners_check_in(coach, checked_in):
    response = coach("reply", "bruno", {"checkin_id": checked_in, "body": "Hello"})
    assert response.status_code == 403 and not Message.objects.exists()


def test_a_learner_never_sees_another_learners_check_ins(coach, checked_in, workbench):
    coach("reply", "trainer", {"checkin_id": checked_in, "body": "Private reply for Alice"})
    page = workbench.page(COACH, "bruno").content.decode()
    assert "The rubric" not in page and "Private reply for Alice" not in page
    assert "You have not checked in yet." in page


def test_user_text_is_escaped_in_the_history_and_the_dashboard(coach, workbench):
    hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    coach("post_checkin", "alice", {"blockers": hostile, "help": hostile})
    checkin = CheckIn.objects.get()
    coach("reply", "trainer", {"checkin_id": checkin.id, "body": hostile})
    for html in (
        workbench.page(COACH, "alice").content.decode(),
        coach("learner_detail", "trainer", {"learner_id": anonymous("alice")}).json()["html"],
    ):
        assert "<script>alert" not in html and "<img src=x" not in html and "&lt;script&gt;" in html


def test_goals_are_added_marked_done_and_removed_by_their_learner_only(coach):
    from spoc_xblocks.cohort_coach.models import Goal

    added = coach("add_goal", "alice", {"text": "Finish the workshop", "target": "2026-04-30"})
    assert added.status_code == 200 and "Finish the workshop" in added.json()["sections"]["goals"]
    goal = Goal.objects.get()
    assert str(goal.target) == "2026-04-30"
    assert coach("set_goal", "bruno", {"goal_id": goal.id, "done": 1}).status_code == 404
    assert coach("set_goal", "alice", {"goal_id": goal.id, "done": 1}).status_code == 200
    goal.refresh_from_db()
    assert goal.done_at is not None
    assert coach("remove_goal", "bruno", {"goal_id": goal.id}).status_code == 404
    assert coach("remove_goal", "alice", {"goal_id": goal.id}).status_code == 200
    assert not Goal.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [{"text": ""}, {"text": "x" * 301}, {"text": "Goal", "target": "next week"}, {"text": 3}],
)
def test_bad_goals_answer_400_and_store_nothing(coach, payload):
    from spoc_xblocks.cohort_coach.models import Goal

    assert coach("add_goal", "alice", payload).status_code == 400
    assert not Goal.objects.exists()


def test_mobile_data_carries_the_set_up_and_nobodys_answers(coach, workbench):
    from .conftest import stored_block

    coach("post_checkin", "alice", ANSWERS)
    data = stored_block(workbench).student_view_data()
    assert [question["id"] for question in data.pop("questions")] == [
        "progress",
        "confidence",
        "mood",
        "blockers",
        "help",
    ]
    assert data == {
        "display_name": "Weekly check-in with your trainer",
        "cadence_days": 7,
        "start_date": None,
    }
