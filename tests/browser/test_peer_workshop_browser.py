"""A whole peer workshop in Chromium: three learners and the trainer, the rubric with the keyboard
only, and axe-core on every view (learner submit, reviews to do, review form, feedback and grade;
trainer views)."""

import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible

WORKSHOP = "/scenario/spoc_peer_workshop.0/"
LEARNERS = ("alice", "bruno", "chloe")


def switch_phase(page, label: str, asks: bool = False):
    """Move the workshop on; a change with consequences is asked first and confirmed here."""
    page.locator("select[name='phase']").select_option(label=label)
    page.get_by_role("button", name="Switch phase").click()
    if asks:
        expect(page.locator(".spoc-confirm__question")).to_be_focused()
        page.get_by_role("button", name=f"Move to: {label}").click()
    expect(page.locator(".spoc-pw__trainer h3").first).to_contain_text(label)


def submit_work(page, text: str):
    editor = page.locator("[data-spoc-editor]")
    editor.click()
    page.keyboard.type(text)
    page.get_by_role("button", name="Add a link").click()
    page.locator("[data-spoc-link-title]").fill("Our guide")
    page.locator("[data-spoc-link-url]").fill("https://example.com/guide")
    expect(page.locator(".spoc-pw__draft-status")).to_contain_text("Draft saved", timeout=5000)
    page.get_by_role("button", name="Submit my work").click()
    expect(page.locator("[data-spoc-confirm-text]")).to_be_focused()
    page.get_by_role("button", name="Yes, submit my work").press("Enter")
    expect(page.get_by_text(re.compile("Submitted on"))).to_be_visible()
    expect(page.locator("[data-spoc-region='work'] [data-spoc-focus]")).to_be_focused()
    expect(page.locator("[data-spoc-live]")).to_have_text("Your work is submitted.")


def tab_to(page, locator, limit: int = 40):
    for _ in range(limit):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail("the control cannot be reached with the Tab key")


def review_with_keyboard(page, item_index: int, comment: str, check_accessible: bool = False):
    """Open one review, choose a level per criterion with the arrow keys, comment, submit with
    Enter."""
    item = page.locator("[data-spoc-review-item]").nth(item_index)
    toggle = item.locator("[data-spoc-action='toggle-review']")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    if check_accessible:
        assert_accessible(page)  # the review form, open
    form = item.locator("[data-spoc-rubric]")
    for criterion in range(form.locator("fieldset").count()):
        fieldset = form.locator("fieldset").nth(criterion)
        tab_to(page, fieldset.locator("input[type=radio]").first)
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        expect(fieldset.locator("input[type=radio]").nth(2)).to_be_checked()
        page.keyboard.press("Tab")
        page.keyboard.type(comment)
    tab_to(page, form.locator("button[type=submit]"))
    # Decided before submitting: once the answer arrives the page changes under a later count.
    is_last = page.locator("[data-spoc-review-item] [data-spoc-rubric]").count() == 1
    page.keyboard.press("Enter")
    if not is_last:
        expect(item.locator("[data-spoc-review-status]")).to_have_text("Done")
        expect(item.locator(".spoc-pw__review-title")).to_be_focused()
    else:
        # The last review: the page is drawn again with the feedback received, and focus goes there.
        expect(page.locator("[data-spoc-region='received'] [data-spoc-focus]")).to_be_focused()


def reviews_open_for_three():
    """david, emma and farid submitted (through the handlers) and reviews are open; returns the
    client and the workshop's usage id, to play on."""
    from workbench.scenarios import get_scenarios

    from spoc_xblocks.dev.demo_client import DemoClient

    demo, usage = DemoClient(), get_scenarios()["spoc_peer_workshop.0"].usage_id
    demo.post(usage, "set_phase", "trainer", {"phase": "submission"})
    for learner in ("david", "emma", "farid"):
        demo.post(usage, "submit_work", learner, {"text": f"<p>Work of {learner}</p>", "links": []})
    demo.post(usage, "set_phase", "trainer", {"phase": "review", "confirmed": True})
    return demo, usage


def test_three_learners_and_the_trainer_run_a_whole_workshop(open_page):
    trainer = open_page(WORKSHOP, "trainer")
    assert_accessible(trainer)
    switch_phase(trainer, "Submission")

    for index, learner in enumerate(LEARNERS):
        page = open_page(WORKSHOP, learner)
        if index == 0:
            assert_accessible(page)  # the submission view with its editor
        submit_work(page, f"Listen, apologise, fix; escalate after ten minutes ({learner}).")
        if index == 0:
            assert_accessible(page)
        assert page.js_errors == []

    trainer.reload()
    switch_phase(trainer, "Peer review", asks=True)
    expect(
        trainer.locator("#" + trainer.locator("section h3").nth(1).get_attribute("id"))
    ).to_be_visible()
    assert_accessible(trainer)

    for index, learner in enumerate(LEARNERS):
        page = open_page(WORKSHOP, learner)
        expect(page.get_by_text("0 of 2 reviews done.")).to_be_visible()
        if index == 0:
            assert_accessible(page)  # the reviews to do
        for item in range(2):
            review_with_keyboard(
                page, item, f"Precise and kind, says {learner}.", check_accessible=index + item == 0
            )
        expect(page.get_by_text("2 of 2 reviews done.")).to_be_visible()
        assert page.js_errors == []

    alice = open_page(WORKSHOP, "alice")
    received = alice.locator(".spoc-pw__received-review").first
    expect(received).to_contain_text("Reviewer 1")
    received.locator("input[name=helpfulness]").first.check()
    received.locator("input[name=flagged]").check()
    received.locator("textarea[name=reason]").fill("It ignores my escalation step.")
    received.get_by_role("button", name="Save my rating").click()
    expect(received.locator("[data-spoc-status]")).to_have_text(
        "Thank you: the trainer will look at your flag."
    )
    assert_accessible(alice)  # the feedback received

    trainer.reload()
    moderation = trainer.locator(".spoc-pw__item--flagged")
    moderation_id = trainer.locator("section h3").nth(4).get_attribute("id")
    expect(moderation).to_contain_text("It ignores my escalation step.")
    moderation.get_by_role("button", name="Set this review aside").click()
    trainer.get_by_role("button", name="Set the review aside").click()
    expect(trainer.locator("#" + moderation_id)).to_be_focused()
    expect(trainer.locator("[data-spoc-status]")).to_contain_text("recomputed")
    switch_phase(trainer, "Closed", asks=True)
    expect(trainer.get_by_text(re.compile("of 12 learners submitted"))).to_be_visible()
    assert_accessible(trainer)
    assert trainer.js_errors == []

    alice.reload()
    expect(alice.get_by_role("heading", name=re.compile("Your grade: \\d+%"))).to_be_visible()
    expect(alice.get_by_text("Each criterion: the median of your peers' scores.")).to_be_visible()
    assert_accessible(alice)  # feedback and grade


def test_the_rubric_tells_what_is_missing_and_moves_focus_to_it(open_page):
    reviews_open_for_three()
    page = open_page(WORKSHOP, "david", width=360)
    toggle = page.locator("[data-spoc-action='toggle-review']").first
    toggle.focus()
    page.keyboard.press("Enter")
    form = page.locator("[data-spoc-rubric]").first
    expect(form.locator("input[type=radio]").first).to_be_focused()
    page.keyboard.press("ArrowDown")
    tab_to(page, form.locator("button[type=submit]"))
    page.keyboard.press("Enter")
    alert = form.locator("[data-spoc-error]")
    expect(alert).to_be_focused()
    expect(alert).to_contain_text("Choose a level for 'Tone with the customer'.")
    expect(form.locator("[data-spoc-status]")).to_have_text("Review draft saved.", timeout=5000)
    expect(alert).to_contain_text("Tone with the customer")  # the draft saved after it keeps it
    assert_accessible(page)
    block = page.locator(".spoc-block").first
    assert block.evaluate("element => element.scrollWidth <= element.clientWidth")


def test_a_review_submitted_before_its_draft_is_saved_stays_quiet(open_page):
    """The draft waiting to be saved as the learner typed is dropped when they submit: sent after
    the review is in, it would be refused, and the refusal would take the focus away."""
    reviews_open_for_three()
    page = open_page(WORKSHOP, "david")
    refused = []
    page.on("response", lambda response: response.ok or refused.append(response.url))
    item = page.locator("[data-spoc-review-item]").first
    review_with_keyboard(page, 0, "Clear steps.")
    page.wait_for_timeout(2500)  # longer than the draft delay
    assert refused == []
    expect(page.locator("[data-spoc-error]:visible")).to_have_count(0)
    expect(item.locator(".spoc-pw__review-title")).to_be_focused()
    assert page.js_errors == []


def test_the_studio_editor_converts_an_ora2_rubric_and_saves_or_explains(open_page):
    from workbench.runtime import WorkbenchRuntime
    from workbench.scenarios import get_scenarios

    from tests.peer_workshop.logic.test_rubric import ORA2_RUBRIC

    page = open_page("/scenario/spoc_peer_workshop.0/studio_view/", "trainer")
    assert_accessible(page)
    page.locator("textarea[name=xml]").fill(ORA2_RUBRIC)
    page.get_by_role("button", name="Convert the ORA2 rubric").click()
    rubric = page.locator("[name='rubric_xml']")
    # A whole <openassessment>: what it filled in and what it left are listed, and read first.
    expect(page.locator("[data-spoc-region='ora-report'] section")).to_be_focused()
    expect(page.get_by_label("Display name")).to_have_value("Censorship")
    assert '<criterion name="Ideas" feedback="optional">' in rubric.input_value()
    expect(page.locator("[data-spoc-live]")).to_have_text(
        "The ORA2 problem was converted: check the settings, the assignment and the rubric, then "
        "save."
    )
    page.get_by_label("Submission deadline").fill("2030-01-20T12:00")
    review_due = page.get_by_label("Review deadline")
    review_due.fill("2030-01-10T12:00")
    page.get_by_role("button", name="Save").click()
    # The refusal is next to the date at fault, which takes focus.
    alert = page.locator("[data-spoc-error-for='review_due']")
    expect(alert).to_have_text("Review deadline must come after Submission deadline.")
    expect(review_due).to_be_focused()
    expect(review_due).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)  # the refusal on screen
    review_due.fill("2030-01-25T12:00")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-spoc-status]")).to_have_text("Saved.")
    expect(alert).to_be_hidden()
    block = WorkbenchRuntime("trainer").get_block(get_scenarios()["spoc_peer_workshop.0"].usage_id)
    assert "Ideas" in block.rubric_xml
    assert block.review_due == datetime(2030, 1, 25, 12, tzinfo=UTC)
    assert_accessible(page)
    assert page.js_errors == []


def test_the_studio_editor_takes_whole_points_and_explains_a_fraction(open_page):
    from workbench.runtime import WorkbenchRuntime
    from workbench.scenarios import get_scenarios

    def stored_points():
        usage_id = get_scenarios()["spoc_peer_workshop.0"].usage_id
        return WorkbenchRuntime("trainer").get_block(usage_id).weight

    page = open_page("/scenario/spoc_peer_workshop.0/studio_view/", "trainer")
    points = page.get_by_label("Points", exact=True)
    expect(points).to_have_value("100")
    expect(points).to_have_attribute("step", "1")
    points.fill("2.5")
    points.press("Enter")  # the form's own submission, as Save
    alert = page.locator("[data-spoc-error-for='weight']")
    expect(alert).to_have_text("'Points' must be a whole number.")  # named by its label
    expect(points).to_be_focused()
    assert stored_points() == 100
    assert_accessible(page)  # the refusal on screen

    points.fill("20")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-spoc-status]")).to_have_text("Saved.")
    expect(alert).to_be_hidden()
    assert stored_points() == 20
    assert_accessible(page)
    assert page.js_errors == []


def test_a_refused_rubric_puts_the_caret_on_the_line_of_its_first_problem(open_page):
    from tests.peer_workshop.block.test_authoring import TWO_BAD_CRITERIA

    page = open_page("/scenario/spoc_peer_workshop.0/studio_view/", "trainer")
    rubric = page.locator("[name='rubric_xml']")
    rubric.fill(TWO_BAD_CRITERIA)
    page.get_by_role("button", name="Save").click()

    alert = page.locator("[data-spoc-error-for='rubric_xml']")
    expect(alert).to_contain_text("(<option>, line 3)")
    expect(alert).to_contain_text("(<option>, line 8)")
    expect(rubric).to_be_focused()
    selected = rubric.evaluate("area => area.value.slice(area.selectionStart, area.selectionEnd)")
    assert selected == '    <option name="weak" points="x"/>'
    assert page.js_errors == []
