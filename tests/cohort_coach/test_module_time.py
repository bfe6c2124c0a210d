"""The trainer's time per module: the cohort's median and quartiles beside the author's design
estimate, a module far above it flagged, and a learner's own time beside the median."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings

from tests.cohort_coach.conftest import COACH, anonymous, read_around_a_minute, set_fields
from tests.cohort_coach.test_authoring import SETTINGS
from tests.engagement.conftest import PULSE

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ROW = re.compile(r"<tr[^>]*>\s*<th scope=\"row\"[^>]*><bdi>([^<]*)</bdi></th>(.*?)</tr>", re.S)
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)


def spend(workbench, student: str, minutes: int) -> None:
    """`student` works `minutes` in the pulse block: two of their events, as the tracker records
    them."""
    from spoc_xblocks.common.members import record_members
    from spoc_xblocks.module_time import api

    course = workbench.stored_block(COACH).course_key
    user_key = workbench.user_key(student)
    record_members(course, [(user_key, anonymous(student), False)])
    block = workbench.usage_id(PULSE)
    api.record_event(course, user_key, block, START)
    api.record_event(course, user_key, block, START + timedelta(minutes=minutes))


def pulse_module(workbench) -> tuple[str, str]:
    """The pulse block's module id and name: its unit in the workbench's outline (the demo course
    plan); the block itself on the platform stand-in, whose course has no outline."""
    if workbench.flavour == "workbench":
        return "closing_pulse", "Your last word on the course"
    block_id = workbench.usage_id(PULSE).rsplit("@", 1)[-1]
    return block_id, block_id


def pulse_cells(workbench, html: str) -> list[str]:
    _module, name = pulse_module(workbench)
    row = next(cells for found, cells in ROW.findall(html) if found == name)
    return [re.sub(r"\s+", " ", cell).strip() for cell in CELL.findall(row)]


def whole_cohort(workbench, alice_minutes=30, others_minutes=10):
    for student in settings.SPOC_DEV_ROSTER:
        spend(workbench, student, alice_minutes if student == "alice" else others_minutes)


def test_the_trainer_sees_the_median_and_quartiles_and_a_module_over_its_estimate(workbench):
    whole_cohort(workbench)
    set_fields(workbench, COACH, module_time_estimates=f"{pulse_module(workbench)[0]} = 5")
    html = workbench.page(COACH, "trainer").content.decode()
    assert "Time per module" in html
    estimate, median, quartiles, note = pulse_cells(workbench, html)
    assert (estimate, median, quartiles) == ("5", "10", "10–10")
    assert note == "<strong>Far above the design estimate</strong>"


def test_a_module_within_its_estimate_is_not_flagged(workbench):
    whole_cohort(workbench)
    set_fields(workbench, COACH, module_time_estimates=f"{pulse_module(workbench)[0]} = 60")
    html = workbench.page(COACH, "trainer").content.decode()
    assert pulse_cells(workbench, html)[::3] == ["60", ""]


def test_the_time_is_read_again_once_a_minute_not_at_each_act_in_our_blocks(
    workbench, coach, monkeypatch
):
    """The time comes from the platform's tracking events, which no marker follows: a check-in
    does not make the trainer's next view read it all again; time spent since shows a minute
    after the last read."""
    from spoc_xblocks.cohort_coach.trainer_time import kept_cohort_time
    from spoc_xblocks.module_time import api

    first, soon, later, computed = read_around_a_minute(
        workbench,
        coach,
        monkeypatch,
        (api, "cohort_time"),
        kept_cohort_time,
        lambda: spend(workbench, "bruno", 30),
    )
    assert soon is first and computed == (1, 2)
    bruno = anonymous("bruno")
    assert sum(later["learners"][bruno].values()) > sum(first["learners"][bruno].values())


def test_the_learner_detail_shows_their_own_time_beside_the_median(workbench, coach):
    whole_cohort(workbench)
    answer = coach("learner_detail", "trainer", {"learner_id": anonymous("alice")})
    assert answer.status_code == 200, answer.content
    own, median, estimate = pulse_cells(workbench, answer.json()["html"])
    assert (own, median, estimate) == ("30", "10", "—")


def test_studio_refuses_a_design_estimate_that_is_not_minutes(coach):
    answer = coach("studio_submit", "trainer", {**SETTINGS, "module_time_estimates": "a = soon"})
    assert answer.status_code == 400
    assert answer.json()["field"] == "module_time_estimates"
    assert "a = soon" in answer.json()["error"]


def test_studio_keeps_design_estimates_one_a_line(workbench, coach):
    estimates = "welcome_pulse = 5\npractice_call = 25"
    answer = coach("studio_submit", "trainer", {**SETTINGS, "module_time_estimates": estimates})
    assert answer.status_code == 200, answer.content
    assert workbench.stored_block(COACH).module_time_estimates == estimates


def test_design_estimates_round_trip_through_olx_one_a_line(olx_block):
    from tests.olx import export_block

    block = olx_block('<spoc_cohort_coach module_time_estimates="welcome_skills = 5"/>')
    block.module_time_estimates = "welcome_skills = 5\npractice_call = 25"
    again = olx_block(export_block(block))
    assert again.module_time_estimates == "welcome_skills = 5\npractice_call = 25"


def test_olx_with_a_design_estimate_that_is_not_minutes_is_refused(olx_block):
    from spoc_xblocks.common.olx import OlxError

    with pytest.raises(OlxError, match="welcome_skills = soon"):
        olx_block('<spoc_cohort_coach module_time_estimates="welcome_skills = soon"/>')


@pytest.mark.workbench_only
def test_the_demo_seeds_weeks_of_time_in_every_block_of_the_course(workbench):
    from io import StringIO

    from django.core.management import call_command

    output = StringIO()
    call_command("seed_demo", stdout=output)
    assert "time per module: " in output.getvalue()
    # The time table only: the module checks' table and the progress section after it name the
    # same modules.
    html = workbench.page(COACH, "trainer").content.decode().split('-feedback-title"')[0]
    medians = {name: CELL.findall(cells)[1].strip() for name, cells in ROW.findall(html)}
    assert int(medians["Practice: a customer complaint call"]) >= 10
    assert int(medians["Write and review a complaint procedure"]) >= 20
