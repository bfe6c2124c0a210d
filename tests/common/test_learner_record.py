"""What every block shares for "Delete learner state": the learner record that gives the LMS a
StudentModule row (written once, at a learner's first write, by nobody else), and
`clear_student_state` deleting the block's rows with the learner's progress and activity in one
transaction, then telling analytics how many went."""

import pytest

from spoc_xblocks.common import activity
from spoc_xblocks.common.models import ActivityRecord, BlockProgress
from spoc_xblocks.engagement.models import SkillsResponse
from tests.cohort_coach.conftest import ANSWERS, COACH
from tests.engagement.conftest import BEFORE, LEVELS_BEFORE
from tests.platform.runtime import PlatformFieldData
from tests.sites import anonymous_id

pytestmark = pytest.mark.django_db


def state_row(site, scenario_id: str, student: str):
    """The learner's StudentModule row on the platform stand-in (None when there is none)."""
    return site.content.state_row(site.usage_id(scenario_id), site.people.user(student).id)


@pytest.fixture
def record_writes(monkeypatch):
    """Every write of the learner record on the platform stand-in, as whose record it is."""
    writes = []
    real_set = PlatformFieldData.set

    def counted(self, block, name, value):
        if name == "learner_record":
            writes.append(self.user_id)
        real_set(self, block, name, value)

    monkeypatch.setattr(PlatformFieldData, "set", counted)
    return writes


@pytest.mark.platform_only
def test_a_first_write_makes_the_learners_state_row_and_later_writes_leave_it(
    workbench, record_writes
):
    assert state_row(workbench, COACH, "alice") is None
    assert workbench.post(COACH, "post_checkin", "alice", ANSWERS).status_code == 200
    assert state_row(workbench, COACH, "alice") == {"learner_record": True}
    goal = {"text": "Finish", "target": ""}
    assert workbench.post(COACH, "add_goal", "alice", goal).status_code == 200
    assert record_writes == [workbench.people.user("alice").id]


@pytest.mark.platform_only
def test_trainers_refused_writes_and_views_make_no_state_row(workbench, record_writes):
    nudge = {"target": "learner", "learner_id": anonymous_id("alice"), "message": "Hello"}
    assert workbench.post(COACH, "send_nudge", "trainer", nudge).status_code == 200
    assert workbench.post(COACH, "post_checkin", "trainer~alice", ANSWERS).status_code == 403
    assert workbench.post(COACH, "add_goal", "alice", {"text": "", "target": ""}).status_code == 400
    for viewer in ("alice", "trainer~alice", "trainer"):
        workbench.page(COACH, viewer)  # the staff markup reads every field, the learner's included
    assert record_writes == []
    assert not workbench.content.has_state_rows()


def test_the_block_and_the_shared_rows_go_together_or_not_at_all(workbench, monkeypatch):
    assert workbench.post(BEFORE, "answer", "alice", {"levels": LEVELS_BEFORE}).status_code == 200

    def broken(usage_key, learner_id):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(activity, "forget_learner", broken)
    with pytest.raises(RuntimeError):
        workbench.delete_learner_state(BEFORE, "alice")
    counts = (
        SkillsResponse.objects.count(),
        BlockProgress.objects.count(),
        ActivityRecord.objects.count(),
    )
    assert counts == (1, 1, 1)


def test_the_tracking_event_tells_how_many_records_went_and_nothing_more(
    workbench, published_events
):
    assert workbench.post(BEFORE, "answer", "alice", {"levels": LEVELS_BEFORE}).status_code == 200
    del published_events[:]
    workbench.delete_learner_state(BEFORE, "alice")
    workbench.delete_learner_state(BEFORE, "bruno")
    assert published_events == [
        ("spoc.skills_check.learner_state_deleted", {"records": 3}),
        ("spoc.skills_check.learner_state_deleted", {"records": 0}),
    ]


@pytest.mark.platform_only
def test_the_learners_rows_and_state_row_are_committed_together(workbench, monkeypatch):
    from django.db import OperationalError

    from spoc_xblocks.cohort_coach.models import CheckIn

    def lost(self, block, name, value):
        raise OperationalError("the database went away")

    monkeypatch.setattr(PlatformFieldData, "set", lost)
    assert workbench.post(COACH, "post_checkin", "alice", ANSWERS).status_code == 503
    assert not CheckIn.objects.exists()
    assert not ActivityRecord.objects.exists()
    assert state_row(workbench, COACH, "alice") is None
