"""The four evaluation levels on the KPI section: reaction, learning, behaviour and results, each
with its figures, or the block that would measure it while nothing does."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from spoc_xblocks.cohort_coach.logic.levels import LEVELS, evaluation_levels
from spoc_xblocks.engagement.logic.skills import followup_summary

from .conftest import COACH, anonymous, stored_block

COMPETENCIES = [["listen", "Listening"], ["plan", "Planning"]]


def _response(learner, phase, levels, minutes, application=None, benefit=""):
    return {
        "check_id": "core",
        "phase": phase,
        "learner_id": learner,
        "levels": levels,
        "competencies": COMPETENCIES,
        "application": application or {},
        "benefit": benefit,
        "answered": timezone.now() + timedelta(minutes=minutes),
    }


def _uses(listen, plan):
    return {"listen": {"use": listen, "example": ""}, "plan": {"use": plan, "example": ""}}


def test_follow_up_summary_counts_use_at_work_and_keeps_each_learners_latest_benefit():
    rows = [
        _response("a", "before", {"listen": 2, "plan": 2}, 0),
        _response("a", "followup", {"listen": 3, "plan": 3}, 1, _uses("weekly", "never"), "Old"),
        _response("a", "followup", {"listen": 4, "plan": 3}, 2, _uses("daily", "once"), " Calmer "),
        _response("b", "followup", {"listen": 3, "plan": 4}, 3, _uses("never", "monthly"), ""),
    ]
    summary = followup_summary(rows)
    assert summary["answered"] == 2
    assert summary["benefits"] == {"a": "Calmer"}
    listen, plan = summary["competencies"]
    assert (listen["label"], listen["applying"], listen["learners"]) == ("Listening", 1, 2)
    assert listen["followup_average"] == 3.5 and listen["before_average"] == 2
    assert (plan["applying"], plan["applying_percent"]) == (1, 50)


def test_a_level_without_its_source_is_not_measured():
    levels = evaluation_levels(None, None, None, [None, None], [None])
    assert list(levels) == list(LEVELS) and all(value is None for value in levels.values())


def test_results_average_the_scores_of_learners_who_have_one():
    levels = evaluation_levels(None, None, None, [80, None, 60], [None, 90])
    results = levels["results"]
    assert (results["game_learners"], results["game_average"]) == (2, 70)
    assert (results["workshop_learners"], results["workshop_average"]) == (1, 90)
    assert results["benefit_percent"] is None


def _levels(workbench):
    page = lxml_html.fromstring(workbench.page(COACH, "trainer").content.decode())
    groups = page.xpath('//section[contains(@id, "-kpis")]//div[@class="spoc-coach__level"]')
    return {
        " ".join(group.xpath(".//h5")[0].text_content().split()): " ".join(
            group.text_content().split()
        )
        for group in groups
    }


@pytest.mark.django_db
def test_the_kpi_section_lays_out_four_levels_saying_which_block_would_measure_them(workbench):
    levels = _levels(workbench)
    assert list(levels) == ["1. Reaction", "2. Learning", "3. Behaviour", "4. Results"]
    assert "Not measured yet: add a pulse survey block." in levels["1. Reaction"]
    assert "Not measured yet: add a skills check block before" in levels["2. Learning"]
    assert "Not measured yet: add a skills check follow-up block." in levels["3. Behaviour"]
    assert "Not measured yet: add a skills check follow-up" in levels["4. Results"]


def _seed_followups(workbench, answers):
    from spoc_xblocks.engagement import api as engagement_api

    course_key = stored_block(workbench).course_key
    for learner, uses, benefit in answers:
        for phase, level in (("before", 2), ("after", 4), ("followup", 4)):
            engagement_api.record_skills_answer(
                course_key,
                f"block-v1:x+{phase}",
                "core",
                phase,
                anonymous(learner),
                {"listen": level, "plan": level},
                COMPETENCIES,
                application=uses if phase == "followup" else None,
                benefit=benefit if phase == "followup" else "",
            )


@pytest.mark.django_db
def test_behaviour_and_results_come_from_the_skills_follow_up_with_names(workbench):
    _seed_followups(
        workbench,
        (
            ("alice", _uses("weekly", "never"), "I run shorter meetings."),
            ("bruno", _uses("never", "never"), ""),
        ),
    )
    levels = _levels(workbench)
    assert "Not measured yet" in levels["1. Reaction"]
    assert "2.0 average change from before to after" in levels["2. Learning"]
    behaviour = levels["3. Behaviour"]
    assert "25% of follow-up answers apply" in behaviour and "2 learners answered" in behaviour
    assert "Listening 2 1 (50%)" in behaviour and "Planning 2 0 (0%)" in behaviour
    results = levels["4. Results"]
    assert "1 of 2 learners reported a benefit" in results
    assert "alice: I run shorter meetings." in results and "bruno:" not in results


@pytest.mark.django_db
def test_the_kpi_csv_carries_the_four_levels_and_the_benefits_by_name(workbench):
    from tests.downloads import csv_text

    _seed_followups(
        workbench,
        (
            ("alice", _uses("weekly", "never"), "=HYPERLINK(1)"),
            ("bruno", _uses("never", "daily"), "Fewer escalations"),
        ),
    )
    response = workbench.get(COACH, "export_kpis", "trainer")
    rows = list(csv.reader(io.StringIO(csv_text(response))))
    assert ["reaction", "not measured yet", "", ""] in rows
    assert ["learning", "learners who answered both checks", "2", ""] in rows
    assert ["behaviour", "Planning: apply it monthly or more often", "1", "2"] in rows
    assert ["results", "learners who reported a benefit in the follow-up", "2", "2"] in rows
    assert ["results", "benefit reported by alice", "'=HYPERLINK(1)", ""] in rows
    assert ["results", "benefit reported by bruno", "Fewer escalations", ""] in rows
