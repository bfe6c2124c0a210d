"""Dates move the workshop on by themselves, at the first visit after them, with the same
consequences."""

from datetime import timedelta

import pytest
from django.utils import timezone

from spoc_xblocks.common.models import BlockProgress
from spoc_xblocks.peer_workshop.models import Review, Submission, Workshop

from .conftest import anonymous


def test_dates_open_submissions_then_reviews_and_the_next_visit_allocates(
    workshop, published_events
):
    now = timezone.now()
    workshop.configure(
        submission_opens=now - timedelta(days=2),
        submission_due=now + timedelta(days=1),
        review_due=now + timedelta(days=4),
    )
    assert "Write your piece and submit it." in workshop.page("alice")
    assert Workshop.objects.get().phase == "submission"
    for student in ("alice", "bruno", "chloe"):
        workshop.submit(student)
    workshop.configure(submission_due=timezone.now())  # the deadline passes now
    page = workshop.page("david")
    assert "Your work will be marked late" in page
    assert Workshop.objects.get().phase == "review"
    assert Review.objects.filter(kind=Review.PEER).count() == 6
    assert (
        "spoc.peer_workshop.phase_changed",
        {"from": "submission", "to": "review"},
    ) in published_events
    assert BlockProgress.objects.get(learner_id=anonymous("alice")).due is not None
    # A learner's request may not ask for other learners' ids: those never identified get their
    # deadline when a trainer looks, and no row is ever written for an unknown id.
    assert not BlockProgress.objects.filter(learner_id__in=["", "None"]).exists()
    workshop.page("trainer")
    assert BlockProgress.objects.get(learner_id=anonymous("lea")).due <= timezone.now()


def test_dates_edited_while_the_workshop_runs_reach_the_coach_when_the_trainer_looks(workshop):
    workshop.phase("submission")
    due = timezone.now() + timedelta(days=3)
    workshop.configure(submission_due=due)
    workshop.page("trainer")
    assert BlockProgress.objects.get(learner_id=anonymous("karim")).due == due


@pytest.mark.django_db
def test_groups_come_from_the_teams_service_when_the_course_has_one():
    from types import SimpleNamespace

    from spoc_xblocks.peer_workshop.teams import groups_from_teams

    teams = {"alice": "Red", "bruno": "Red", "chloe": "Blue"}
    trainer = SimpleNamespace(opt_attrs={"edx-platform.user_is_staff": True})
    services = {
        "teams": SimpleNamespace(
            get_team=lambda user, course, topic: (
                SimpleNamespace(name=teams[user.username])
                if user.username in teams and topic == "workshop"
                else None
            )
        ),
        "enrollments": SimpleNamespace(
            get_active_enrollments_by_course=lambda course: [
                SimpleNamespace(user=SimpleNamespace(username=name, id=index))
                for index, name in enumerate(("alice", "bruno", "chloe", "david"))
            ]
        ),
        "user": SimpleNamespace(
            get_anonymous_user_id=lambda username, course: f"anon-{username}",
            get_current_user=lambda: trainer,
        ),
    }
    block = SimpleNamespace(
        runtime=SimpleNamespace(service=lambda block, name: services[name]),
        scope_ids=SimpleNamespace(usage_id=SimpleNamespace(context_key="course-v1:x+y+z")),
        course_key="course-v1:x+y+z",
    )
    assert groups_from_teams(block, "workshop") == {
        "anon-alice": "Red",
        "anon-bruno": "Red",
        "anon-chloe": "Blue",
    }


@pytest.mark.platform_only
def test_with_no_deadline_of_its_own_the_workshop_follows_the_platforms_due_date_and_extensions(
    workshop,
):
    """The subsection's due date (course outline) is the submission deadline, and an extension an
    instructor granted in the Instructor Dashboard reaches that learner's own page and submission.
    """
    site = workshop.workbench
    workshop.phase("submission")
    site.content.inherit(due=timezone.now() - timedelta(hours=1))
    site.content.extend(site.people.user("alice").id, "due", timezone.now() + timedelta(days=2))
    assert "Your work will be marked late" in workshop.page("bruno")
    assert "Write your piece and submit it." in workshop.page("alice")
    for student in ("alice", "bruno"):
        workshop.submit(student)
    late = dict(Submission.objects.values_list("learner_id", "late"))
    assert late == {anonymous("alice"): False, anonymous("bruno"): True}
