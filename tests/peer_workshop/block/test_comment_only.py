"""A comment-only criterion (ORA2's feedback-only) through the workshop: reviewers write a comment
and choose no level, the author reads it, grades and exports leave it out of the points."""

import pytest

from spoc_xblocks.peer_workshop.demo import DEFAULT_RUBRIC_XML
from spoc_xblocks.peer_workshop.models import Grade, Review

from .conftest import COMMENTS, anonymous
from .test_trainer import csv_rows

ADVICE = """  <feedback_default_text>Start with what works.</feedback_default_text>
  <criterion name="advice" feedback="required">
    <label>One piece of advice</label>
    <prompt>What single change would help most?</prompt>
  </criterion>
</rubric>"""
WITH_ADVICE = DEFAULT_RUBRIC_XML.replace("</rubric>", ADVICE)
ADVISED = {**COMMENTS, "advice": "Open with the apology."}


@pytest.fixture
def advised(workshop):
    workshop.configure(rubric_xml=WITH_ADVICE)
    workshop.phase("submission")
    for student in ("alice", "bruno", "chloe", "david"):
        workshop.submit(student)
    workshop.phase("review")
    return workshop


def test_the_review_form_offers_a_comment_box_and_no_levels_for_it(advised):
    page = advised.page("alice")
    assert 'placeholder="Start with what works."' in page  # ORA2's default text, greyed
    assert "Comment on One piece of advice (required)" in page
    assert 'data-spoc-comment="advice"' in page and 'data-spoc-option="advice"' not in page


def test_a_review_needs_the_comment_and_its_points_leave_the_criterion_out(advised):
    slot = advised.slots("alice")[0]
    missing = advised.review("alice", slot)
    assert missing.status_code == 400
    assert "A comment is required for 'One piece of advice'." in missing.json()["error"]
    forged = advised.review("alice", slot, options={"advice": "precise"}, comments=ADVISED)
    assert forged.status_code == 400 and "takes a comment, not a level" in forged.json()["error"]
    assert Review.objects.get(id=slot.id).status == Review.PENDING
    assert advised.review("alice", slot, comments=ADVISED).status_code == 200
    row = Review.objects.get(id=slot.id)
    assert row.points == {"clarity": 4, "tone": 2, "escalation": 3}
    assert row.comments["advice"] == "Open with the apology."


def test_the_author_reads_the_comment_and_the_grade_counts_only_scored_criteria(advised):
    for student in ("alice", "bruno", "chloe", "david"):
        for slot in advised.slots(student):
            assert advised.review(student, slot, comments=ADVISED).status_code == 200
    advised.phase("closed")
    assert Grade.objects.get(learner_id=anonymous("alice")).value == pytest.approx(9 / 10)
    page = advised.page("alice")
    assert "Open with the apology." in page and "Your work: 9 of 10 points" in page
    formula = page.split("How your grade was computed")[1].split("</table>")[0]
    assert "Clarity" in formula and "One piece of advice" not in formula


def test_the_trainer_assesses_with_the_comment_and_the_export_has_no_level_for_it(advised):
    submission = advised.submission("alice")
    form = advised.ok("trainer_form", "trainer", {"submission_id": submission.id})
    assert 'data-spoc-comment="advice"' in str(form)
    payload = {
        "submission_id": submission.id,
        "options": {"clarity": "clear", "tone": "polite", "escalation": "precise"},
        "comments": {"escalation": "Clear."},
        "overall": "",
        "final": True,
    }
    refused = advised.post("trainer_review", "trainer", payload)
    assert refused.status_code == 400 and "One piece of advice" in refused.json()["error"]
    payload["comments"]["advice"] = "Say the apology first."
    advised.ok("trainer_review", "trainer", payload)
    trainer = Review.objects.get(submission=submission, reviewer_id="@trainer")
    assert trainer.comments["advice"] == "Say the apology first."
    header, *rows = csv_rows(advised, "reviews")
    assert "comment_advice" in header and "level_advice" not in header
    assert "points_advice" not in header and "level_clarity" in header
    trainer_row = next(row for row in rows if row[header.index("kind")] == "trainer")
    assert trainer_row[header.index("comment_advice")] == "Say the apology first."
