"""Deferred work seen in Chromium (the workbench has no broker, so the jobs run in the request): a
learner chooses with the keyboard whether the course emails them; the trainer closes a workshop and
reads that the grades reached the gradebook, then what became of a reminder's email; the coach's
trainer reads what became of the nudge emails once they fell due."""

import re

from playwright.sync_api import expect

from .conftest import assert_accessible
from .test_cohort_coach_browser import tab_to
from .test_peer_workshop_trainer_browser import WORKSHOP, played_workshop

COACH = "/scenario/spoc_cohort_coach.0/"


def save_choice_with_keyboard(page, box, save):
    """Space toggles the box once the Tab key reached it; Enter presses "Save my choice"."""
    tab_to(page, box)
    page.keyboard.press("Space")
    tab_to(page, save)
    page.keyboard.press("Enter")


def test_a_learner_chooses_with_the_keyboard_whether_the_course_emails_them(open_page):
    page = open_page(COACH, "alice")
    preference = page.locator("form.spoc-email-preference")
    box = preference.get_by_role("checkbox", name="Email me about this course")
    save = preference.get_by_role("button", name="Save my choice")
    expect(box).to_be_checked()
    assert_accessible(page)

    save_choice_with_keyboard(page, box, save)
    declined = (
        "You will receive no more email from this course's trainers; their messages still show "
        "here."
    )
    shown = preference.locator("[data-spoc-status]")
    expect(shown).to_be_visible()
    expect(shown).to_have_text(declined)
    expect(page.locator("[data-spoc-live]")).to_have_text(declined)
    expect(save).to_be_focused()
    below = shown.bounding_box()["y"] - sum(save.bounding_box()[side] for side in ("y", "height"))
    assert 0 <= below < 40  # right under the button pressed, not at the top of the block
    assert_accessible(page)

    page.reload()
    box = page.get_by_role("checkbox", name="Email me about this course")
    expect(box).not_to_be_checked()
    save_choice_with_keyboard(page, box, page.get_by_role("button", name="Save my choice"))
    expect(page.locator("form.spoc-email-preference [data-spoc-status]")).to_have_text(
        "You will be emailed about this course."
    )
    expect(page.locator("[data-spoc-live]")).to_have_text("You will be emailed about this course.")
    page.reload()
    expect(page.get_by_role("checkbox", name="Email me about this course")).to_be_checked()
    assert_accessible(page)

    # The same box closes the workshop's page, and the same choice is read there.
    workshop = open_page(WORKSHOP, "alice")
    box = workshop.get_by_role("checkbox", name="Email me about this course")
    expect(box).to_be_checked()
    box.uncheck()
    workshop.get_by_role("button", name="Save my choice").click()
    expect(workshop.locator("form.spoc-email-preference [data-spoc-status]")).to_have_text(declined)
    page.reload()
    expect(page.get_by_role("checkbox", name="Email me about this course")).not_to_be_checked()
    assert_accessible(workshop)
    assert page.js_errors == [] and workshop.js_errors == []


def test_the_trainer_closes_the_workshop_and_reads_that_the_grades_are_in_the_gradebook(
    open_page,
):
    played_workshop()
    trainer = open_page(WORKSHOP, "trainer")
    expect(trainer.locator(".spoc-pw__trainer h3").first).to_have_text("Phase: Peer review")
    trainer.locator("select[name='phase']").select_option(label="Closed")
    trainer.get_by_role("button", name="Switch phase").click()
    expect(trainer.locator(".spoc-confirm__question")).to_be_focused()
    trainer.get_by_role("button", name="Move to: Closed").click()
    expect(trainer.locator(".spoc-pw__trainer h3").first).to_have_text("Phase: Closed")
    expect(trainer.locator(".spoc-pw__gradebook")).to_have_text(
        re.compile(r"^Grades are in the gradebook for all \d+ learners whose grade changed\.$")
    )
    assert_accessible(trainer)
    assert trainer.js_errors == []

    alice = open_page(WORKSHOP, "alice")
    expect(alice.get_by_role("heading", name=re.compile(r"^Your grade: \d+ ?%$"))).to_be_visible()
    assert_accessible(alice)
    assert alice.js_errors == []


def test_the_trainer_reminds_one_learner_and_reads_that_the_email_was_sent(open_page):
    from django.core import mail

    played_workshop()
    trainer = open_page(WORKSHOP, "trainer")
    reminders = trainer.locator("form[data-spoc-handler='remind']")
    reminders.locator("select[name='audience']").select_option(value="one")
    reminders.locator("select[name='learner_id']").select_option(label="bruno")
    reminders.get_by_label("Message").fill("Bruno, two reviews are still waiting for you.")
    reminders.get_by_role("button", name="Send the reminder").click()
    expect(trainer.locator("[data-spoc-status]:visible")).to_have_text(
        "Reminder sent to 1 learner."
    )
    last_emails = trainer.get_by_text("Last reminder emails:")
    expect(last_emails).to_have_text("Last reminder emails: 1 email sent.")
    assert_accessible(trainer)
    trainer.reload()
    expect(last_emails).to_have_text("Last reminder emails: 1 email sent.")
    assert len(mail.outbox) == 1 and "two reviews are still waiting" in mail.outbox[0].body
    assert trainer.js_errors == []

    bruno = open_page(WORKSHOP, "bruno")
    expect(bruno.locator(".spoc-pw__reminder")).to_contain_text("two reviews are still waiting")


def test_the_coach_trainer_reads_what_became_of_the_nudge_emails(open_page, client):
    from datetime import timedelta

    from django.core import mail
    from django.utils import timezone

    from spoc_xblocks.cohort_coach.models import Nudge
    from spoc_xblocks.common.models import DeferredJob

    from .test_cohort_coach_browser import flag_hugo_inactive

    flag_hugo_inactive(client)
    trainer = open_page(COACH, "trainer")
    nudge = trainer.locator('form[data-spoc-payload=\'{"target": "flagged"}\']')
    nudge.locator("textarea[name='message']").fill("Hugo, shall we talk this week?")
    nudge.get_by_role("button", name="Send to every flagged learner").click()
    asking = trainer.locator("[data-spoc-asking]")
    expect(asking).to_contain_text(re.compile(r"Send this nudge to \d+ flagged learners?\?"))
    send = asking.get_by_role("button", name=re.compile(r"^Send to \d+ learners?$"))
    flagged = int(re.search(r"\d+", send.inner_text()).group())
    send.click()
    expect(nudge.locator("[data-spoc-status]")).to_contain_text(
        re.compile(rf"^Nudge queued for {flagged} learners?")
    )
    last_emails = nudge.get_by_text("Last nudge emails:")
    expect(last_emails).to_have_text("Last nudge emails: Emails waiting until they are due.")
    assert_accessible(trainer)

    # The delay passes with hugo still away: the next view sends what fell due.
    past = timezone.now() - timedelta(minutes=1)
    Nudge.objects.update(email_due=past)
    DeferredJob.objects.filter(status=DeferredJob.QUEUED).update(run_after=past)
    trainer.reload()
    emails = "1 email" if flagged == 1 else f"{flagged} emails"
    expect(last_emails).to_have_text(f"Last nudge emails: {emails} sent.")
    assert len(mail.outbox) == flagged
    assert ["hugo@example.com"] in [message.to for message in mail.outbox]
    assert trainer.js_errors == []
