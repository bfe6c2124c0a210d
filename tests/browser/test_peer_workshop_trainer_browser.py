"""The trainer at work in Chromium: a flagged work assessed from the moderation queue changes its
grade and leaves the queue; a phase change says what it will do before it happens; an action
confirms visibly next to its control; the learner sees the review set aside and their flag's fate.
"""

import re

from playwright.sync_api import expect

from .conftest import assert_accessible

WORKSHOP = "/scenario/spoc_peer_workshop.0/"
LEARNERS = ("alice", "bruno", "chloe", "david")
HIGH = {"clarity": "clear", "tone": "empathetic", "escalation": "precise"}


def played_workshop():
    """Four learners submitted and reviewed each other generously; alice and david each flag one
    review of their work."""
    from workbench.scenarios import get_scenarios

    from spoc_xblocks.dev.demo_client import DemoClient
    from spoc_xblocks.peer_workshop.models import Review
    from tests.sites import anonymous_id

    demo, usage = DemoClient(), get_scenarios()["spoc_peer_workshop.0"].usage_id
    demo.post(usage, "set_phase", "trainer", {"phase": "submission"})
    for learner in LEARNERS:
        demo.post(usage, "submit_work", learner, {"text": f"<p>Work of {learner}</p>", "links": []})
    demo.post(usage, "set_phase", "trainer", {"phase": "review", "confirmed": True})
    for learner in LEARNERS:
        for slot in Review.objects.filter(reviewer_id=anonymous_id(learner), kind=Review.PEER):
            review = {"review_id": slot.id, "options": HIGH, "overall": "Fine."}
            demo.post(usage, "submit_review", learner, {**review, "comments": {"escalation": "Ok"}})
    for learner in ("alice", "david"):
        flagged = Review.objects.filter(
            submission__learner_id=anonymous_id(learner), kind=Review.PEER
        ).first()
        rating = {"review_id": flagged.id, "helpfulness": 1, "flagged": True}
        demo.post(usage, "rate_review", learner, {**rating, "reason": f"Unfair to {learner}."})


def learner_row(page, name: str):
    return page.locator(".spoc-pw__trainer tbody tr").filter(
        has=page.get_by_role("rowheader", name=name, exact=True)
    )


def test_the_trainer_settles_moderation_phases_and_actions_with_visible_answers(open_page):
    played_workshop()
    trainer = open_page(WORKSHOP, "trainer")
    expect(learner_row(trainer, "david").locator("td").nth(4)).to_have_text("100%")
    moderation = trainer.locator(".spoc-pw__items")

    # Assess this work myself: the rubric says it decides the grade, then the grade changes.
    david_item = moderation.locator(".spoc-pw__item--flagged").filter(has_text="Unfair to david.")
    david_item.get_by_role("button", name="Assess this work myself").click()
    rubric = trainer.locator("[data-spoc-region='assess'] form")
    expect(trainer.get_by_text(re.compile("decides this work's grade"))).to_be_visible()
    for criterion in range(rubric.locator("fieldset").count()):
        fieldset = rubric.locator("fieldset").nth(criterion)
        fieldset.locator("input[type=radio]").first.check()
        if fieldset.locator("textarea").count():
            fieldset.locator("textarea").fill("Needs more work.")
    assert_accessible(trainer)  # the trainer's rubric, with what it will do
    rubric.get_by_role("button", name="Save my assessment").click()
    confirmation = trainer.locator("[data-spoc-status]:visible")
    expect(confirmation).to_have_text("Your assessment is saved: this work's grade is now 0%.")
    expect(trainer.locator("[data-spoc-live]")).to_have_text(
        "Your assessment is saved: this work's grade is now 0%."
    )
    expect(learner_row(trainer, "david").locator("td").nth(4)).to_have_text("0%")
    expect(moderation.get_by_text("Unfair to david.")).to_have_count(0)

    # Setting alice's flagged review aside asks first, naming whom it touches.
    alice_item = moderation.locator(".spoc-pw__item--flagged").filter(has_text="Unfair to alice.")
    alice_item.get_by_role("button", name="Set this review aside").click()
    asking = trainer.locator("[data-spoc-asking]")
    expect(asking).to_contain_text(re.compile(r"the grade of alice goes from \d+% to \d+%"))
    expect(asking.get_by_role("listitem").first).to_be_visible()
    assert_accessible(trainer)
    asking.get_by_role("button", name="Set the review aside").click()
    expect(trainer.locator("[data-spoc-status]:visible")).to_contain_text("recomputed")
    expect(moderation.get_by_text("Unfair to alice.")).to_have_count(0)

    # A trainer action: its confirmation shows right under the button pressed.
    trainer.locator("select[name='learner_id']").first.select_option(label="bruno")
    trainer.locator("input[name='due']").fill("2030-01-01T10:00")
    trainer.get_by_role("button", name="Set the deadline").click()
    button = trainer.get_by_role("button", name="Set the deadline")
    shown = trainer.locator("[data-spoc-status]:visible")
    expect(shown).to_have_text("Deadline extended.")
    expect(button).to_be_focused()
    below = shown.bounding_box()["y"] - sum(button.bounding_box()[side] for side in ("y", "height"))
    assert 0 <= below < 40

    # Closing says what it will do, with counts, before anything happens.
    trainer.locator("select[name='phase']").select_option(label="Closed")
    trainer.get_by_role("button", name="Switch phase").click()
    question = trainer.locator(".spoc-confirm__question")
    expect(question).to_be_focused()
    expect(question).to_contain_text("Grades will be published to 4 learners.")
    expect(trainer.locator(".spoc-pw__trainer h3").first).to_have_text("Phase: Peer review")
    assert_accessible(trainer)
    trainer.get_by_role("button", name="Move to: Closed").click()
    expect(trainer.locator(".spoc-pw__trainer h3").first).to_have_text("Phase: Closed")
    assert trainer.js_errors == []

    # The learner sees the review set aside and that their flag was upheld.
    alice = open_page(WORKSHOP, "alice")
    received = alice.locator(".spoc-pw__received-review").filter(has_text="Set aside")
    expect(received).to_have_count(1)
    expect(received).to_contain_text("Your flag was upheld: the trainer set this review aside.")
    received.get_by_role("button", name="Save my rating").click()
    rating_status = received.locator("[data-spoc-status]")
    expect(rating_status).to_be_visible()
    expect(rating_status).to_have_text("Thank you: the trainer will look at your flag.")
    assert_accessible(alice)
    assert alice.js_errors == []
