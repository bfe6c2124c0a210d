""" "Delete learner state" on the engagement widgets: a named pulse answer and a skills-check answer
go (and only the learner's), the learner may answer again; an anonymous pulse answer cannot be
traced and stays."""

from spoc_xblocks.common.models import ActivityRecord, BlockProgress
from spoc_xblocks.engagement import api
from spoc_xblocks.engagement.models import PulseParticipation, PulseResponse, SkillsResponse
from tests.sites import anonymous_id

from .conftest import AFTER, BEFORE, COURSE, LEVELS_AFTER, NAMED, PULSE, TRAINER

FORM = 'class="spoc-pulse__form"'


def page(workbench, student, scenario_id) -> str:
    return workbench.page(scenario_id, student).content.decode()


def shared_rows(student: str, usage_key: str) -> int:
    learner = anonymous_id(student)
    return (
        BlockProgress.objects.filter(usage_key=usage_key, learner_id=learner).count()
        + ActivityRecord.objects.filter(usage_key=usage_key, learner_id=learner).count()
    )


def test_a_named_pulse_answer_goes_and_the_learner_may_answer_again(answer, workbench):
    usage_key = workbench.usage_id(NAMED)
    for learner in ("alice", "bruno"):
        assert answer(learner, scenario_id=NAMED).status_code == 200
    assert api.pulse_counters(usage_key)["responses"] == 2
    response = workbench.delete_learner_state(NAMED, "alice")
    assert response.status_code == 200, response.content
    alice = anonymous_id("alice")
    assert not PulseResponse.objects.filter(learner_id=alice).exists()
    assert not PulseParticipation.objects.filter(learner_id=alice).exists()
    assert shared_rows("alice", usage_key) == 0 and shared_rows("bruno", usage_key) == 2
    assert api.pulse_counters(usage_key)["responses"] == 1
    assert "1 response so far." in page(workbench, TRAINER, NAMED)
    assert FORM in page(workbench, "alice", NAMED)
    assert answer("alice", scenario_id=NAMED).status_code == 200


def test_an_anonymous_pulse_answer_cannot_be_traced_and_stays(answer, workbench):
    usage_key = workbench.usage_id(PULSE)
    assert answer("alice").status_code == 200
    assert workbench.delete_learner_state(PULSE, "alice").status_code == 200
    assert not PulseParticipation.objects.filter(learner_id=anonymous_id("alice")).exists()
    assert list(PulseResponse.objects.values_list("learner_id", flat=True)) == [None]
    assert shared_rows("alice", usage_key) == 0
    assert FORM in page(workbench, "alice", PULSE)


def test_a_skills_check_answer_goes_and_only_in_that_half(rate, workbench):
    for learner in ("alice", "bruno"):
        assert rate(learner).status_code == 200
    assert rate("alice", LEVELS_AFTER, scenario_id=AFTER).status_code == 200
    usage_key = workbench.usage_id(BEFORE)
    response = workbench.delete_learner_state(BEFORE, "alice")
    assert response.status_code == 200, response.content
    alice = anonymous_id("alice")
    phases = SkillsResponse.objects.filter(learner_id=alice).values_list("phase", flat=True)
    assert list(phases) == ["after"]
    assert SkillsResponse.objects.filter(learner_id=anonymous_id("bruno")).count() == 1
    assert shared_rows("alice", usage_key) == 0 and shared_rows("bruno", usage_key) == 2
    check_id = SkillsResponse.objects.values_list("check_id", flat=True).first()
    assert {(row["learner_id"], row["phase"]) for row in api.check_responses(COURSE, check_id)} == {
        (anonymous_id("bruno"), "before"),
        (alice, "after"),
    }
    # Alice's before check is gone, but she took the after check: the before can no longer be
    # taken (her levels today would not say where she started); the deletion let her answer again
    # only where that still makes sense.
    refused = rate("alice")
    assert refused.status_code == 400 and "end-of-course" in refused.json()["error"]
    workbench.delete_learner_state(AFTER, "alice")
    assert rate("alice").status_code == 200
