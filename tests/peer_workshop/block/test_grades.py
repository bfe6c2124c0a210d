"""Grades: closing reviews, publishing through edx-submissions, the formula shown, moderation and
recomputation."""

import re

import pytest
from submissions import api as submissions_api

from spoc_xblocks.common.models import BlockProgress
from spoc_xblocks.peer_workshop.models import Grade, ModerationDecision, Review
from tests.contract.lms_grade_reader import LmsGradeReader

from .conftest import FRESH, Workshop, anonymous

LOW = {"clarity": "unclear", "tone": "cold", "escalation": "missing"}


def score_of(workshop, student):
    return submissions_api.get_score(
        {
            "student_id": anonymous(student),
            "course_id": "course-v1:SPOC+Onboarding+2026",
            "item_id": workshop.usage_key,
            "item_type": "spoc_peer_workshop",
        }
    )


def test_moving_to_grading_expires_pending_reviews_and_nobody_waits(reviewed):
    david_pending = [slot.id for slot in reviewed.slots("david")]
    reviewed.phase("grading")
    assert set(
        Review.objects.filter(id__in=david_pending).values_list("withdrawn_reason", flat=True)
    ) == {"expired"}
    for student in ("alice", "bruno", "chloe", "david"):
        done = Review.objects.filter(
            submission=reviewed.submission(student), status=Review.DONE, kind=Review.PEER
        )
        trainer = Review.objects.filter(
            submission=reviewed.submission(student), reviewer_id="@trainer"
        )
        assert done.exists() or trainer.exists()
    assert "Reviews are closed" in reviewed.page("alice")


def test_closing_publishes_grades_to_edx_submissions_and_progress(reviewed, published_events):
    reviewed.phase("closed")
    grades = dict(Grade.objects.values_list("learner_id", "value"))
    assert len(grades) == 4
    assert grades[anonymous("alice")] == pytest.approx(9 / 10)
    score = score_of(reviewed, "alice")
    assert (score["points_earned"], score["points_possible"]) == (90, 100)
    progress = BlockProgress.objects.get(learner_id=anonymous("alice"))
    assert progress.state == BlockProgress.DONE and progress.score == pytest.approx(0.9)
    page = reviewed.page("alice")
    assert (
        "Your grade: 90%" in page
        and "the median of your peers" in page
        and "Your work: 9 of 10 points" in page
    )


def test_the_gradebook_weighs_the_workshop_by_its_points(reviewed):
    """The LMS takes edx-submissions' points as the block's weighted score, with no weight of its
    own: the workshop sends its grade as whole points of its weight, and says so to the learner."""
    reviewed.workbench.set_fields(reviewed.scenario_id, weight=10.0)
    with LmsGradeReader() as lms:
        reviewed.phase("closed")
    alice = next(change for change in lms.changes if change.anonymous_user_id == anonymous("alice"))
    assert (alice.weighted_earned, alice.weighted_possible) == (9, 10)
    assert "Your grade: 90%" in reviewed.page(
        "alice"
    ) and "In the course grade: 9 of 10 points." in reviewed.page("alice")
    reviewed.workbench.set_fields(
        reviewed.scenario_id, weight=4.0
    )  # the author changes the points in Studio
    with LmsGradeReader() as lms:
        reviewed.page("trainer")
    assert {(change.weighted_earned, change.weighted_possible) for change in lms.changes} >= {
        (4, 4)
    }
    assert score_of(reviewed, "alice")["points_possible"] == 4


def test_a_workshop_worth_no_points_leaves_no_score_in_the_gradebook(reviewed):
    reviewed.workbench.set_fields(reviewed.scenario_id, weight=0.0)
    with LmsGradeReader() as lms:
        reviewed.phase("closed")
    assert lms.changes == [] or all(change.score_deleted for change in lms.changes)
    assert score_of(reviewed, "alice") is None


def test_a_flag_reaches_the_queue_and_setting_the_review_aside_recomputes_and_republishes(reviewed):
    harsh_reviewer = reviewed.reviewers_of("david")[0]
    harsh = Review.objects.get(
        submission=reviewed.submission("david"), reviewer_id=anonymous(harsh_reviewer)
    )
    Review.objects.filter(id=harsh.id).update(
        options=LOW, points={"clarity": 0, "tone": 0, "escalation": 0}
    )
    reviewed.phase("closed")
    before = score_of(reviewed, "david")["points_earned"]
    reviewed.ok(
        "rate_review",
        "david",
        {
            "review_id": harsh.id,
            "helpfulness": 1,
            "flagged": True,
            "reason": "Zero everywhere without a word.",
        },
    )
    page = reviewed.page("trainer")
    assert (
        "The author flagged this review as unfair." in page
        and "Zero everywhere without a word." in page
    )
    answer = reviewed.ok(
        "override_review",
        "trainer",
        {"review_id": harsh.id, "action": "exclude", "options": {}, "confirmed": True},
    )
    assert "recomputed" in answer["message"]
    assert Review.objects.get(id=harsh.id).excluded
    assert ModerationDecision.objects.filter(item_key=f"flag:{harsh.id}").exists()
    after = score_of(reviewed, "david")["points_earned"]
    assert after > before and after == 90
    assert (
        "The author flagged this review as unfair."
        not in reviewed.ok("trainer_panel", "trainer", {})["html"]
    )


def test_the_trainer_replaces_a_reviews_levels(reviewed):
    reviewed.review_all("david")
    slot = Review.objects.filter(
        submission=reviewed.submission("alice"), status=Review.DONE
    ).first()
    refused = reviewed.post(
        "override_review",
        "trainer",
        {"review_id": slot.id, "action": "replace", "options": {"clarity": "clear"}},
    )
    assert refused.status_code == 400 and "Choose a level" in refused.json()["error"]
    reviewed.ok(
        "override_review", "trainer", {"review_id": slot.id, "action": "replace", "options": LOW}
    )
    assert Review.objects.get(id=slot.id).override_options == LOW
    reviewed.phase("closed")
    assert Grade.objects.get(learner_id=anonymous("alice")).value == pytest.approx(
        (2 + 1 + 1.5) / 10
    )
    assert "The trainer corrected this review" in reviewed.page("alice")


def test_the_trainer_overrides_a_final_grade_with_a_note_and_removes_it(reviewed):
    reviewed.phase("closed")
    reviewed.ok(
        "override_grade",
        "trainer",
        {
            "learner_id": anonymous("bruno"),
            "percent": 55.5,
            "reason": "Late because of illness: partial credit.",
        },
    )
    assert score_of(reviewed, "bruno")["points_earned"] == 56
    page = reviewed.page("bruno")
    assert (
        "Your grade: 56%" in page
        and "The trainer set your grade to 56%" in page
        and "illness" in page
    )
    reviewed.ok("override_grade", "trainer", {"learner_id": anonymous("bruno"), "percent": None})
    assert score_of(reviewed, "bruno")["points_earned"] == 90
    refused = reviewed.post(
        "override_grade", "trainer", {"learner_id": anonymous("lea"), "percent": 50}
    )
    assert refused.status_code == 400 and "not submitted" in refused.json()["error"]


def test_a_very_short_review_is_queued(reviewed):
    slot = Review.objects.filter(
        submission=reviewed.submission("bruno"), status=Review.DONE
    ).first()
    Review.objects.filter(id=slot.id).update(comment_length=5)
    assert "comments are very short." in reviewed.page("trainer")


@pytest.fixture
def disputed(reviewed):
    """Everyone reviewed; one review of chloe's work chose the lowest levels."""
    reviewed.review_all("david")
    slot = Review.objects.filter(
        submission=reviewed.submission("chloe"), status=Review.DONE
    ).first()
    Review.objects.filter(id=slot.id).update(options=LOW)
    return reviewed


def test_strong_disagreement_is_queued_and_can_be_kept_as_it_is(disputed):
    reviewed = disputed
    page = reviewed.page("trainer")
    assert "Reviewers disagree strongly on this work." in page
    key = f"spread:{anonymous('chloe')}"
    reviewed.ok("dismiss_item", "trainer", {"item_key": key, "confirmed": True})
    assert ModerationDecision.objects.get(item_key=key).action == "kept"


def test_disagreement_is_one_item_per_work_with_each_reviewers_level(disputed):
    reviewed = disputed
    html = reviewed.ok("trainer_panel", "trainer", {})["html"]
    assert html.count("Reviewers disagree strongly on this work.") == 1
    assert "Moderation: 1 item" in html
    assert "Clear (4 points)" in html and "Unclear (0 points)" in html


def test_assessing_flagged_work_myself_decides_its_grade_and_settles_the_queue(reviewed):
    """Grades count peers only (the default): the trainer's own assessment still decides."""
    harsh = Review.objects.filter(submission=reviewed.submission("david")).first()
    reviewed.ok(
        "rate_review",
        "david",
        {"review_id": harsh.id, "helpfulness": 1, "flagged": True, "reason": "Unfair."},
    )
    reviewed.phase("closed")
    before = score_of(reviewed, "david")["points_earned"]
    work = reviewed.submission("david").id
    form = reviewed.ok("trainer_form", "trainer", {"submission_id": work})
    assert "your assessment, once saved, decides this work" in form["html"]
    answer = reviewed.ok(
        "trainer_review",
        "trainer",
        {
            "submission_id": work,
            "options": LOW,
            "comments": {"escalation": "Missing."},
            "overall": "",
            "final": True,
        },
    )
    assert "this work's grade is now 0%" in answer["message"]
    assert score_of(reviewed, "david")["points_earned"] == 0 < before
    assert "The author flagged this review as unfair." not in answer["html"]
    assert ModerationDecision.objects.get(item_key=f"flag:{harsh.id}").action == "assessed"


def test_the_trainer_assessment_is_blended_with_the_peers(workbench, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    fresh = Workshop(workbench, FRESH)  # peers 70%, trainer 30%, reviewing 20%
    fresh.phase("submission")
    students = ("alice", "bruno", "chloe", "david")
    for student in students:
        fresh.submit(student)
    fresh.phase("review")
    for student in students:
        fresh.review_all(student)
    form = fresh.ok("trainer_form", "trainer", {"submission_id": fresh.submission("alice").id})
    assert "Save my assessment" in form["html"] and "My procedure" in form["html"]
    fresh.ok(
        "trainer_review",
        "trainer",
        {
            "submission_id": fresh.submission("alice").id,
            "options": LOW,
            "comments": {"escalation": "Missing."},
            "overall": "",
            "final": True,
        },
    )
    fresh.phase("closed")
    details = Grade.objects.get(learner_id=anonymous("alice")).details
    assert details["basis"] == "blend" and details["peer_share"] == 0.7
    assert details["submission"] == pytest.approx(0.7 * 0.9)
    assert details["reviewing"] == 1.0  # alice chose the levels every other piece finally got
    assert details["value"] == pytest.approx(
        0.8 * details["submission"] + 0.2 * details["reviewing"]
    )
    page = fresh.page("alice")
    assert "70% the median of your peers" in page and "Your reviews were" in page


def test_a_submission_nobody_reviewed_goes_to_the_trainer(in_review):
    in_review.phase("grading")
    trainer_slots = Review.objects.filter(reviewer_id="@trainer")
    assert trainer_slots.count() == 4
    page = in_review.page("trainer")
    assert "Nobody reviewed this work" in page
    in_review.phase("closed")
    assert Grade.objects.filter(value__isnull=True).count() == 4


def test_reviews_past_their_time_limit_are_reassigned_on_the_next_visit(in_review):
    from datetime import timedelta

    from django.utils import timezone

    late = [slot.id for slot in in_review.slots("bruno")]
    Review.objects.filter(id__in=late).update(due=timezone.now() - timedelta(hours=1))
    in_review.page("alice")
    assert set(Review.objects.filter(id__in=late).values_list("withdrawn_reason", flat=True)) == {
        "overdue"
    }
    for student in ("alice", "chloe", "david"):
        live = Review.objects.filter(
            submission=in_review.submission(student), kind__in=("peer", "trainer")
        )
        assert live.exclude(status=Review.WITHDRAWN).count() == 2


def flag(workshop, student: str, review_id: int) -> None:
    workshop.ok(
        "rate_review",
        student,
        {"review_id": review_id, "helpfulness": 1, "flagged": True, "reason": "Unfair."},
    )


def test_the_author_sees_a_review_set_aside_and_what_became_of_each_flag(reviewed):
    upheld, kept = Review.objects.filter(submission=reviewed.submission("david"))[:2]
    flag(reviewed, "david", upheld.id)
    flag(reviewed, "david", kept.id)
    reviewed.phase("closed")
    assert reviewed.page("david").count("Your flag is waiting for the trainer.") == 2
    reviewed.ok(
        "override_review",
        "trainer",
        {"review_id": upheld.id, "action": "exclude", "options": {}, "confirmed": True},
    )
    reviewed.ok("dismiss_item", "trainer", {"item_key": f"flag:{kept.id}", "confirmed": True})
    page = reviewed.page("david")
    assert "Set aside</span>" in page
    assert "Your flag was upheld: the trainer set this review aside." in page
    assert "The trainer read your flag and kept this review as it is." in page
    assert "Your flag is waiting" not in page


def test_a_grade_share_is_written_as_the_viewers_language_writes_percentages():
    from spoc_xblocks.peer_workshop.grades import percent

    french = {"{percent}%": "{percent}\u202f%"}.get
    assert (percent(0.7), percent(0.7, lambda text: french(text, text))) == ("70%", "70\u202f%")


def test_the_trainers_table_writes_grades_as_french_writes_percentages(reviewed, workbench):
    reviewed.phase("closed")
    html = workbench.page(reviewed.scenario_id, "trainer", language="fr").content.decode()
    grades = re.findall(r'<td class="spoc-num">(\d+[^<]*%)</td>', html)
    assert grades and all(grade.endswith("\u202f%") for grade in grades)
