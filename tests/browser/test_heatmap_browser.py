"""The cohort heat map in Chromium, as the trainer: 50 learners on one 1280 px screen, the SVG with
its table, a learner's name opening their detail with the keyboard (focus moves there, and back
again on closing it). axe on the dashboard and the detail."""

from playwright.sync_api import expect

from tests.cohort_coach.cohort_factory import build_cohort, cohort_names

from .conftest import assert_accessible
from .test_cohort_coach_browser import PAGE, anonymous, tab_to, usage_id

LEARNERS = 50


def test_the_trainer_reads_fifty_learners_on_one_screen_and_opens_one(open_page, settings):
    settings.SPOC_DEV_ROSTER = cohort_names(LEARNERS)
    build_cohort(usage_id(), settings.SPOC_DEV_ROSTER)
    trainer = open_page(PAGE, "trainer")
    link = trainer.get_by_role("link", name="Heat map", exact=True)
    tab_to(trainer, link)
    trainer.keyboard.press("Enter")
    section = trainer.locator('section[id$="-heatmap"]')
    heading = section.get_by_role("heading", name="Cohort heat map")
    expect(heading).to_be_visible()
    chart = section.locator('svg[role="img"]')
    box = chart.bounding_box()
    assert box["width"] <= 1280 and box["height"] <= 800, box  # a 1280 x 800 screen holds it
    chart.scroll_into_view_if_needed()
    assert chart.evaluate("svg => svg.getBoundingClientRect().right <= window.innerWidth")
    expect(section.locator("table tbody tr")).to_have_count(LEARNERS)
    assert chart.get_attribute("aria-labelledby")
    assert_accessible(trainer)

    learner = settings.SPOC_DEV_ROSTER[7]
    button = section.locator("table tbody th button", has_text=learner)
    button.focus()
    trainer.keyboard.press("Enter")
    detail = trainer.locator(".spoc-coach__detail")
    expect(detail.locator("h4")).to_be_focused()
    expect(detail.locator("h4")).to_contain_text(learner)
    assert detail.locator("[data-spoc-close]").get_attribute("data-spoc-close") == anonymous(
        learner
    )
    assert_accessible(trainer)
    detail.get_by_role("button", name="Back to the learners").press("Enter")
    expect(button).to_be_focused()
    assert not trainer.js_errors, trainer.js_errors


def test_a_cohort_over_fifty_pages_and_the_next_page_takes_focus(open_page, settings):
    settings.SPOC_DEV_ROSTER = cohort_names(LEARNERS + 10)
    build_cohort(usage_id(), settings.SPOC_DEV_ROSTER)
    trainer = open_page(PAGE, "trainer")
    section = trainer.locator('section[id$="-heatmap"]')
    expect(section.locator("table tbody tr")).to_have_count(LEARNERS)
    next_page = section.get_by_role("button", name="Next page")
    next_page.focus()
    trainer.keyboard.press("Enter")
    expect(section.locator("table tbody tr")).to_have_count(10)
    expect(section.locator("caption")).to_contain_text("learners 51 to 60")
    expect(section.locator('[role="region"]')).to_be_focused()
    assert_accessible(trainer)
    assert not trainer.js_errors, trainer.js_errors
