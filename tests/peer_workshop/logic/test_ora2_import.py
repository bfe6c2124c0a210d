"""A whole ORA2 problem read into the workshop's settings, and every part it leaves behind named."""

from datetime import UTC, datetime

import pytest

from spoc_xblocks.common.olx import OlxError, parse_xml
from spoc_xblocks.peer_workshop.ora2_import import ora2_problem

from ..ora2_samples import ORA2_PROBLEM


def problem_of(xml: str):
    return ora2_problem(parse_xml(xml))


def test_the_title_prompts_steps_and_dates_become_the_workshops_settings():
    problem = problem_of(ORA2_PROBLEM)
    assert problem.settings == {
        "display_name": "Design review of a bike-sharing app",
        "prompt": "<p>Describe the screen a rider uses to unlock a bike, and why.</p>\n"
        "<p>List two accessibility risks &amp; how you reduce them.</p>",
        "submission_opens": datetime(2030, 3, 2, 8, tzinfo=UTC),
        "submission_due": datetime(2030, 3, 9, 23, 59, tzinfo=UTC),
        "allow_files": True,
        "file_types": ".pdf, .png, .jpg, .jpeg, .gif",
        "reviews": 3,
        "review_due": datetime(2030, 3, 16, 23, 59, tzinfo=UTC),
        "aggregation": "mean",
        "self_assessment": True,
    }
    assert [criterion.name for criterion in problem.rubric.criteria][-1] == "Advice"


def test_what_the_workshop_cannot_take_is_named_never_dropped():
    texts = [message.text() for message in problem_of(ORA2_PROBLEM).left_out]
    assert texts == [
        "Each learner had to grade 4 responses: here each learner reviews as many as each work "
        "receives (3).",
        "The peer step's start is not brought: reviews start when submissions close.",
        "Flexible peer grading is not brought.",
        "The self step's dates are not brought: it follows the review phase.",
        "Learner training and its examples are not brought: the workshop has no training step.",
        "LaTeX rendering (allow_latex) is not brought: the workshop shows no LaTeX.",
        "The leaderboard (leaderboard_show) is not brought.",
    ]


MINIMAL = """<openassessment {attributes}>
  <rubric>
    <prompt>Legacy prompt
on two lines</prompt>
    <criterion feedback="optional"><name>Idea</name><prompt/>
      <option points="0"><name>No</name><explanation/></option>
      <option points="2"><name>Yes</name><explanation/></option>
    </criterion>
  </rubric>
  {assessments}
  <leaderboard/>
</openassessment>"""


def minimal(attributes: str = "", assessments: str = "") -> str:
    return MINIMAL.format(attributes=attributes, assessments=assessments)


def test_a_legacy_prompt_a_required_staff_grade_and_clamped_reviews_are_read_as_in_ora2():
    problem = problem_of(
        minimal(
            'submission_due="2030-03-09T23:59:00+02:00" teams_enabled="True" colour="red"',
            '<assessments><assessment name="peer-assessment" must_grade="9" '
            'must_be_graded_by="9"/><assessment name="staff-assessment" required="True"/>'
            "</assessments>",
        )
    )
    assert problem.settings["prompt"] == "<p>Legacy prompt<br>on two lines</p>"
    assert problem.settings["submission_due"] == datetime(2030, 3, 9, 23, 59, tzinfo=UTC)
    assert problem.settings["reviews"] == 6 and problem.settings["peer_weight"] == 0
    assert problem.settings["self_assessment"] is False
    texts = [message.text() for message in problem.left_out]
    assert "Each response needed 9 reviews; the workshop takes 6." in texts
    assert "The setting colour='red' is not brought." in texts
    assert (
        any("teams_enabled" in text for text in texts) and "<leaderboard> is not brought." in texts
    )


@pytest.mark.parametrize(
    "attributes, assessments, fragment",
    [
        ('submission_due="next week"', "", "not a date"),
        (
            "",
            '<assessments><assessment name="peer-assessment" must_grade="two" '
            'must_be_graded_by="1"/></assessments>',
            "whole numbers",
        ),
    ],
)
def test_an_unreadable_date_or_step_is_refused(attributes, assessments, fragment):
    with pytest.raises(OlxError) as error:
        problem_of(minimal(attributes, assessments))
    assert fragment in str(error.value)
