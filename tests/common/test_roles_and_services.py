"""The development services answer like the LMS's, and the one role check reads them right."""

from datetime import UTC

import pytest

from spoc_xblocks.common import activity
from spoc_xblocks.common.roles import current_viewer
from spoc_xblocks.dev.services import DevEnrollmentsService


def block_for(workbench, student):
    return workbench.block_for("spoc_serious_game.0", student)


def test_a_learner_is_not_a_trainer_and_has_a_stable_anonymous_id(workbench):
    viewer = current_viewer(block_for(workbench, "alice"))
    assert not viewer.is_trainer and viewer.can_write and viewer.username == "alice"
    assert viewer.anonymous_id == workbench.anonymous_id("alice") and len(viewer.anonymous_id) == 32
    assert viewer.anonymous_id != current_viewer(block_for(workbench, "bruno")).anonymous_id


def test_the_user_service_carries_the_edx_platform_attributes(workbench):
    block = block_for(workbench, "trainer")
    attrs = block.runtime.service(block, "user").get_current_user().opt_attrs
    assert attrs["edx-platform.user_is_staff"] is True
    assert attrs["edx-platform.user_role"] == "instructor"
    assert attrs["edx-platform.username"] == "trainer"
    assert attrs["edx-platform.anonymous_user_id"] == workbench.anonymous_id("trainer")
    assert current_viewer(block).is_trainer


def test_a_masquerading_trainer_sees_the_learner_and_can_write_nothing(workbench):
    viewer = current_viewer(block_for(workbench, "trainer~alice"))
    assert viewer.is_masquerading and not viewer.is_trainer and not viewer.can_write
    assert viewer.anonymous_id == workbench.anonymous_id("alice")


def test_a_trainer_viewing_the_course_as_a_learner_is_recognised_though_nothing_marks_it(workbench):
    """ "View this course as: Learner" gives the trainer the student role and their own anonymous
    id: the block knows them from their visits as staff, and lets them change nothing."""
    current_viewer(block_for(workbench, "trainer"))
    block = block_for(workbench, "trainer~")
    attrs = block.runtime.service(block, "user").get_current_user().opt_attrs
    assert (
        attrs["edx-platform.user_is_staff"] is False
        and attrs["edx-platform.user_role"] == "student"
    )
    viewer = current_viewer(block)
    assert viewer.anonymous_id == workbench.anonymous_id("trainer")
    assert viewer.is_masquerading and not viewer.is_trainer and not viewer.can_write


def test_a_learner_cannot_masquerade(workbench):
    viewer = current_viewer(block_for(workbench, "alice~bruno"))
    assert not viewer.is_masquerading and viewer.anonymous_id != workbench.anonymous_id("bruno")


@pytest.mark.django_db
def test_the_enrollments_service_lists_the_demo_roster_and_its_enrolled_trainer(settings):
    enrollments = DevEnrollmentsService().get_active_enrollments_by_course("course")
    assert [enrollment.user.username for enrollment in enrollments] == [
        *settings.SPOC_DEV_ROSTER,
        "trainer",
    ]


def test_the_user_service_maps_anonymous_ids_back_to_names(workbench):
    block = block_for(workbench, "trainer")
    service = block.runtime.service(block, "user")
    assert service.get_user_by_anonymous_id(workbench.anonymous_id("chloe")).username == "chloe"
    assert service.get_user_by_anonymous_id("unknown") is None


def test_only_course_staff_get_other_peoples_anonymous_ids(workbench):
    """As the LMS: another user's anonymous id is given to course staff, and to nobody else."""
    for student, expected in (("trainer", workbench.anonymous_id("chloe")), ("alice", None)):
        block = block_for(workbench, student)
        service = block.runtime.service(block, "user")
        assert service.get_anonymous_user_id("chloe", "course-v1:SPOC+Onboarding+2026") == expected


def test_a_masquerading_trainer_is_refused_any_write(workbench):
    workbench.page("spoc_serious_game.0", "trainer")  # seen as the course's staff once
    for student in ("trainer~alice", "trainer~"):
        response = workbench.post("spoc_serious_game.0", "start", student, {})
        assert response.status_code == 403 and "viewing as a learner" in response.json()["error"]


@pytest.mark.platform_only
def test_the_platforms_record_of_the_course_team_unmasks_a_trainer_never_seen_as_staff(workbench):
    """Where the platform keeps course roles (the LMS), a trainer viewing the course "as a learner"
    is known even on their first visit to any of our blocks."""
    response = workbench.post("spoc_serious_game.0", "start", "trainer~", {})
    assert response.status_code == 403 and "viewing as a learner" in response.json()["error"]


@pytest.mark.django_db
def test_the_activity_log_reads_a_cohort_in_one_query(django_assert_num_queries):
    for learner, count in (("a", 3), ("b", 1)):
        for _ in range(count):
            activity.record_activity("course", "usage", "spoc_serious_game", learner, "choice_made")
    with django_assert_num_queries(1):
        cohort = activity.cohort_activity("course")
    assert {learner: row["interactions"] for learner, row in cohort.items()} == {"a": 3, "b": 1}
    assert all(row["last_activity"] for row in cohort.values())


@pytest.mark.django_db
def test_progress_is_upserted_and_done_stays_done(django_assert_num_queries):
    from spoc_xblocks.common import progress

    with django_assert_num_queries(1):
        progress.record_progress("course", "u1", "spoc_serious_game", "a")
    progress.record_progress("course", "u1", "spoc_serious_game", "a", done=True, score=0.5)
    progress.record_progress("course", "u1", "spoc_serious_game", "a")
    rows = progress.cohort_progress("course")
    assert len(rows) == 1 and rows[0]["state"] == "done" and rows[0]["score"] == 0.5


@pytest.mark.django_db
def test_deadlines_create_rows_for_learners_who_have_not_started():
    from datetime import datetime

    from spoc_xblocks.common import progress

    due = datetime(2026, 12, 1, tzinfo=UTC)
    progress.record_progress("course", "w", "spoc_peer_workshop", "a")
    progress.set_due("course", "w", "spoc_peer_workshop", {"a": due, "b": due})
    rows = {row["learner_id"]: row for row in progress.cohort_progress("course")}
    assert rows["a"]["due"] == due and rows["b"]["due"] == due and rows["b"]["state"] == "started"


@pytest.mark.django_db
def test_deadlines_that_did_not_change_are_not_written_again():
    from datetime import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from spoc_xblocks.common import progress

    due, later = datetime(2026, 12, 1, tzinfo=UTC), datetime(2026, 12, 8, tzinfo=UTC)
    progress.set_due("course", "w", "spoc_peer_workshop", {"a": due, "b": due})
    with CaptureQueriesContext(connection) as unchanged:
        progress.set_due("course", "w", "spoc_peer_workshop", {"a": due, "b": due})
    assert [query["sql"].split()[0] for query in unchanged.captured_queries] == ["SELECT"]
    with CaptureQueriesContext(connection) as changed:
        progress.set_due("course", "w", "spoc_peer_workshop", {"a": due, "b": later})
    assert [query["sql"].split()[0] for query in changed.captured_queries] == ["SELECT", "UPDATE"]
    assert {row["learner_id"]: row["due"] for row in progress.cohort_progress("course")} == {
        "a": due,
        "b": later,
    }


def test_display_names_come_from_the_roster_and_the_user_service_only_for_the_others():
    from types import SimpleNamespace

    from spoc_xblocks.common.roster import Learner, display_names, usernames_of

    looked_up = []

    class Users:
        def get_user_by_anonymous_id(self, uid):
            looked_up.append(uid)
            return SimpleNamespace(username="left-the-course") if uid == "gone" else None

    block = SimpleNamespace(runtime=SimpleNamespace(service=lambda block, name: Users()))
    roster = [Learner("a1", "alice"), Learner("b2", "bruno")]
    names = display_names(block, ["a1", "b2", "gone", "0123456789abcdef"], usernames_of(roster))
    assert names == {
        "a1": "alice",
        "b2": "bruno",
        "gone": "left-the-course",
        "0123456789abcdef": "01234567",
    }
    assert looked_up == ["gone", "0123456789abcdef"]
