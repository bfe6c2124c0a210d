""" "Delete learner state" on a serious game: the learner's runs go (and only theirs), they play
afresh, the debrief no longer counts them."""

import pytest

from spoc_xblocks.common.models import ActivityRecord, BlockProgress
from spoc_xblocks.serious_game import api
from spoc_xblocks.serious_game.models import Run, Step
from tests.sites import anonymous_id

from .conftest import EN, FAILURE_PATH, STRICT, SUCCESS_PATH


def learner_rows(student: str, usage_key: str) -> dict:
    learner = anonymous_id(student)
    return {
        "runs": Run.objects.filter(usage_key=usage_key, learner_id=learner).count(),
        "steps": Step.objects.filter(run__usage_key=usage_key, run__learner_id=learner).count(),
        "progress": BlockProgress.objects.filter(usage_key=usage_key, learner_id=learner).count(),
        "activity": ActivityRecord.objects.filter(usage_key=usage_key, learner_id=learner).count(),
    }


def test_the_learners_runs_progress_and_activity_go_and_only_theirs(workbench, player):
    usage_key = workbench.usage_id(EN)
    alice, bruno = player("alice"), player("bruno")
    alice.start()
    alice.play(SUCCESS_PATH)
    bruno.start()
    bruno.play(SUCCESS_PATH[:2])
    bruno_before = learner_rows("bruno", usage_key)
    assert api.debrief_counts(usage_key)["learners_started"] == 2
    response = workbench.delete_learner_state(EN, "alice")
    assert response.status_code == 200, response.content
    assert learner_rows("alice", usage_key) == {"runs": 0, "steps": 0, "progress": 0, "activity": 0}
    assert learner_rows("bruno", usage_key) == bruno_before
    counts = api.debrief_counts(usage_key)
    assert counts["learners_started"] == 1
    assert (counts["learners_finished"], counts["finished_runs"]) == (0, [])


def test_the_learner_plays_afresh_even_where_their_attempts_were_used_up(workbench, player):
    alice = player("alice", STRICT)
    for _attempt in range(2):
        alice.start()
        alice.play(FAILURE_PATH)
    assert alice.post("start", {}).status_code == 400
    assert workbench.delete_learner_state(STRICT, "alice").status_code == 200
    html = workbench.page(STRICT, "alice").content.decode()
    assert "spoc-sg__panel--intro" in html and 'data-spoc-handler="start"' in html
    alice.start()
    assert Run.objects.get(learner_id=anonymous_id("alice")).attempt == 1


@pytest.mark.platform_only
def test_the_instructor_dashboard_finds_the_state_of_a_learner_who_only_started(workbench, player):
    """No grade was published (the LMS's other way to a StudentModule row): the learner record made
    the row."""
    player("alice").start()
    response = workbench.delete_learner_state(EN, "alice")
    assert response.status_code == 200, response.content
    assert not Run.objects.exists()
    alice = workbench.people.user("alice").id
    assert workbench.content.state_row(workbench.usage_id(EN), alice) is None
