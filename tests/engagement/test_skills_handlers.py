"""Learners take the before and after skills checks through the real handler URLs; trainers see the
change."""

import csv
import io

import pytest

from spoc_xblocks.common.models import ActivityRecord, BlockProgress
from spoc_xblocks.engagement.models import SkillsResponse
from tests.downloads import csv_text
from tests.sites import anonymous_id as anonymous_id_for

from .conftest import AFTER, BEFORE, LEVELS_AFTER, LEVELS_BEFORE, TRAINER


def snapshot():
    return (
        list(SkillsResponse.objects.values_list("id", "levels")),
        ActivityRecord.objects.count(),
        BlockProgress.objects.count(),
    )


def assert_refused(response, fragment, before, status=400):
    assert response.status_code == status, response.content
    assert fragment in response.json()["error"]
    assert snapshot() == before


def page(workbench, student, scenario_id=BEFORE) -> str:
    return workbench.page(scenario_id, student).content.decode()


def test_each_competency_is_a_labelled_group_of_five_levels(workbench):
    html = page(workbench, "alice")
    assert html.count('class="spoc-skills__competency"') == 3
    assert html.count('<input type="radio"') == 15
    assert '<legend class="spoc-skills__legend">1. Active listening</legend>' in html
    assert "Level 1:</strong> I often interrupt" in html
    assert "Your trainer sees your self-assessment with your name." in html


def test_a_before_answer_is_stored_with_the_pair_id_and_published(
    rate, published_events, workbench
):
    response = rate("alice")
    assert response.status_code == 200 and "Your levels" in response.json()["html"]
    stored = SkillsResponse.objects.get()
    assert (stored.check_id, stored.phase, stored.learner_id) == (
        "customer-calls",
        "before",
        anonymous_id_for("alice"),
    )
    assert stored.levels == LEVELS_BEFORE and stored.competencies[0] == [
        "listening",
        "Active listening",
    ]
    assert ActivityRecord.objects.get().verb == "skills_answered"
    assert BlockProgress.objects.get().block_type == "spoc_skills_check"
    assert ("completion", {"completion": 1.0}) in published_events
    assert (
        "spoc.skills_check.answered",
        {"check_id": "customer-calls", "phase": "before", "levels": LEVELS_BEFORE},
    ) in published_events
    assert "You have taken this skills check" in page(workbench, "alice")


def test_the_after_check_shows_the_learners_own_change_as_a_chart_and_a_table(rate, workbench):
    rate("alice")
    html = rate("alice", LEVELS_AFTER, AFTER).json()["html"]
    assert "How your levels changed" in html and 'role="img"' in html
    assert ">+2</text>" in html and ">0</text>" in html
    assert (
        '<th scope="row">Active listening</th><td class="spoc-num">2</td><td '
        'class="spoc-num">4</td>'
        '<td class="spoc-num">+2</td>' in html
    )
    assert "How your levels changed" in page(workbench, "alice", AFTER)


def test_an_after_check_without_a_before_says_there_is_no_change_to_show(rate):
    html = rate("bruno", LEVELS_AFTER, AFTER).json()["html"]
    assert (
        "did not take the skills check at the start" in html
        and "How your levels changed" not in html
    )


def test_a_learner_never_sees_another_learners_change(rate, workbench):
    rate("alice")
    rate("alice", LEVELS_AFTER, AFTER)
    html = page(workbench, "bruno", AFTER)
    assert "How your levels changed" not in html and 'class="spoc-skills__cohort"' not in html


def test_the_trainer_sees_the_cohorts_average_change_and_spread(rate, workbench):
    rate("alice", {"listening": 1, "deescalation": 2, "procedure": 3})
    rate("alice", {"listening": 3, "deescalation": 2, "procedure": 3}, AFTER)
    rate("bruno", {"listening": 2, "deescalation": 2, "procedure": 3})
    rate("bruno", {"listening": 3, "deescalation": 4, "procedure": 2}, AFTER)
    rate("chloe", {"listening": 2, "deescalation": 2, "procedure": 2})
    html = page(workbench, TRAINER, AFTER)
    assert '<span class="spoc-skills__kpi">2</span> learners took both' in html
    # listening: changes 2 and 1 -> +1.5, spread 0.5; deescalation: 0 and 2 -> +1, spread 1
    assert (
        '<th scope="row">Active listening</th><td class="spoc-num">2</td><td '
        'class="spoc-num">1.5</td>'
        '<td class="spoc-num">3.0</td><td class="spoc-num">+1.5</td><td class="spoc-num">0.5</td>'
        in html
    )
    assert '<td class="spoc-num">+1.0</td><td class="spoc-num">1.0</td>' in html
    assert html.count('role="img"') == 2  # the change and this check's levels
    assert "Download the before and after levels" in html
    before_page = page(workbench, TRAINER, BEFORE)
    assert (
        '<span class="spoc-skills__kpi">3</span> learners took this check (before)' in before_page
    )


def test_trainers_export_before_after_and_change_per_learner_and_learners_cannot(rate, workbench):
    rate("alice")
    rate("alice", LEVELS_AFTER, AFTER)
    rate("bruno")
    assert workbench.get(AFTER, "export_csv", "alice").status_code == 403
    rows = list(csv.DictReader(io.StringIO(csv_text(workbench.get(AFTER, "export_csv", TRAINER)))))
    by_learner = {row["anonymous_user_id"]: row for row in rows}
    alice = by_learner[anonymous_id_for("alice")]
    assert alice["username"] == "alice"  # learners are told the trainer sees their name
    assert (
        alice["Active listening (before)"],
        alice["Active listening (after)"],
        alice["Active listening (change)"],
    ) == ("2", "4", "2")
    assert by_learner[anonymous_id_for("bruno")]["Active listening (after)"] == ""


def test_a_second_answer_is_refused(rate):
    rate("alice")
    assert_refused(rate("alice", LEVELS_AFTER), "already taken", snapshot())


def test_trainers_and_masquerading_trainers_do_not_answer(rate):
    assert_refused(rate(TRAINER), "only learners take", snapshot(), status=403)
    assert_refused(rate("trainer~alice"), "viewing as a learner", snapshot(), status=403)


@pytest.mark.parametrize(
    "levels, fragment",
    [
        ({"listening": 2, "deescalation": 1}, "Choose a level for competency 3"),
        ({"listening": 2, "deescalation": 1, "procedure": 6}, "must be from 1 to 5"),
        ({"listening": 2, "deescalation": 1, "procedure": "3"}, "whole number"),
        ({"listening": 2, "deescalation": 1, "procedure": 3, "typing": 2}, "has changed since"),
    ],
)
def test_bad_levels_are_refused_and_nothing_is_stored(rate, levels, fragment):
    assert_refused(rate("alice", levels), fragment, snapshot())


def test_the_mobile_data_holds_the_authored_check_only(rate, workbench):
    from .conftest import stored_block

    rate("alice")
    data = stored_block(workbench, AFTER).student_view_data()
    assert (
        data["check_id"] == "customer-calls"
        and data["phase"] == "after"
        and len(data["competencies"]) == 3
    )
    assert anonymous_id_for("alice") not in repr(data)


def test_a_refused_level_names_the_competency_at_fault(rate):
    response = rate("alice", {"listening": 2, "deescalation": 1})
    assert response.status_code == 400 and response.json()["field"] == "procedure"


@pytest.mark.parametrize("scenario_id", [BEFORE, AFTER])
def test_someone_signed_out_is_asked_to_sign_in_first_and_sees_no_form(workbench, scenario_id):
    html = page(workbench, "none", scenario_id)
    assert "Sign in to rate your skills." in html
    assert "<form" not in html and "<input" not in html and 'data-spoc-handler="answer"' not in html


def test_after_sending_the_after_check_no_text_still_promises_the_change(rate, workbench):
    assert rate("alice").status_code == 200
    before = page(workbench, "alice", AFTER)
    assert "Once you send it, you will see how your levels changed" in before
    redrawn = rate("alice", LEVELS_AFTER, AFTER).json()["html"]
    for html in (redrawn, page(workbench, "alice", AFTER)):
        assert "Once you send it" not in html and "Send my self-assessment" not in html
        assert "How your levels changed" in html


def test_the_before_check_cannot_be_taken_after_the_after_check(rate, workbench):
    assert rate("alice", LEVELS_AFTER, AFTER).status_code == 200
    html = page(workbench, "alice", BEFORE)
    assert "can no longer be taken" in html and "spoc-skills__form" not in html
    before = snapshot()
    assert_refused(rate("alice"), "You have already taken the end-of-course skills check", before)


def test_the_trainer_reads_each_learners_levels_before_and_after_with_their_name(rate, workbench):
    assert rate("alice").status_code == 200
    assert rate("alice", LEVELS_AFTER, AFTER).status_code == 200
    assert rate("bruno").status_code == 200
    html = " ".join(page(workbench, TRAINER, AFTER).split())
    assert "Each learner's levels" in html
    assert (
        '<th scope="row"><bdi>alice</bdi></th>' in html
        and '<th scope="row"><bdi>bruno</bdi></th>' in html
    )
    assert "2 → 4 (+2)" in html and "1 → 3 (+2)" in html and "3 → 3 (0)" in html
    assert "1 → –" in html  # bruno has not taken the after check
    assert "Each learner's levels" not in page(workbench, "alice", AFTER)
