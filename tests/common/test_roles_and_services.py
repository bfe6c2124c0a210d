"""The development services answer like the LMS's, and the one role check reads them right."""
from datetime import UTC

import pytest
from workbench.runtime import WorkbenchRuntime

from spoc_xblocks.common import activity
from spoc_xblocks.common.roles import current_viewer
from spoc_xblocks.dev.services import DevEnrollmentsService, anonymous_id_for


def block_for(workbench, student):
    return WorkbenchRuntime(student).get_block(workbench.usage_id("spoc_serious_game.0"))


def test_a_learner_is_not_a_trainer_and_has_a_stable_anonymous_id(workbench):
    viewer = current_viewer(block_for(workbench, "alice"))
    assert not viewer.is_trainer and viewer.can_write and viewer.username == "alice"
    assert viewer.anonymous_id == anonymous_id_for("alice") and len(viewer.anonymous_id) == 32
    assert viewer.anonymous_id != current_viewer(block_for(workbench, "bruno")).anonymous_id


def test_the_user_service_carries_the_edx_platform_attributes(workbench):
    block = block_for(workbench, "trainer")
    attrs = block.runtime.service(block, "user").get_current_user().opt_attrs
    assert attrs["edx-platform.user_is_staff"] is True
    assert attrs["edx-platform.user_role"] == "instructor"
    assert attrs["edx-platform.username"] == "trainer"
    assert attrs["edx-platform.anonymous_user_id"] == anonymous_id_for("trainer")
    assert current_viewer(block).is_trainer


def test_a_masquerading_trainer_sees_the_learner_and_can_write_nothing(workbench):
    viewer = current_viewer(block_for(workbench, "trainer~alice"))
    assert viewer.is_masquerading and not viewer.is_trainer and not viewer.can_write
    assert viewer.anonymous_id == anonymous_id_for("alice")


def test_a_learner_cannot_masquerade(workbench):
    viewer = current_viewer(block_for(workbench, "alice~bruno"))
    assert not viewer.is_masquerading and viewer.username == "alice~bruno"


def test_the_enrollments_service_lists_the_demo_roster(settings):
    enrollments = DevEnrollmentsService().get_active_enrollments_by_course("course")
    assert [enrollment.user.username for enrollment in enrollments] == settings.SPOC_DEV_ROSTER


def test_the_user_service_maps_anonymous_ids_back_to_names(workbench):
    block = block_for(workbench, "trainer")
    service = block.runtime.service(block, "user")
    assert service.get_user_by_anonymous_id(anonymous_id_for("chloe")).username == "chloe"
    assert service.get_user_by_anonymous_id("unknown") is None


def test_a_masquerading_trainer_is_refused_any_write(workbench):
    response = workbench.post("spoc_serious_game.0", "start", "trainer~alice", {})
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
    assert {row["learner_id"]: row["due"] for row in progress.cohort_progress("course")} == {"a": due, "b": later}


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
    assert names == {"a1": "alice", "b2": "bruno", "gone": "left-the-course", "0123456789abcdef": "01234567"}
    assert looked_up == ["gone", "0123456789abcdef"]
