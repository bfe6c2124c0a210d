"""The one-click module check: a pulse made of the `module-check` question, answered with one
click, summed up per module on the cohort coach's dashboard."""

import pytest

from spoc_xblocks.cohort_coach.logic.kpis import module_feedback
from spoc_xblocks.engagement import api
from spoc_xblocks.engagement.logic.pulse import MODULE_CHECK_OPTIONS
from spoc_xblocks.engagement.models import PulseResponse

from .conftest import COURSE, TRAINER

MODULE_CHECK = "spoc_pulse.3"
COACH = "spoc_cohort_coach.0"


def click(workbench, student: str, option: str):
    return workbench.post(MODULE_CHECK, "answer", student, {"answers": {"module-check": option}})


@pytest.mark.django_db
def test_a_learner_answers_with_one_click_and_it_is_counted(workbench):
    html = workbench.page(MODULE_CHECK, "alice").content.decode()
    assert html.count('data-spoc-handler="answer"') == 4 and "One click sends your answer." in html
    assert 'data-spoc-payload=\'{"answers": {"module-check": "too-hard"}}\'' in html
    response = click(workbench, "alice", "too-hard")
    assert response.status_code == 200, response.content
    assert PulseResponse.objects.get().answers["module-check"]["value"] == "too-hard"
    assert click(workbench, "alice", "relevant").status_code == 400  # once
    assert click(workbench, "bruno", "maybe").status_code == 400
    usage_key = PulseResponse.objects.get().usage_key
    assert api.module_checks(PulseResponse.objects.get().course_key) == {usage_key: {"too-hard": 1}}


def _checked_three_times(workbench) -> str:
    for student, option in (("alice", "relevant"), ("bruno", "too-hard"), ("chloe", "relevant")):
        assert click(workbench, student, option).status_code == 200
    html = workbench.page(COACH, TRAINER).content.decode()
    section = html[html.index("Relevance and difficulty per module") :]
    assert "2 (67" in section and "1 (33" in section
    return section


@pytest.mark.django_db
def test_the_coach_sums_the_checks_up_per_module(workbench):
    _checked_three_times(workbench)


@pytest.mark.django_db
@pytest.mark.workbench_only  # the workbench's outline is the demo course plan's
def test_a_check_counts_for_the_section_that_holds_it(workbench):
    assert "Practice: a customer complaint call" in _checked_three_times(workbench)


@pytest.mark.django_db
def test_no_answer_yet_says_so(workbench):
    html = workbench.page(COACH, TRAINER).content.decode()
    assert "No module check has been answered yet." in html


def test_checks_count_for_their_outermost_module_in_the_outlines_order():
    checks = {
        "check-b": {"relevant": 1, "too-hard": 1},
        "check-a1": {"too-easy": 2},
        "check-a2": {"relevant": 2},
        "lost": {"not-relevant": 1},
    }
    parents = {
        "check-a1": ["unit-1", "section-a"],
        "check-a2": ["section-a"],
        "check-b": ["section-b"],
    }
    rows = module_feedback(checks, parents, MODULE_CHECK_OPTIONS, ["section-a", "section-b"])
    assert [row["module"] for row in rows] == ["section-a", "section-b", "lost"]
    first = {
        option["option"]: (option["count"], option["percent"]) for option in rows[0]["options"]
    }
    assert rows[0]["answers"] == 4 and first["too-easy"] == (2, 50) and first["too-hard"] == (0, 0)
    assert COURSE  # the demo course holds the workbench's checks
