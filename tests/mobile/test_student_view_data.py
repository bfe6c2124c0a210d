"""student_view_data as the Open edX Course Blocks API collects it for the mobile apps.

edx-platform's StudentViewTransformer.collect calls `block.student_view_data()` with no argument on
each block of the course as the modulestore holds it, bound to no user, and caches the result for
every learner until the course is published again. So each block's data must: be JSON, read no user,
no clock and no learner data (none of our tables), never raise (a raise breaks the whole course's
collection), and carry what the app needs to show the block and nothing a learner must not see.
Learner data is seeded with markers to prove its absence.
"""

from __future__ import annotations

import json
from unittest import mock

import pytest

from spoc_xblocks.dev.demo_client import DemoClient
from tests.sites import anonymous_id as anonymous_id_for

GAME, WORKSHOP, COACH = "spoc_serious_game.0", "spoc_peer_workshop.0", "spoc_cohort_coach.0"
PULSE, NAMED_PULSE, BEFORE, AFTER = (
    "spoc_pulse.0",
    "spoc_pulse.1",
    "spoc_skills_check.0",
    "spoc_skills_check.1",
)
ROSTER = (
    "alice",
    "bruno",
    "chloe",
    "david",
    "emma",
    "farid",
    "giulia",
    "hugo",
    "ines",
    "jules",
    "karim",
    "lea",
)
OUR_TABLES = ('"spoc_', '"submissions_')


def stored_block(workbench, scenario_id: str):
    return workbench.stored_block(scenario_id)


def collect(workbench, scenario_id: str) -> dict:
    """The block's student_view_data as the platform collects it, once checked to use no user, clock
    or learner row.

    Returned as a client decodes it from JSON.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    block = stored_block(workbench, scenario_id)
    real_service = block.runtime.service

    def service(asking_block, name):
        assert name != "user", (
            "student_view_data is collected for no user: it must not read the user service"
        )
        return real_service(asking_block, name)

    clock = AssertionError(
        "student_view_data is cached until the course is published: it must not read the clock"
    )
    with (
        mock.patch.object(block.runtime, "service", service),
        mock.patch("django.utils.timezone.now", side_effect=clock),
        CaptureQueriesContext(connection) as queries,
    ):
        data = block.student_view_data()
    learner_reads = [
        query["sql"] for query in queries if any(table in query["sql"] for table in OUR_TABLES)
    ]
    assert learner_reads == [], "student_view_data must not read learners' rows"
    return json.loads(json.dumps(data))


def keys_anywhere(data) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {key for value in data.values() for key in keys_anywhere(value)}
    if isinstance(data, list):
        return {key for value in data for key in keys_anywhere(value)}
    return set()


def assert_none_in(data: dict, markers) -> None:
    text = json.dumps(data, ensure_ascii=False)
    found = [marker for marker in markers if marker and marker in text]
    assert found == [], f"the mobile data shows what a learner must not see: {found}"


def learner_ids() -> list[str]:
    return [anonymous_id_for(learner) for learner in (*ROSTER, "trainer")]


# ---- serious game
# ---------------------------------------------------------------------------------------------


@pytest.mark.workbench_only  # seeded through the workbench's handler URLs
def test_the_game_data_has_its_title_and_settings_and_no_answer_key(workbench):
    from spoc_xblocks.dev.seed import serious_game as demo_seed
    from spoc_xblocks.serious_game.workflow import load_scenario

    before = collect(workbench, GAME)
    usage_id = workbench.usage_id(GAME)
    demo_seed.play(DemoClient(), usage_id, "alice", "finish", "alice")
    demo_seed.play(DemoClient(), usage_id, "david", 2, "david")
    data = collect(workbench, GAME)
    assert data == before

    scenario = load_scenario(stored_block(workbench, GAME).scenario_xml)
    assert (
        data["available"] is True
        and data["title"] == scenario.title
        and data["node_count"] == len(scenario.nodes)
    )
    assert data["display_name"] and data["graded"] is True and data["grading_mode"] == "path"
    assert {"allow_back", "allow_replay", "attempt_limit"} <= set(data)
    assert not keys_anywhere(data) & {
        "nodes",
        "choices",
        "feedback",
        "effects",
        "points",
        "condition",
        "score",
        "outcome",
        "target",
        "competencies",
    }
    choices = [choice for node in scenario.nodes for choice in node.choices]
    answer_key = [choice.feedback for choice in choices] + [choice.condition for choice in choices]
    answer_key += [node.body for node in scenario.nodes] + [
        node.title for node in scenario.nodes if node.is_ending
    ]
    assert len([text for text in answer_key if text]) > 10
    assert_none_in(data, answer_key + learner_ids())


def test_a_broken_scenario_is_reported_unavailable_instead_of_breaking_the_course(workbench):
    block = stored_block(workbench, GAME)
    block.scenario_xml = "<scenario><node id='a'"
    block.save()
    data = collect(workbench, GAME)
    assert data["available"] is False and data["title"] == "" and data["node_count"] == 0


# ---- peer workshop
# --------------------------------------------------------------------------------------------


@pytest.mark.workbench_only  # seeded through the workbench's handler URLs
def test_the_workshop_data_has_the_assignment_dates_and_rubric_and_nobodys_work(
    workbench, scenarios
):
    from spoc_xblocks.dev.seed import peer_workshop as demo_seed
    from spoc_xblocks.peer_workshop.models import Review, Submission

    before = collect(workbench, WORKSHOP)
    demo_seed.seed(DemoClient(), scenarios)
    assert Submission.objects.count() == 9 and Review.objects.filter(status=Review.DONE).exists()
    data = collect(workbench, WORKSHOP)
    assert data == before

    assert data["available"] is True and data["display_name"] == "Complaint procedure workshop"
    assert "<p>" in data["prompt"] and "<script" not in data["prompt"]
    assert set(data["dates"]) == {"submission_opens", "submission_due", "review_due", "close_date"}
    assert data["reviews_per_submission"] == 2 and data["self_assessment"] is False
    criterion = data["rubric"][0]
    assert criterion["label"] and criterion["prompt"] and len(criterion["levels"]) >= 2
    assert {"label", "points"} == set(criterion["levels"][0])
    assert not keys_anywhere(data) & {
        "phase",
        "submissions",
        "reviews",
        "reviewer",
        "grades",
        "groups",
    }
    comments = [plan[1][1] for plan in demo_seed.REVIEWERS.values() if plan[1]]
    assert_none_in(
        data,
        [
            *demo_seed.PIECES.values(),
            *comments,
            "Two words and the lowest level",
            "Two days left for your reviews",
            *learner_ids(),
        ],
    )


def test_a_broken_rubric_is_reported_unavailable_instead_of_breaking_the_course(workbench):
    block = stored_block(workbench, WORKSHOP)
    block.rubric_xml = "<rubric><criterion"
    block.save()
    data = collect(workbench, WORKSHOP)
    assert data["available"] is False and data["rubric"] == [] and data["prompt"]


# ---- cohort coach
# ---------------------------------------------------------------------------------------------


@pytest.mark.workbench_only  # seeded through the workbench's handler URLs
def test_the_coach_data_has_the_questions_and_cadence_and_no_learner_or_trainer_note(
    workbench, scenarios
):
    from spoc_xblocks.cohort_coach.models import CheckIn, Flag
    from spoc_xblocks.dev.seed import cohort_coach as demo_seed

    before = collect(workbench, COACH)
    demo_seed.seed(DemoClient(), scenarios)
    assert CheckIn.objects.count() > 30 and Flag.objects.filter(status="contacted").exists()
    data = collect(workbench, COACH)
    assert data == before

    assert data["display_name"] == "Weekly check-in with your trainer" and data["cadence_days"] == 7
    assert data["start_date"] is None
    questions = {question["id"]: question for question in data["questions"]}
    assert list(questions) == ["progress", "confidence", "mood", "blockers", "help"]
    assert questions["confidence"] == {
        "id": "confidence",
        "required": False,
        "kind": "number",
        "minimum": 1,
        "maximum": 5,
    }
    assert questions["mood"]["kind"] == "choice" and "struggling" in questions["mood"]["options"]
    assert questions["blockers"]["kind"] == "text" and questions["blockers"]["max_length"] == 1000
    assert not keys_anywhere(data) & {
        "checkins",
        "flags",
        "notes",
        "nudges",
        "slots",
        "goals",
        "rules",
        "learners",
    }
    written = [week[3] for weeks in demo_seed.PLAN.values() for week in weeks if week]
    assert_none_in(
        data,
        [
            *written,
            *demo_seed.REPLIES.values(),
            *demo_seed.GOALS.values(),
            "Called Hugo",
            "Emailed Farid",
            "Hi Karim",
            "Room 2",
            "meet.example.com",
            *learner_ids(),
        ],
    )


def test_the_coach_questions_follow_the_authored_choice(workbench):
    block = stored_block(workbench, COACH)
    block.questions = "blockers confidence"
    block.save()
    assert [question["id"] for question in collect(workbench, COACH)["questions"]] == [
        "confidence",
        "blockers",
    ]


# ---- pulse and skills check
# -----------------------------------------------------------------------------------


def test_the_pulse_data_has_the_questions_and_terms_and_no_answer_or_tally(workbench):
    anonymous_before, named_before = collect(workbench, PULSE), collect(workbench, NAMED_PULSE)
    for learner in (
        "alice",
        "bruno",
    ):  # fewer than the 3 answers an anonymous pulse needs to show figures
        answers = {
            "pace": 5,
            "sessions": 1,
            "recommend": 0,
            "helped": "workshop",
            "change": f"MARKER-{learner}",
        }
        assert workbench.post(PULSE, "answer", learner, {"answers": answers}).status_code == 200
        assert (
            workbench.post(NAMED_PULSE, "answer", learner, {"answers": answers}).status_code == 200
        )
    anonymous, named = collect(workbench, PULSE), collect(workbench, NAMED_PULSE)
    assert (anonymous, named) == (anonymous_before, named_before)

    assert anonymous["anonymous"] is True and anonymous["learner_results"] is True
    assert named["anonymous"] is False and named["learner_results"] is False
    assert anonymous["display_name"] == "How is the course going?" and anonymous["intro"]
    kinds = {question["id"]: question["kind"] for question in anonymous["questions"]}
    assert kinds == {
        "pace": "likert",
        "sessions": "stars",
        "recommend": "nps",
        "helped": "single",
        "wanted": "multiple",
        "change": "text",
    }
    helped = next(question for question in anonymous["questions"] if question["id"] == "helped")
    assert helped["text"] and ["workshop", "The peer workshop"] in helped["options"]
    assert {"opens", "closes"} <= set(anonymous)
    for data in (anonymous, named):
        assert not keys_anywhere(data) & {
            "count",
            "counts",
            "results",
            "answers",
            "responses",
            "average",
            "nps",
        }
        assert_none_in(data, ["MARKER-", *learner_ids()])


def test_the_skills_data_has_the_competencies_and_no_learner_level(workbench):
    before_check, after_check = collect(workbench, BEFORE), collect(workbench, AFTER)
    levels = {"listening": 1, "deescalation": 2, "procedure": 3}
    for learner in ("alice", "bruno", "chloe", "david"):
        assert workbench.post(BEFORE, "answer", learner, {"levels": levels}).status_code == 200
        assert (
            workbench.post(
                AFTER, "answer", learner, {"levels": {key: 5 for key in levels}}
            ).status_code
            == 200
        )
    assert (collect(workbench, BEFORE), collect(workbench, AFTER)) == (before_check, after_check)

    assert before_check["check_id"] == after_check["check_id"] == "customer-calls"
    assert (before_check["phase"], after_check["phase"]) == ("before", "after")
    assert [competency["id"] for competency in after_check["competencies"]] == list(levels)
    assert all(
        competency["label"] and len(competency["levels"]) == 5
        for competency in after_check["competencies"]
    )
    assert not keys_anywhere(after_check) & {
        "levels_by_learner",
        "change",
        "delta",
        "average",
        "responses",
    }
    assert_none_in(after_check, learner_ids())


@pytest.mark.parametrize("scenario_id", [GAME, WORKSHOP, COACH, PULSE, BEFORE])
def test_every_block_declares_it_works_on_mobile(workbench, scenario_id):
    block = stored_block(workbench, scenario_id)
    assert block.has_support(type(block).student_view, "multi_device")
