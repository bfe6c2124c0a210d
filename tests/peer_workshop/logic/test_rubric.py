"""Rubric checks and the rubric OLX: our format round-trips; ORA2's rubric is read as it is."""

import pytest

from spoc_xblocks.common.olx import OlxError
from spoc_xblocks.peer_workshop.demo import DEFAULT_RUBRIC_XML
from spoc_xblocks.peer_workshop.logic.rubric import (
    FEEDBACK_NONE,
    FEEDBACK_OPTIONAL,
    FEEDBACK_REQUIRED,
    Criterion,
    Option,
    Rubric,
    check_review,
    rubric_problems,
)
from spoc_xblocks.peer_workshop.olx import (
    canonical_rubric_xml,
    rubric_from_xml,
    rubric_to_xml,
)

from ..ora2_samples import ORA2_CRITERIA, ORA2_PROBLEM, ora2_rubric_element

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


def test_an_ora2_criterion_without_feedback_takes_no_comment_as_in_ora2():
    rubric = rubric_from_xml(ORA2_PROBLEM)
    assert rubric.criterion("Accessibility").feedback == FEEDBACK_NONE
    ours = rubric_from_xml(
        '<rubric><criterion name="a"><option name="x" points="0"/><option name="y" points="1"/>'
        "</criterion></rubric>"
    )
    assert ours.criteria[0].feedback == FEEDBACK_OPTIONAL  # our own format keeps its default


LEVELS = (Option("weak", "Weak", 0), Option("strong", "Strong", 2))


def rubric_with(*criteria) -> Rubric:
    return Rubric(criteria=tuple(criteria))


def test_a_criterion_without_levels_is_a_comment_only_criterion_worth_no_points():
    scored = Criterion("scored", "Scored", "", LEVELS)
    advice = Criterion("advice", "Advice", "", (), FEEDBACK_REQUIRED)
    rubric = rubric_with(scored, advice)
    assert rubric_problems(rubric) == []
    assert advice.comment_only and rubric.max_points == 2
    assert rubric.scored_criteria == (scored,)
    assert (
        rubric_problems(
            rubric_with(scored, Criterion("advice", "Advice", "", (), FEEDBACK_OPTIONAL))
        )
        == []
    )


def test_a_comment_only_criterion_must_take_a_comment_and_a_rubric_must_score():
    silent = Criterion("silent", "Silent", "", (), FEEDBACK_NONE)
    texts = [
        p.text() for p in rubric_problems(rubric_with(Criterion("s", "S", "", LEVELS), silent))
    ]
    assert texts == [
        "Criterion 'silent' has no levels and takes no comment: give it levels, or make its "
        "comment optional or required."
    ]
    only_comments = rubric_with(Criterion("advice", "Advice", "", (), FEEDBACK_REQUIRED))
    assert [p.text() for p in rubric_problems(only_comments)] == [
        "The rubric needs at least one criterion with levels: comment-only criteria give no points."
    ]


def test_a_review_of_a_comment_only_criterion_needs_its_comment_and_no_level():
    rubric = rubric_with(
        Criterion("scored", "Scored", "", LEVELS),
        Criterion("advice", "Advice", "", (), FEEDBACK_REQUIRED),
    )
    check = check_review(rubric, {"scored": "strong"}, {}, "", final=True)
    assert [p.text() for p in check.problems] == ["A comment is required for 'Advice'."]
    done = check_review(rubric, {"scored": "strong"}, {"advice": "Cut a step."}, "", final=True)
    assert done.problems == [] and done.points == {"scored": 2}
    forged = check_review(rubric, {"advice": "strong"}, {"advice": "x"}, "", final=False)
    assert [p.text() for p in forged.problems] == ["'Advice' takes a comment, not a level."]


def test_a_single_level_is_still_refused_but_no_level_is_read_as_comment_only():
    with pytest.raises(OlxError) as error:
        rubric_from_xml(
            '<rubric><criterion name="a"><option name="x" points="1"/></criterion></rubric>'
        )
    assert "or none, for a comment-only criterion" in str(error.value)
    rubric = rubric_from_xml(
        '<rubric><criterion name="a"><option name="x" points="0"/><option name="y" points="1"/>'
        '</criterion><criterion name="b" feedback="required"><label>B</label></criterion></rubric>'
    )
    assert rubric.criterion("b").comment_only and rubric_problems(rubric) == []


def test_the_overall_prompt_and_default_text_are_kept_and_written_back():
    rubric = rubric_from_xml(ORA2_PROBLEM)
    assert rubric.overall_prompt == "What did this design teach you about your own?"
    assert rubric.overall_placeholder == "I would keep... I would change..."
    assert "<feedback_default_text>I would keep" in rubric_to_xml(rubric)
    spelled = rubric_from_xml(
        '<rubric><feedback_prompt>Overall?</feedback_prompt><criterion name="a">'
        '<option name="x" points="0"/><option name="y" points="1"/></criterion></rubric>'
    )
    assert spelled.overall_prompt == "Overall?"


@pytest.mark.parametrize("source", [ORA2_PROBLEM, ora2_rubric_element()])
def test_every_element_of_a_realistic_ora2_rubric_round_trips_through_our_olx(source):
    imported = rubric_from_xml(source)
    again = rubric_from_xml(rubric_to_xml(imported))
    assert again == imported and rubric_problems(again) == []
    assert {
        criterion.name: (criterion.feedback, criterion.max_points) for criterion in again.criteria
    } == ORA2_CRITERIA
    flow = again.criterion("Flow")
    assert (flow.label, flow.prompt) == (
        "Unlock flow",
        "Can a first-time rider unlock a bike in under a minute?",
    )
    assert [(o.name, o.label, o.points) for o in flow.options] == [
        ("Blocked", "Blocked", 0),
        ("Slow", "Slow", 3),
        ("Smooth", "Smooth", 6),
    ]
    assert flow.options[1].explanation == "Every step is there, some are confusing."
    assert again.criterion("Accessibility").options[0].explanation == ""
    assert again.criterion("Advice").comment_only and again.max_points == 16
    assert again.overall_prompt.startswith("What did this design") and again.overall_placeholder
