"""The course roster kept between requests: a trainer's next view reads markers, not every enrolled
user, and still shows at once whoever enrolled, left, joined the course team or was seen as staff;
a roster with learners nobody identified yet is never kept."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from spoc_xblocks.common import members, roster
from spoc_xblocks.common.models import CourseMember
from tests.cohort_coach.conftest import COACH
from tests.platform.models import CourseAccessRole, CourseEnrollment
from tests.platform.site import COURSE_KEY

pytestmark = pytest.mark.django_db
MEMBERS = CourseMember._meta.db_table


def names(site, viewer: str = "trainer") -> set[str]:
    return {learner.username for learner in roster.course_roster(site.block_for(COACH, viewer))}


def test_a_trainers_next_view_reads_the_members_marker_alone(workbench):
    workbench.page(COACH, "trainer")  # the trainer's first visit records them as staff
    first = names(workbench)
    with CaptureQueriesContext(connection) as queries:
        assert names(workbench) == first
    assert "alice" in first and "trainer" not in first
    assert len([query for query in queries if MEMBERS in query["sql"]]) == 1


def test_a_learner_added_to_the_roster_shows_at_the_next_view(workbench, settings):
    assert "zoe" not in names(workbench)
    settings.SPOC_DEV_ROSTER = [*settings.SPOC_DEV_ROSTER, "zoe"]
    workbench.page(COACH, "zoe")  # the learner's own visit records them
    assert "zoe" in names(workbench)
    settings.SPOC_DEV_ROSTER = [name for name in settings.SPOC_DEV_ROSTER if name != "alice"]
    assert "alice" not in names(workbench) and "zoe" in names(workbench)


@pytest.mark.platform_only
def test_a_trainers_next_view_on_the_lms_reads_no_enrolled_user(workbench):
    first = names(workbench)
    enrollments = CourseEnrollment._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        assert names(workbench) == first
    assert "alice" in first and "trainer" not in first
    assert not [query["sql"] for query in queries if "auth_user" in query["sql"]]
    assert len([query for query in queries if enrollments in query["sql"]]) == 1


@pytest.mark.platform_only
def test_who_enrolls_leaves_or_joins_the_team_shows_at_the_next_view(workbench):
    people = workbench.people
    assert "zoe" not in names(workbench)
    CourseEnrollment.objects.create(user=people.user("zoe"), course_id=COURSE_KEY)
    assert "zoe" in names(workbench)

    # one enrollment made inactive and an older one active again: as many rows as before
    CourseEnrollment.objects.filter(user=people.user("zoe")).update(is_active=False)
    CourseEnrollment.objects.filter(user=people.user("alice")).update(is_active=False)
    assert "alice" not in names(workbench)
    CourseEnrollment.objects.filter(user=people.user("alice")).update(is_active=True)
    CourseEnrollment.objects.filter(user=people.user("bruno")).update(is_active=False)
    assert names(workbench) >= {"alice"} and "bruno" not in names(workbench)

    CourseAccessRole.objects.create(user=people.user("chloe"), course_id=COURSE_KEY, role="staff")
    assert "chloe" not in names(workbench)
    members.note_staff(COURSE_KEY, workbench.anonymous_id("david"))
    assert "david" not in names(workbench)


@pytest.mark.platform_only
def test_a_learners_request_before_anyone_is_identified_keeps_nothing(workbench):
    assert names(workbench, "alice") <= {"alice"}  # only those already identified
    assert "bruno" in names(workbench)
    assert "bruno" in names(workbench, "alice")  # the trainer's roster, kept


@pytest.mark.platform_only
def test_a_kept_roster_is_read_again_after_a_minute(workbench, monkeypatch):
    assert "alice" in names(workbench)
    alice = workbench.people.user("alice")
    alice.username = "alice_renamed"
    alice.save()
    assert "alice" in names(workbench)  # a username is not in the markers
    later = timezone.now() + timedelta(seconds=roster.ROSTER_SECONDS + 1)
    monkeypatch.setattr(roster.timezone, "now", lambda: later)
    assert "alice_renamed" in names(workbench)
