"""Rubric checks and the rubric OLX: our format round-trips; ORA2's rubric is read as it is."""

import pytest

from spoc_xblocks.common.olx import OlxError
from spoc_xblocks.peer_workshop.demo import DEFAULT_RUBRIC_XML
from spoc_xblocks.peer_workshop.logic.rubric import (
    FEEDBACK_NONE,
    FEEDBACK_REQUIRED,
    check_review,
    rubric_problems,
)
from spoc_xblocks.peer_workshop.olx import (
    canonical_rubric_xml,
    rubric_from_xml,
    rubric_to_xml,
)

ORA2_RUBRIC = """<openassessment>
  <title>Censorship</title>
  <rubric>
    <prompt>Read for conciseness, clarity of thought, and form.</prompt>
    <criterion feedback="optional">
      <name>Ideas</name>
      <prompt>Determine if there is a unifying theme or main idea.</prompt>
      <option points="0"><name>Poor</name>
        <explanation>Difficult for the reader to discern the main idea.</explanation></option>
      <option points="3"><name>Fair</name>
        <explanation>Presents a unifying theme.</explanation></option>
      <option points="5"><name>Good</name>
        <explanation>Presents a unifying theme or main idea without going off on tangents.\
</explanation></option>
    </criterion>
    <criterion feedback="disabled">
      <name>Content</name>
      <label>Content of the essay</label>
      <prompt>Assess the content of the submission</prompt>
      <option points="0"><name>Poor</name><label>Poor content</label>
        <explanation>Includes little information.</explanation></option>
      <option points="1"><name>Fair</name>
        <explanation>Includes little information and few or no details.</explanation></option>
    </criterion>
    <feedbackprompt>(Optional) What aspects of this response stood out to you?</feedbackprompt>
  </rubric>
</openassessment>"""


def test_our_rubric_round_trips_exactly():
    rubric = rubric_from_xml(DEFAULT_RUBRIC_XML)
    text = rubric_to_xml(rubric)
    assert rubric_from_xml(text) == rubric
    assert canonical_rubric_xml(text) == text
    assert rubric.max_points == 10 and rubric_problems(rubric) == []


def test_an_ora2_rubric_is_imported_with_names_labels_points_and_comment_rules():
    rubric = rubric_from_xml(ORA2_RUBRIC)
    ideas, content = rubric.criteria
    assert (ideas.name, ideas.label, ideas.max_points) == ("Ideas", "Ideas", 5)
    assert [option.points for option in ideas.options] == [0, 3, 5]
    assert content.label == "Content of the essay" and content.feedback == FEEDBACK_NONE
    assert content.options[0].label == "Poor content"
    assert rubric.overall_prompt.startswith("(Optional) What aspects")
    assert rubric_from_xml(canonical_rubric_xml(ORA2_RUBRIC)) == rubric


@pytest.mark.parametrize(
    "xml, message",
    [
        ("<rubric/>", "at least one <criterion>"),
        (
            '<rubric><criterion name="a"><option name="x" points="1"/></criterion></rubric>',
            "at least two",
        ),
        (
            '<rubric><criterion name="a"><option name="x" points="one"/>'
            '<option name="y" points="2"/></criterion></rubric>',
            "whole points",
        ),
        (
            '<rubric><criterion><option name="x" points="1"/><option name="y" points="2"/>'
            "</criterion></rubric>",
            "no name",
        ),
        (
            '<rubric><criterion name="a" feedback="maybe"><option name="x" points="1"/>'
            '<option name="y" points="2"/></criterion></rubric>',
            "feedback='maybe'",
        ),
        ("<rubric><criterion", "not well formed"),
        ('<!DOCTYPE r [<!ENTITY x "y">]><rubric/>', "DOCTYPE"),
    ],
)
def test_a_bad_rubric_is_refused_with_a_message_naming_the_element(xml, message):
    with pytest.raises(OlxError) as error:
        rubric_from_xml(xml)
    assert message in str(error.value)


def test_a_final_review_needs_every_level_and_required_comments():
    rubric = rubric_from_xml(DEFAULT_RUBRIC_XML)
    assert rubric.criterion("escalation").feedback == FEEDBACK_REQUIRED
    check = check_review(rubric, {"clarity": "clear"}, {}, "", final=True)
    texts = [problem.text() for problem in check.problems]
    assert "Choose a level for 'Tone with the customer'." in texts
    assert "A comment is required for 'Escalation'." in texts
    draft = check_review(rubric, {"clarity": "clear"}, {}, "", final=False)
    assert draft.problems == [] and draft.points == {"clarity": 4}


def test_a_forged_criterion_or_level_is_always_refused():
    rubric = rubric_from_xml(DEFAULT_RUBRIC_XML)
    assert check_review(rubric, {"nope": "x"}, {}, "", final=False).problems
    assert check_review(rubric, {"clarity": "superb"}, {}, "", final=False).problems
