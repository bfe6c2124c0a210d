"""The cohort coach in Chromium: a learner checks in with the keyboard and reads the trainer's
reply, books a one-to-one and downloads it; the trainer follows a flagged learner, notes, nudges,
reads the KPIs; axe on every view."""

from datetime import timedelta

from playwright.sync_api import expect

from .conftest import assert_accessible

SCENARIO = "spoc_cohort_coach.0"
PAGE = f"/scenario/{SCENARIO}/"


def anonymous(username: str) -> str:
    from spoc_xblocks.dev.services import anonymous_id_for

    return anonymous_id_for(username)


def usage_id() -> str:
    from workbench.scenarios import get_scenarios

    return get_scenarios()[SCENARIO].usage_id


def tab_to(page, locator, presses: int = 60):
    """Reach an element with the Tab key only, as a keyboard user does."""
    for _ in range(presses):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} cannot be reached with the Tab key")


def confirmation(page):
    """The visible confirmation of the last action (the one status shown)."""
    return page.get_by_role("status")


def open_learner_detail(trainer, learner: str):
    row = trainer.locator(f'tr[data-spoc-learner="{anonymous(learner)}"]')
    button = row.locator('button[data-spoc-handler="learner_detail"]')
    button.focus()
    trainer.keyboard.press("Enter")
    heading = trainer.locator(".spoc-coach__detail h4")
    expect(heading).to_be_focused()
    return trainer.locator(".spoc-coach__detail")


def test_a_learner_checks_in_with_the_keyboard_and_reads_the_trainers_private_reply(open_page):
    page = open_page(PAGE, "alice")
    assert_accessible(page)
    page.locator('input[name="progress"]').focus()
    page.keyboard.type("40")
    page.keyboard.press("Tab")  # into the confidence radios
    page.keyboard.press("Space")  # 1
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # 3
    page.keyboard.press("Tab")  # into the mood radios
    page.keyboard.press("Space")  # great
    page.keyboard.press("Tab")
    page.keyboard.type("The rubric is unclear")
    page.keyboard.press("Tab")
    page.keyboard.type("An example")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator('[data-spoc-region="checkin"] h3')).to_be_focused()
    expect(confirmation(page)).to_have_text("Your check-in was sent to your trainer.")
    history = page.locator('[data-spoc-region="history"]')
    expect(history).to_contain_text("The rubric is unclear")
    expect(history).to_contain_text("3 out of 5")
    expect(history.get_by_text("You have not checked in yet.")).to_be_hidden()

    trainer = open_page(PAGE, "trainer")
    detail = open_learner_detail(trainer, "alice")
    reply = detail.locator('form[data-spoc-handler="reply"] textarea')
    reply.fill("Let us go through the rubric on Tuesday.")
    reply.press("Tab")
    trainer.keyboard.press("Enter")
    expect(confirmation(trainer)).to_have_text("Your reply was added to the thread.")
    expect(detail.locator(".spoc-coach__thread")).to_be_focused()

    page.reload()
    thread = page.locator(".spoc-coach__messages")
    expect(thread).to_contain_text("Your trainer")
    expect(thread).to_contain_text("Let us go through the rubric on Tuesday.")
    answer = page.locator('form[data-spoc-handler="reply"] textarea')
    tab_to(page, answer)
    page.keyboard.type("Tuesday suits me.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".spoc-coach__messages")).to_contain_text("Tuesday suits me.")
    expect(page.locator(".spoc-coach__thread")).to_be_focused()
    expect(confirmation(page)).to_have_text("Your reply was sent to your trainer.")
    assert_accessible(page)
    assert page.js_errors == [] and trainer.js_errors == []


def test_a_new_weeks_check_in_goes_first_in_the_history_and_stays_there(open_page, client):
    """The answer adds the new check-in at the top of the history already on the page; last week's
    stays below it, with its reply form, as after a reload."""
    import json

    from django.utils import timezone

    from spoc_xblocks.cohort_coach.models import CheckIn

    client.post(
        f"/handler/{usage_id()}/post_checkin/?student=alice",
        json.dumps({"confidence": 2, "blockers": "The brief of last week"}),
        content_type="application/json",
    )
    checkin = CheckIn.objects.get(learner_id=anonymous("alice"))
    CheckIn.objects.filter(id=checkin.id).update(
        created=timezone.now() - timedelta(days=7), period=checkin.period - 1
    )
    page = open_page(PAGE, "alice")
    entries = page.locator(".spoc-coach__history > li")
    expect(entries).to_have_count(1)
    page.locator('input[name="progress"]').fill("60")
    page.locator('textarea[name="blockers"]').fill("The rubric of this week")
    page.locator('form[data-spoc-handler="post_checkin"] button[type="submit"]').click()
    expect(confirmation(page)).to_have_text("Your check-in was sent to your trainer.")
    expect(entries).to_have_count(2)
    expect(entries.first).to_contain_text("The rubric of this week")
    expect(entries.nth(1)).to_contain_text("The brief of last week")
    expect(entries.nth(1).locator('form[data-spoc-handler="reply"]')).to_be_visible()
    assert_accessible(page)
    page.reload()
    expect(entries).to_have_count(2)
    expect(entries.first).to_contain_text("The rubric of this week")
    assert page.js_errors == []


def test_a_learner_books_a_one_to_one_and_downloads_its_calendar_file(open_page):
    trainer = open_page(PAGE, "trainer")
    slots = trainer.locator('[data-spoc-region="slots"]')
    starts = slots.locator('input[name="starts"]')
    from django.utils import timezone

    moment = (timezone.localtime() + timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    starts.fill(moment.strftime("%Y-%m-%dT%H:%M"))
    slots.locator('input[name="where"]').fill("Room 2, first floor")
    slots.locator('button[type="submit"]').click()
    expect(confirmation(trainer)).to_have_text("The slot is offered to learners.")
    expect(slots.locator("tbody tr")).to_contain_text("Room 2, first floor")
    assert_accessible(trainer)

    page = open_page(PAGE, "bruno")
    book = page.locator('button[data-spoc-handler="book_slot"]')
    book.focus()
    page.keyboard.press("Enter")
    expect(page.locator('[data-spoc-region="meeting"] h3')).to_be_focused()
    expect(page.locator('[data-spoc-region="meeting"]')).to_contain_text("Booked:")
    expect(confirmation(page)).to_have_text("Your one-to-one is booked.")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    text = download.path().read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and "BEGIN:VEVENT" in text
    assert "LOCATION:Room 2\\, first floor" in text and "DTSTART:" in text and "Z\r\n" in text
    assert_accessible(page)
    other = open_page(PAGE, "chloe")
    expect(other.locator('button[data-spoc-handler="book_slot"]')).to_have_count(0)


def flag_hugo_inactive(client):
    """hugo and alice checked in; hugo has done nothing for nine days since, which flags him."""
    import json

    from django.utils import timezone

    from spoc_xblocks.cohort_coach.models import CheckIn
    from spoc_xblocks.common.models import ActivityRecord

    for learner, confidence in (("hugo", 3), ("alice", 4)):
        client.post(
            f"/handler/{usage_id()}/post_checkin/?student={learner}",
            json.dumps({"confidence": confidence}),
            content_type="application/json",
        )
    nine_days_ago = timezone.now() - timedelta(days=9)
    ActivityRecord.objects.filter(learner_id=anonymous("hugo")).update(created=nine_days_ago)
    checkin = CheckIn.objects.get(learner_id=anonymous("hugo"))
    CheckIn.objects.filter(id=checkin.id).update(created=nine_days_ago, period=checkin.period - 2)


def test_the_trainer_follows_a_flagged_learner_who_sees_the_nudge_at_the_next_visit(
    open_page, client
):
    flag_hugo_inactive(client)
    trainer = open_page(PAGE, "trainer")
    row = trainer.locator(f'tr[data-spoc-learner="{anonymous("hugo")}"]')
    expect(row).to_contain_text("no activity for 9 days")
    expect(row).to_contain_text("Open")
    assert_accessible(trainer)

    detail = open_learner_detail(trainer, "hugo")
    detail.locator('form[data-spoc-handler="add_flag_note"] textarea').fill(
        "Phoned Hugo: busy at work."
    )
    detail.get_by_role("button", name="Mark as contacted").click()
    expect(confirmation(trainer)).to_have_text("Marked as contacted.")
    expect(trainer.locator(".spoc-coach__detail h4")).to_be_focused()
    expect(trainer.locator(".spoc-coach__detail")).to_contain_text("Phoned Hugo: busy at work.")
    expect(row).to_contain_text("Contacted")
    expect(row).to_contain_text("no activity since contact")
    message = detail.locator('form[data-spoc-handler="send_nudge"] textarea')
    message.fill("Hugo, your workshop submission is waiting. Shall we talk?")
    message.press("Tab")
    trainer.keyboard.press("Enter")
    expect(confirmation(trainer)).to_contain_text("Nudge queued for 1 learner")
    expect(row).to_contain_text("nudge: waiting for their next visit")
    assert_accessible(trainer)

    trainer.locator(f'a[href="#{trainer.locator(".spoc-coach").get_attribute("id")}-kpis"]').click()
    kpis = trainer.locator('section[id$="-kpis"]')
    expect(kpis.locator("svg[role='img']").first).to_be_visible()
    expect(kpis).to_contain_text("2 took part in: Check-ins")
    expect(kpis.locator("table").first).to_contain_text("Active this week")
    trainer.get_by_role("button", name="At risk or flagged").click()
    expect(trainer.locator(".spoc-coach__table caption")).to_contain_text(
        "Learners at risk or flagged"
    )
    at_risk = trainer.get_by_role("button", name="At risk or flagged")
    expect(at_risk).to_have_attribute("aria-pressed", "true")
    expect(at_risk).to_be_focused()

    learner = open_page(PAGE, "hugo")
    expect(learner.locator(".spoc-coach__nudges")).to_contain_text(
        "your workshop submission is waiting"
    )
    assert "Phoned Hugo" not in learner.content()
    assert_accessible(learner)
    assert trainer.js_errors == [] and learner.js_errors == []


def test_the_studio_editor_and_preview_are_accessible_and_save(open_page):
    editor = open_page(f"/scenario/{SCENARIO}/studio_view/", "trainer")
    assert_accessible(editor)
    editor.locator('input[name="inactive_days"]').fill("10")
    editor.locator('input[name="questions"][value="mood"]').uncheck()
    editor.locator('button[type="submit"]').click()
    expect(confirmation(editor)).to_have_text("Saved.")
    from workbench.runtime import WorkbenchRuntime

    from spoc_xblocks.cohort_coach import workflow

    block = WorkbenchRuntime("trainer").get_block(usage_id())
    assert workflow.thresholds(block).inactive_days == 10
    assert "mood" not in workflow.question_ids(block)
    preview = open_page(f"/scenario/{SCENARIO}/author_view/", "trainer")
    expect(preview.locator(".spoc-coach")).to_contain_text("Inactive for (days)")
    assert_accessible(preview)


def test_the_learner_view_fits_a_phone_in_french(open_page):
    page = open_page(PAGE, "lea", locale="fr-FR", width=360)
    block = page.locator(".spoc-block").first
    expect(block).to_be_visible()
    assert block.evaluate("element => element.scrollWidth <= element.clientWidth")
    assert_accessible(page)


def test_a_refused_value_is_shown_next_to_its_field_and_takes_the_focus(open_page):
    editor = open_page(f"/scenario/{SCENARIO}/studio_view/", "trainer")
    drop = editor.locator('input[name="confidence_drop"]')
    drop.fill("5")
    editor.locator('button[type="submit"]').click()
    error = editor.locator('[data-spoc-error-for="confidence_drop"]')
    expect(error).to_have_text("'Confidence drop' must be from 0 to 4.")
    expect(drop).to_be_focused()
    expect(drop).to_have_attribute("aria-invalid", "true")
    assert error.get_attribute("id") in drop.get_attribute("aria-describedby").split()
    drop.fill("")
    for box in editor.locator('input[name="questions"]').all():
        box.uncheck()
    editor.locator('button[type="submit"]').click()
    questions = editor.locator('[data-spoc-error-for="questions"]')
    expect(questions).to_have_text("Choose at least one question for the check-ins.")
    expect(error).to_be_hidden()
    assert_accessible(editor)

    page = open_page(PAGE, "alice")
    page.get_by_role("button", name="Add the goal").click()
    goal = page.locator('input[name="text"]')
    expect(page.locator('[data-spoc-error-for="text"]')).to_have_text(
        "Write your goal before adding it."
    )
    expect(goal).to_be_focused()
    goal.fill("Finish the workshop")
    page.get_by_role("button", name="Add the goal").click()
    expect(confirmation(page)).to_have_text("Your goal was added.")
    expect(page.locator('[data-spoc-region="goals"] h3')).to_be_focused()
    assert_accessible(page)

    trainer = open_page(PAGE, "trainer")
    slots = trainer.locator('[data-spoc-region="slots"]')
    slots.locator('input[name="starts"]').fill("2020-01-06T10:00")
    slots.get_by_role("button", name="Offer this slot").click()
    expect(slots.locator('[data-spoc-error-for="starts"]')).to_have_text(
        "The start must be in the future, within a year."
    )
    expect(slots.locator('input[name="starts"]')).to_be_focused()
    assert page.js_errors == [] and editor.js_errors == [] and trainer.js_errors == []
