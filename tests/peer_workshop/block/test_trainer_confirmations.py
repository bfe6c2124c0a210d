"""The trainer's actions confirm visibly next to their control, and the destructive or bulk ones
(setting a review aside, keeping an item, reminding a group) say whom they touch and wait for a yes.
"""

import re

from spoc_xblocks.peer_workshop.models import ModerationDecision, Reminder, Review

from .conftest import ROSTER, anonymous

LOW = {"clarity": "unclear", "tone": "cold", "escalation": "missing"}


def status_line_after(html: str, control: str) -> bool:
    """Whether the confirmation line comes right after the control's button."""
    pattern = rf'id="[^"]*-{control}-go".*?</button>\s*<p class="spoc-note" data-spoc-status'
    return re.search(pattern, html, re.S) is not None


def test_an_action_confirms_next_to_its_control_and_to_screen_readers(workshop):
    answer = workshop.ok(
        "extend", "trainer", {"learner_id": anonymous("alice"), "due": "2030-01-01T10:00"}
    )
    assert answer["message"] == answer["announce"] == "Deadline extended."
    assert status_line_after(answer["html"], "extend")
    assert answer["html"].count("data-spoc-status") == 1


def test_setting_a_review_aside_says_whose_grade_moves_and_waits_for_a_yes(in_review):
    for student in ("alice", "bruno", "chloe", "david"):
        in_review.review_all(student)
    harsh = Review.objects.filter(submission=in_review.submission("david")).first()
    Review.objects.filter(id=harsh.id).update(options=LOW)
    payload = {"review_id": harsh.id, "action": "exclude", "options": {}}
    question = in_review.ok("override_review", "trainer", payload)["confirm"]
    assert re.fullmatch(
        r"Set aside the review by \w+ of the work of david\? It will no longer count: the grade "
        r"of david goes from \d+% to 90%\.",
        question["question"],
    )
    assert question["action"] == "Set the review aside" and "david" in question["affected"]
    assert not Review.objects.get(id=harsh.id).excluded
    done = in_review.ok("override_review", "trainer", {**payload, "confirmed": True})
    assert Review.objects.get(id=harsh.id).excluded and "recomputed" in done["message"]
    again = in_review.ok("override_review", "trainer", {**payload, "confirmed": True})
    assert again["message"] == "This review was set aside already."


def test_keeping_an_item_asks_first_and_an_item_dealt_with_is_skipped(in_review):
    for student in ("alice", "bruno", "chloe", "david"):
        in_review.review_all(student)
    slot = Review.objects.filter(submission=in_review.submission("chloe")).first()
    Review.objects.filter(id=slot.id).update(options=LOW)
    key = f"spread:{anonymous('chloe')}"
    question = in_review.ok("dismiss_item", "trainer", {"item_key": key})["confirm"]
    assert question["question"].startswith("Keep things as they are?")
    assert question["affected"] == ["chloe"] and not ModerationDecision.objects.exists()
    in_review.ok("dismiss_item", "trainer", {"item_key": key, "confirmed": True})
    again = in_review.ok("dismiss_item", "trainer", {"item_key": key, "confirmed": True})
    assert again["message"] == "This item was dealt with already."


def test_a_group_reminder_names_its_learners_and_skips_who_no_longer_needs_it(workshop):
    workshop.phase("submission")
    workshop.submit("alice")
    workshop.ok(
        "set_absent", "trainer", {"learner_id": anonymous("lea"), "absent": True, "confirmed": True}
    )
    payload = {"audience": "not_submitted", "message": "Submit by Friday."}
    question = workshop.ok("remind", "trainer", payload)["confirm"]
    expected = [name for name in ROSTER if name not in ("alice", "lea")]
    assert question["question"] == f"Send this reminder to {len(expected)} learners?"
    assert question["affected"] == expected and not Reminder.objects.exists()
    workshop.submit("bruno")  # between the question and the yes
    answer = workshop.ok("remind", "trainer", {**payload, "confirmed": True})
    assert answer["message"] == f"Reminder sent to {len(expected) - 1} learners."
    assert not Reminder.objects.filter(learner_id__in=[anonymous("bruno"), anonymous("lea")])
    assert status_line_after(answer["html"], "remind")
