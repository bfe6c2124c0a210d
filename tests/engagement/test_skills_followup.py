"""The skills check's follow-up, months after the course: it opens when the author said, asks the
levels again and how each competency is used at work, and shows the trainer before → after →
follow-up with the share who apply each competency."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from spoc_xblocks.engagement.models import SkillsResponse
from tests.downloads import csv_text
from tests.sites import anonymous_id as anonymous_id_for

from .conftest import AFTER, BEFORE, LEVELS_AFTER, LEVELS_BEFORE, TRAINER

pytestmark = pytest.mark.django_db

FOLLOWUP = "spoc_skills_check.2"
LEVELS_LATER = {"listening": 5, "deescalation": 3, "procedure": 4}
USES = {"listening": "daily", "deescalation": "once", "procedure": "weekly"}
EXAMPLES = {"listening": "I let an angry caller finish before answering.", "procedure": ""}


def followup_answer(**changes):
    return {
        "levels": LEVELS_LATER,
        "uses": USES,
        "examples": EXAMPLES,
        "benefit": "Fewer escalations to my manager.",
        **changes,
    }


def took_after(rate, student: str, days_ago: int):
    """The learner took the before and after checks, the after one `days_ago` days ago."""
    rate(student)
    rate(student, LEVELS_AFTER, scenario_id=AFTER)
    SkillsResponse.objects.filter(learner_id=anonymous_id_for(student), phase="after").update(
        answered=timezone.now() - timedelta(days=days_ago)
    )


def page(workbench, student) -> str:
    return workbench.page(FOLLOWUP, student).content.decode()


def test_before_the_after_check_the_learner_is_told_when_it_will_open(workbench, rate):
    assert "opens 90 days after you take the end-of-course skills check" in page(workbench, "alice")
    rate("alice")
    rate("alice", LEVELS_AFTER, scenario_id=AFTER)
    html = page(workbench, "alice")
    assert "This follow-up opens on" in html and "90 days after you\n" not in html
    assert "days after you took the end-of-course skills check" in html
    assert 'name="use-listening"' not in html


def test_an_answer_before_it_opens_is_refused_and_nothing_is_stored(workbench, rate):
    took_after(rate, "alice", days_ago=10)
    response = workbench.post(FOLLOWUP, "answer", "alice", followup_answer())
    assert response.status_code == 400 and "not open yet" in response.json()["error"]
    assert not SkillsResponse.objects.filter(phase="followup").exists()


def test_once_open_the_learner_answers_levels_use_at_work_and_benefit(workbench, rate):
    took_after(rate, "alice", days_ago=91)
    html = page(workbench, "alice")
    assert html.count('name="use-') == 3 * 5 and 'name="benefit"' in html
    assert "how often you use each competency" in html  # what the trainer will see
    response = workbench.post(FOLLOWUP, "answer", "alice", followup_answer())
    assert response.status_code == 200, response.content
    stored = SkillsResponse.objects.get(phase="followup")
    assert stored.levels == LEVELS_LATER and stored.benefit == "Fewer escalations to my manager."
    assert stored.application["listening"] == {
        "use": "daily",
        "example": "I let an angry caller finish before answering.",
    }
    shown = response.json()["html"]
    assert "Every day" in shown and "Fewer escalations" in shown
    # before 2 → after 4 → today 5 for active listening
    assert '<td class="spoc-num">2</td>' in shown and '<td class="spoc-num">5</td>' in shown


def test_every_missing_answer_is_named_at_once(workbench, rate):
    took_after(rate, "alice", days_ago=91)
    response = workbench.post(
        FOLLOWUP,
        "answer",
        "alice",
        followup_answer(levels={"listening": 4}, uses={"listening": "daily"}),
    )
    error = response.json()["error"]
    assert response.status_code == 400
    assert "competencies 2, 3" in error and "used competencies 2, 3 at work" in error
    assert not SkillsResponse.objects.filter(phase="followup").exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"uses": {"listening": "sometimes"}},
        {"benefit": "x" * 2001},
        {"examples": {"listening": "x" * 1001}},
    ],
)
def test_bad_answers_get_400(workbench, rate, changes):
    took_after(rate, "alice", days_ago=91)
    response = workbench.post(FOLLOWUP, "answer", "alice", followup_answer(**changes))
    assert response.status_code == 400 and response.json()["error"]
    assert not SkillsResponse.objects.filter(phase="followup").exists()


def test_a_date_opens_it_for_everyone(workbench):
    workbench.set_fields(
        FOLLOWUP, followup_date=(timezone.now().date() - timedelta(days=1)).isoformat()
    )
    response = workbench.post(FOLLOWUP, "answer", "bruno", followup_answer())
    assert response.status_code == 200, response.content
    workbench.set_fields(
        FOLLOWUP, followup_date=(timezone.now().date() + timedelta(days=5)).isoformat()
    )
    assert "This follow-up opens on" in page(workbench, "chloe")


def test_the_trainer_sees_before_after_follow_up_and_who_applies(workbench, rate):
    for student, uses in (("alice", USES), ("bruno", {**USES, "listening": "never"})):
        took_after(rate, student, days_ago=100)
        answer = followup_answer(uses=uses)
        assert workbench.post(FOLLOWUP, "answer", student, answer).status_code == 200
    html = page(workbench, TRAINER)
    assert "2</span> learners answered the follow-up" in html
    assert "1 of 2 (50" in html  # active listening: alice daily, bruno never
    assert "2 of 2 (100" in html  # procedure: weekly for both
    assert "<dt><bdi>alice</bdi></dt>" in html and "Fewer escalations" in html
    assert "Learners who apply each competency at work" in html  # the chart's title

    rows = list(
        csv.DictReader(io.StringIO(csv_text(workbench.get(FOLLOWUP, "export_csv", TRAINER))))
    )
    alice = next(row for row in rows if row["username"] == "alice")
    assert alice["Active listening (before)"] == str(LEVELS_BEFORE["listening"])
    assert alice["Active listening (followup)"] == "5"
    assert alice["Active listening (use at work)"] == "daily"
    assert alice["benefit seen"] == "Fewer escalations to my manager."


def test_the_before_and_after_halves_are_unchanged_by_a_follow_up(workbench, rate):
    took_after(rate, "alice", days_ago=100)
    workbench.post(FOLLOWUP, "answer", "alice", followup_answer())
    assert "learners took both the before and the after check" in page_of(workbench, AFTER)
    assert "learners took this check (before)" in page_of(workbench, BEFORE)


def page_of(workbench, scenario_id):
    return workbench.page(scenario_id, TRAINER).content.decode()
