"""Reviewing: only in the review phase, only what was allocated to you, once; drafts; rating and
flags."""

import re

import pytest

from spoc_xblocks.common.models import ActivityRecord, BlockProgress
from spoc_xblocks.peer_workshop.models import Review, Submission

from .conftest import COMMENTS, RUBRIC_ANSWER, anonymous


def reviews_snapshot():
    return list(
        Review.objects.order_by("id").values_list(
            "id", "reviewer_id", "status", "options", "comments", "helpfulness", "flagged"
        )
    )


def assert_refused(response, fragment, status=400, before=None):
    assert response.status_code == status, response.content
    assert fragment in response.json()["error"]
    if before is not None:
        assert reviews_snapshot() == before


def test_review_opens_with_every_submission_given_two_peers_within_the_group(in_review):
    slots = Review.objects.filter(kind=Review.PEER)
    assert slots.count() == 8
    for student in ("alice", "bruno", "chloe", "david"):
        assert len(in_review.slots(student)) == 2
        assert (
            Review.objects.filter(
                submission=in_review.submission(student), kind=Review.PEER
            ).count()
            == 2
        )
    assert not Review.objects.filter(reviewer_id="@trainer").exists()
    page = in_review.page("alice")
    assert "0 of 2 reviews done." in page and "Submission A" in page


def test_reviewing_before_the_review_phase_is_refused(workshop):
    workshop.phase("submission")
    workshop.submit("alice")
    response = workshop.post(
        "submit_review", "alice", {"review_id": 1, "options": RUBRIC_ANSWER, "comments": {}}
    )
    assert_refused(response, "not one of yours")


def test_reviewing_what_was_not_allocated_to_you_is_refused(in_review):
    bruno_slot = in_review.slots("bruno")[0]
    before = reviews_snapshot()
    assert_refused(in_review.review("alice", bruno_slot), "not one of yours", before=before)
    assert_refused(
        in_review.review("alice", bruno_slot, handler="save_review"),
        "not one of yours",
        before=before,
    )
    assert_refused(in_review.review("emma", bruno_slot), "not one of yours", before=before)


def test_a_review_is_submitted_once_and_cannot_be_changed(in_review, published_events):
    slot = in_review.slots("alice")[0]
    assert in_review.review("alice", slot).status_code == 200
    before = reviews_snapshot()
    assert_refused(
        in_review.review("alice", slot, options={**RUBRIC_ANSWER, "clarity": "unclear"}),
        "submitted already",
        before=before,
    )
    row = Review.objects.get(id=slot.id)
    assert row.status == Review.DONE and row.points == {"clarity": 4, "tone": 2, "escalation": 3}
    assert row.comment_length == len("Keep the escalation rule.") + sum(
        len(text) for text in COMMENTS.values()
    )
    assert (
        "spoc.peer_workshop.review_submitted",
        {"review_id": slot.id, "points": 9},
    ) in published_events
    assert ActivityRecord.objects.filter(verb="review_submitted").count() == 1


@pytest.mark.parametrize(
    "options, comments, fragment",
    [
        ({"clarity": "clear"}, COMMENTS, "Choose a level for 'Tone with the customer'"),
        (RUBRIC_ANSWER, {"clarity": "fine"}, "A comment is required for 'Escalation'"),
        ({**RUBRIC_ANSWER, "clarity": "superb"}, COMMENTS, "has no level 'superb'"),
        ({**RUBRIC_ANSWER, "speed": "fast"}, COMMENTS, "no criterion 'speed'"),
    ],
)
def test_an_incomplete_or_forged_review_is_refused_and_nothing_is_stored(
    in_review, options, comments, fragment
):
    slot = in_review.slots("alice")[0]
    before = reviews_snapshot()
    assert_refused(
        in_review.review("alice", slot, options=options, comments=comments), fragment, before=before
    )


@pytest.mark.parametrize(
    "payload, fragment",
    [
        ({"review_id": "1", "options": {}, "comments": {}}, "whole number"),
        ({"review_id": 1, "options": [], "comments": {}}, "must be an object"),
        ({"review_id": 1, "options": {"clarity": 4}, "comments": {}}, "must be text"),
        ({"review_id": 1, "options": {}, "comments": {"clarity": "x" * 5001}}, "longer than"),
        ({"review_id": 1, "options": {}}, "'comments' is required"),
    ],
)
def test_malformed_review_payloads_get_400(in_review, payload, fragment):
    before = reviews_snapshot()
    assert_refused(in_review.post("submit_review", "alice", payload), fragment, before=before)


def test_a_draft_is_kept_and_shown_again(in_review):
    slot = in_review.slots("alice")[0]
    response = in_review.review(
        "alice",
        slot,
        options={"clarity": "mostly"},
        comments={"clarity": "Half way"},
        handler="save_review",
    )
    assert response.status_code == 200
    row = Review.objects.get(id=slot.id)
    assert row.status == Review.PENDING and row.started and row.options == {"clarity": "mostly"}
    page = in_review.page("alice")
    assert "Half way" in page and "In progress" in page


def test_after_the_last_review_nothing_is_due_and_the_feedback_opens(in_review):
    in_review.review_all("alice")
    assert BlockProgress.objects.get(learner_id=anonymous("alice")).due is None
    for student in ("bruno", "chloe"):
        in_review.review_all(student)
    page = in_review.page("alice")
    assert (
        "Feedback on your work" in page and "Reviewer 1" in page and "2 of 2 reviews done." in page
    )
    assert "Feedback on your work" not in in_review.page("david")


def test_reviews_are_anonymous_both_ways_by_default(in_review):
    for student in ("alice", "bruno", "chloe", "david"):
        in_review.review_all(student)
    page = in_review.page("alice").lower()
    assert "feedback on your work" in page
    assert not any(name in page for name in ("bruno", "chloe", "david"))


def test_the_author_rates_a_review_and_flags_it_with_a_reason(in_review, published_events):
    in_review.review_all(in_review.reviewers_of("alice")[0])
    received = Review.objects.filter(
        submission=in_review.submission("alice"), status=Review.DONE
    ).first()
    before = reviews_snapshot()
    assert_refused(
        in_review.post(
            "rate_review", "alice", {"review_id": received.id, "helpfulness": 1, "flagged": True}
        ),
        "why",
        before=before,
    )
    assert_refused(
        in_review.post("rate_review", "david", {"review_id": received.id, "helpfulness": 5}),
        "only the reviews of your own work",
        before=before,
    )
    assert_refused(
        in_review.post("rate_review", "alice", {"review_id": received.id, "helpfulness": 6}),
        "must be from 1 to 5",
        before=before,
    )
    answer = in_review.ok(
        "rate_review",
        "alice",
        {
            "review_id": received.id,
            "helpfulness": 2,
            "flagged": True,
            "reason": "It ignores my escalation section.",
        },
    )
    assert "flag" in answer["message"] and answer["announce"] == answer["message"]
    in_review.review_all("alice")  # her feedback shows once her own reviews are done
    assert re.search(
        r"Save my rating</button>\s*<p class=\"spoc-note\" data-spoc-status hidden>",
        in_review.page("alice"),
    )
    row = Review.objects.get(id=received.id)
    assert (row.helpfulness, row.flagged, row.flag_reason) == (
        2,
        True,
        "It ignores my escalation section.",
    )
    assert (
        ActivityRecord.objects.filter(verb="review_rated", learner_id=anonymous("alice")).count()
        == 1
    )
    assert (
        "spoc.peer_workshop.review_rated",
        {"review_id": received.id, "helpfulness": 2, "flagged": True},
    ) in published_events


def test_self_assessment_is_offered_when_the_author_enables_it(workbench, settings, tmp_path):
    from .conftest import FRESH, Workshop

    settings.MEDIA_ROOT = str(tmp_path)
    fresh = Workshop(workbench, FRESH)
    fresh.phase("submission")
    for student in ("alice", "bruno", "chloe", "david", "emma"):
        fresh.submit(student)
    fresh.phase("review")
    own = fresh.slots("alice", kind=Review.SELF)
    assert len(own) == 1 and len(fresh.slots("alice")) == 3
    assert "Assess your own work" in fresh.page("alice")
    assert fresh.review("alice", own[0]).status_code == 200
    assert ActivityRecord.objects.filter(verb="self_assessed").count() == 1
    assert (
        len(fresh.slots("alice", kind=Review.SELF)) == 1
        and fresh.slots("alice", Review.SELF)[0].status == "done"
    )


def test_reviewers_see_the_authors_name_when_the_author_allows_it(workshop):
    workshop.configure(anonymity="authors_visible")
    workshop.phase("submission")
    for student in ("alice", "bruno", "chloe"):
        workshop.submit(student)
    workshop.phase("review")
    page = workshop.page("alice")
    reviewed = {slot.submission.learner_id for slot in workshop.slots("alice")}
    names = {anonymous(name): name for name in ("bruno", "chloe")}
    assert all(f">{names[author]}" in page for author in reviewed)
    assert "Submission A" not in page


def test_the_database_refuses_a_second_slot_or_a_second_submission_whatever_the_requests(in_review):
    from django.db import IntegrityError, transaction

    from spoc_xblocks.peer_workshop.models import Submission

    slot = in_review.slots("alice")[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(
            usage_key=slot.usage_key, submission_id=slot.submission_id, reviewer_id=slot.reviewer_id
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(
            course_key="c",
            usage_key=in_review.usage_key,
            learner_id=anonymous("alice"),
            submitted_at=slot.allocated_at,
        )


def test_a_reviewer_is_shown_no_image_from_the_work_they_review(workshop):
    """Work stored before learner HTML lost its images still shows none to its reviewers."""
    workshop.phase("submission")
    for student in ("alice", "bruno", "chloe"):
        workshop.submit(student, "<p>Steps</p>")
    Submission.objects.filter(usage_key=workshop.usage_key).update(
        text='<p>Steps<img src="https://tracker.example/pixel.gif"></p>'
    )
    workshop.phase("review")
    assert workshop.slots("alice")
    page = workshop.page("alice")
    assert "Steps" in page and "tracker.example" not in page
