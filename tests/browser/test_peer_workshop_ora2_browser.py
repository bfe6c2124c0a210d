"""An ORA2 problem pasted in the Studio editor, then used: a learner reviews on its comment-only
criterion and the author reads the comment, in Chromium with axe-core."""

from playwright.sync_api import expect

from tests.peer_workshop.ora2_samples import ORA2_PROBLEM

from .conftest import assert_accessible
from .test_peer_workshop_browser import reviews_open_for_three

WORKSHOP = "/scenario/spoc_peer_workshop.0/"
ADVICE = "Put the unlock button where the thumb rests."


def import_the_ora2_problem(open_page):
    """Paste the problem into the rubric's Advanced tab, check what it filled and what it left,
    keep the trainer in charge of the phases (no dates, no self-assessment), save."""
    page = open_page(f"{WORKSHOP}studio_view/", "trainer")
    page.get_by_role("tab", name="Advanced (XML)").click()
    page.locator("[name='rubric_xml']").fill(ORA2_PROBLEM)
    report = page.locator("[data-spoc-region='ora-report'] section")
    expect(report).to_be_focused()
    expect(report).to_contain_text("Flexible peer grading is not brought.")
    expect(page.get_by_label("Display name")).to_have_value("Design review of a bike-sharing app")
    expect(page.get_by_label("Reviews per submission")).to_have_value("3")
    expect(page.get_by_label("Submission deadline")).to_have_value("2030-03-09T23:59")
    assert "<p>Describe the screen" in page.locator("textarea[name=prompt]").input_value()
    assert (
        '<criterion name="Advice" feedback="required">'
        in page.locator("[name='rubric_xml']").input_value()
    )
    assert_accessible(page)
    page.get_by_role("tab", name="Form").click()
    expect(page.get_by_label("Criterion label").last).to_have_value("One piece of advice")
    for label in ("Submissions open", "Submission deadline", "Review deadline"):
        page.get_by_label(label).fill("")
    page.get_by_label("Self-assessment").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-spoc-status]")).to_contain_text("Saved.")
    assert page.js_errors == []


def test_an_imported_ora2_comment_only_criterion_is_reviewed_and_read_by_the_author(open_page):
    import_the_ora2_problem(open_page)
    demo, usage = reviews_open_for_three()

    page = open_page(WORKSHOP, "david")
    for index in range(2):
        item = page.locator("[data-spoc-review-item]").nth(index)
        item.locator("[data-spoc-action='toggle-review']").click()
        form = item.locator("[data-spoc-rubric]")
        advice = form.get_by_label("Comment on One piece of advice (required)")
        expect(advice).to_be_visible()
        advice_fieldset = form.locator("fieldset").filter(has=advice)
        expect(advice_fieldset.locator("input[type=radio]")).to_have_count(0)
        if index == 0:
            assert_accessible(page)  # the form with its comment-only criterion
        for fieldset in form.locator("fieldset").all():
            levels = fieldset.locator("input[type=radio]")
            if levels.count():
                levels.last.check()
            if fieldset.locator("textarea").count():
                fieldset.locator("textarea").fill(ADVICE)
        form.get_by_role("button", name="Submit my review").click()
        if index == 0:
            expect(item.locator("[data-spoc-review-status]")).to_have_text("Done")
    expect(page.locator("[data-spoc-region='received'] [data-spoc-focus]")).to_be_focused()
    assert page.js_errors == []

    demo.post(usage, "set_phase", "trainer", {"phase": "grading", "confirmed": True})
    author = open_page(WORKSHOP, "emma")
    review = author.locator(".spoc-pw__received-review").filter(has_text="One piece of advice")
    expect(review.first).to_contain_text(ADVICE)
    assert_accessible(author)
    assert author.js_errors == []
