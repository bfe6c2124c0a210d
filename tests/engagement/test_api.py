"""The contract the cohort coach reads: satisfaction and skills delta, each in constant queries per
course."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from spoc_xblocks.engagement import api

from .conftest import AFTER, COURSE, NAMED, PULSE, TRAINER

LABELS = [["a", "Alpha"], ["b", "Beta"]]


def answers(**values):
    kinds = {"pace": "likert", "stars": "stars", "nps": "nps", "helped": "single"}
    return {
        question: {"kind": kinds[question], "value": value} for question, value in values.items()
    }


def test_satisfaction_follows_the_contract(db):
    api.record_pulse_answer(
        COURSE, "pulse-anon", "ann", answers(pace=5, nps=10), anonymous=True, rated=True
    )
    api.record_pulse_answer(
        COURSE, "pulse-anon", "bob", answers(pace=1, nps=3), anonymous=True, rated=True
    )
    api.record_pulse_answer(
        COURSE, "pulse-named", "ann", answers(stars=4, helped="x"), anonymous=False, rated=True
    )
    api.record_pulse_answer(
        COURSE, "pulse-named", "cid", answers(helped="y"), anonymous=False, rated=False
    )
    api.record_pulse_answer(
        "other-course", "elsewhere", "ann", answers(pace=1), anonymous=False, rated=True
    )
    assert api.satisfaction(COURSE) == {
        "responses": 2,  # ann and bob rated something; cid answered a choice only
        "average_percent": 58.3,  # (100 + 0 + 75) / 3
        "nps": 0,  # one promoter, one detractor
        "by_learner": {
            "ann": 75.0
        },  # named pulses only: bob's and ann's anonymous answers are never mapped
    }


def test_a_course_without_pulses_has_no_satisfaction_figures(db):
    assert api.satisfaction(COURSE) == {
        "responses": 0,
        "average_percent": None,
        "nps": None,
        "by_learner": {},
    }


def test_a_double_answer_raises_and_leaves_one_response(db):
    api.record_pulse_answer(COURSE, "p", "ann", answers(pace=5), anonymous=True, rated=True)
    # A caller that goes on after the refusal gives the write its own savepoint (the handlers roll
    # back instead).
    with pytest.raises(api.AlreadyAnswered), transaction.atomic():
        api.record_pulse_answer(COURSE, "p", "ann", answers(pace=1), anonymous=True, rated=True)
    counters = api.pulse_counters("p")
    assert (counters["responses"], counters["anonymous"], counters["pace likert 5"]) == (1, 1, 1)


def test_skills_delta_follows_the_contract(db):
    for learner, before, after in (
        ("ann", {"a": 1, "b": 2}, {"a": 3, "b": 3}),
        ("bob", {"a": 2, "b": 2}, {"a": 3, "b": 2}),
        ("cid", {"a": 1, "b": 1}, None),
    ):
        api.record_skills_answer(COURSE, "before", "pair", "before", learner, before, LABELS)
        if after:
            api.record_skills_answer(COURSE, "after", "pair", "after", learner, after, LABELS)
    delta = api.skills_delta(COURSE)
    assert delta["learners"] == 2
    assert delta["by_learner"] == {"ann": 1.5, "bob": 0.5}
    assert delta["competencies"] == [
        {
            "check_id": "pair",
            "id": "a",
            "label": "Alpha",
            "learners": 2,
            "before_average": 1.5,
            "after_average": 3.0,
            "delta_average": 1.5,
            "delta_spread": 0.5,
        },
        {
            "check_id": "pair",
            "id": "b",
            "label": "Beta",
            "learners": 2,
            "before_average": 2.0,
            "after_average": 2.5,
            "delta_average": 0.5,
            "delta_spread": 0.5,
        },
    ]


def fill_course(start: int, stop: int):
    """Learners start..stop answer an anonymous and a named pulse and both halves of a skills
    check."""
    for index in range(start, stop):
        learner = f"learner{index:03d}"
        api.record_pulse_answer(
            COURSE,
            "pulse-anon",
            learner,
            answers(pace=1 + index % 5, nps=index % 11),
            anonymous=True,
            rated=True,
        )
        api.record_pulse_answer(
            COURSE,
            "pulse-named",
            learner,
            answers(stars=1 + index % 5),
            anonymous=False,
            rated=True,
        )
        api.record_skills_answer(
            COURSE, "before", "pair", "before", learner, {"a": 1, "b": 2}, LABELS
        )
        api.record_skills_answer(
            COURSE, "after", "pair", "after", learner, {"a": 1 + index % 5, "b": 3}, LABELS
        )


def queries(function) -> int:
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured)


@pytest.mark.parametrize("read", [api.satisfaction, api.skills_delta])
def test_course_reads_take_the_same_queries_for_5_and_60_learners(db, read):
    fill_course(0, 5)
    small = queries(lambda: read(COURSE))
    fill_course(5, 60)
    assert len(read(COURSE)["by_learner"]) == 60
    assert queries(lambda: read(COURSE)) == small <= 2


@pytest.mark.parametrize("scenario_id, phase", [(PULSE, None), (NAMED, None), (AFTER, "after")])
def test_trainer_pages_take_the_same_queries_for_5_and_50_learners(workbench, scenario_id, phase):
    usage_id = workbench.usage_id(scenario_id)

    def add(start: int, stop: int):
        for index in range(start, stop):
            learner = f"learner{index:03d}"
            if phase:
                api.record_skills_answer(
                    COURSE,
                    f"{usage_id}-before",
                    "customer-calls",
                    "before",
                    learner,
                    {"listening": 1, "deescalation": 2, "procedure": 3},
                    [],
                )
                api.record_skills_answer(
                    COURSE,
                    usage_id,
                    "customer-calls",
                    "after",
                    learner,
                    {"listening": 1 + index % 5, "deescalation": 3, "procedure": 3},
                    [],
                )
            else:
                api.record_pulse_answer(
                    COURSE,
                    usage_id,
                    learner,
                    answers(pace=1 + index % 5, stars=3, nps=9, helped="game"),
                    anonymous=scenario_id == PULSE,
                    rated=True,
                )

    add(0, 5)
    workbench.page(scenario_id, TRAINER)
    small = queries(lambda: workbench.page(scenario_id, TRAINER))
    add(5, 50)
    assert queries(lambda: workbench.page(scenario_id, TRAINER)) == small


@pytest.mark.django_db(transaction=True)
def test_upgrading_counts_the_responses_stored_before_the_counters_existed():
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    call_command("migrate", "spoc_engagement", "0001", verbosity=0)
    old_state = MigrationExecutor(connection).loader.project_state(
        ("spoc_engagement", "0001_initial")
    )
    stored = old_state.apps.get_model("spoc_engagement", "PulseResponse")
    stored.objects.create(
        course_key=COURSE, usage_key="p", answers=answers(pace=4), learner_id=None
    )
    stored.objects.create(
        course_key=COURSE, usage_key="p", answers=answers(pace=4, nps=9), learner_id="ann"
    )
    call_command("migrate", "spoc_engagement", verbosity=0)
    assert api.pulse_counters("p") == {
        "responses": 2,
        "anonymous": 1,
        "pace likert answered": 2,
        "pace likert 4": 2,
        "nps nps answered": 1,
        "nps nps 9": 1,
    }


def test_the_editor_reads_how_many_answered_each_question_and_competency(db):
    from spoc_xblocks.engagement.models import PulseResponse

    for answers in ({"pace": 4, "change": "More"}, {"pace": 2}):
        PulseResponse.objects.create(course_key=COURSE, usage_key="pulse", answers=answers)
    for learner, levels in (("a", {"listening": 2}), ("b", {"listening": 3, "procedure": 1})):
        api.record_skills_answer(COURSE, "skills", "c", "before", learner, levels, [])
    assert api.answered_questions("pulse") == {"pace": 2, "change": 1}
    assert api.rated_competencies("skills") == {"listening": 2, "procedure": 1}
    assert api.answered_questions("elsewhere") == {}
