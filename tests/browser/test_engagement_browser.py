"""The pulse and the skills check in Chromium: learners answer with the keyboard, trainers read and
export."""

import csv
import io

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible

PULSE = "/scenario/spoc_pulse.0/"
NAMED = "/scenario/spoc_pulse.1/"
CLOSED = "/scenario/spoc_pulse.2/"
BEFORE = "/scenario/spoc_skills_check.0/"
AFTER = "/scenario/spoc_skills_check.1/"
COURSE = "course-v1:SPOC+Onboarding+2026"


def tab_to(page, locator):
    """Reach a control with the Tab key only, as a keyboard user does."""
    for _ in range(60):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"{locator} cannot be reached with the Tab key")


def choose_with_arrows(page, group, value_index: int):
    """Tab into a radio group and move to the wanted choice with the arrow keys."""
    tab_to(page, group.locator("input").first)
    page.keyboard.press("Space")
    for _ in range(value_index):
        page.keyboard.press("ArrowRight")
    expect(group.locator("input").nth(value_index)).to_be_checked()


def answer_pulse_for(usage_id: str, learners):
    """Other learners' answers, stored through the same api as the handler (the page under test is
    the point)."""
    from spoc_xblocks.engagement import api

    for index, learner in enumerate(learners):
        api.record_pulse_answer(
            COURSE,
            usage_id,
            learner,
            {
                "pace": {"kind": "likert", "value": 3 + index % 2},
                "recommend": {"kind": "nps", "value": 8},
                "helped": {"kind": "single", "value": "workshop"},
                "change": {"kind": "text", "value": f"Idea {index}"},
            },
            anonymous=True,
            rated=True,
        )


def usage_id(scenario_path: str) -> str:
    from workbench.scenarios import get_scenarios

    return get_scenarios()[scenario_path.strip("/").split("/")[1]].usage_id


def test_a_learner_answers_the_pulse_with_the_keyboard_and_sees_the_results(open_page):
    answer_pulse_for(usage_id(PULSE), ["bruno-id", "chloe-id"])
    page = open_page(PULSE, "alice", width=360)
    expect(page.locator(".spoc-pulse__terms")).to_contain_text("This pulse is anonymous")
    assert_accessible(page)
    questions = page.locator("[data-spoc-question]")
    choose_with_arrows(page, questions.nth(0), 3)  # Agree
    choose_with_arrows(page, questions.nth(1), 4)  # 5 stars
    choose_with_arrows(page, questions.nth(2), 9)  # 9 out of 10
    choose_with_arrows(page, questions.nth(3), 0)
    tab_to(page, questions.nth(4).locator("input").nth(1))
    page.keyboard.press("Space")
    tab_to(page, page.locator("textarea"))
    page.keyboard.type("More role plays.")
    tab_to(page, page.locator("button[data-spoc-handler=answer]"))
    page.keyboard.press("Enter")

    heading = page.locator(".spoc-pulse__heading")
    expect(heading).to_be_focused()
    expect(heading).to_have_text("Thank you: your answers were recorded")
    expect(page.locator("[data-spoc-live]")).to_have_text("Thank you: your answers were recorded.")
    expect(page.locator(".spoc-pulse__panel")).to_contain_text(
        "cannot be shown here: this pulse is anonymous"
    )
    results = page.locator(".spoc-pulse__results")
    expect(results).to_contain_text("3 responses so far.")
    expect(results.locator("svg[role='img']")).to_have_count(5)
    expect(
        results.locator("table").first.get_by_role("row", name="Agree 2 67%", exact=True)
    ).to_be_visible()
    expect(results).not_to_contain_text("Idea 0")  # written answers are for the trainer
    assert_accessible(page)
    block = page.locator(".spoc-block").first
    assert block.evaluate("element => element.scrollWidth <= element.clientWidth")
    assert page.js_errors == []


def test_a_refused_answer_is_explained_next_to_its_question_and_focused(open_page):
    page = open_page(NAMED, "david")
    expect(page.locator(".spoc-pulse__terms")).to_contain_text(
        "your trainer sees your answers with your name"
    )
    page.locator("button[data-spoc-handler=answer]").focus()
    page.keyboard.press("Enter")
    first_choice = page.locator("[data-spoc-question]").first.locator("input").first
    expect(first_choice).to_be_focused()
    expect(first_choice).to_have_attribute("aria-invalid", "true")
    error_id = first_choice.get_attribute("aria-describedby").split()[-1]
    expect(page.locator(f"#{error_id}")).to_have_text("Questions 1, 2, 3, 4 need an answer.")
    assert_accessible(page)
    closed = open_page(CLOSED, "david")
    expect(closed.locator(".spoc-pulse__terms")).to_contain_text("This pulse closed on")
    assert_accessible(closed)


def test_the_trainer_reads_the_results_and_exports_them_as_csv(open_page):
    answer_pulse_for(usage_id(PULSE), ["a-id", "b-id", "c-id", "d-id"])
    page = open_page(PULSE, "trainer")
    results = page.locator(".spoc-pulse__results")
    expect(results).to_contain_text("4 responses so far.")
    expect(results.locator(".spoc-pulse__texts li")).to_have_count(4)
    expect(results).to_contain_text("Net Promoter Score 0")
    assert_accessible(page)
    with page.expect_download() as download:
        results.locator("a[download]").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 4 and list(rows[0])[0] == "response"
    assert sorted(row["6. What one thing would you change?"] for row in rows) == [
        f"Idea {n}" for n in range(4)
    ]
    page.locator(".spoc-pulse__preview summary").click()
    assert_accessible(page)
    studio = open_page(f"{PULSE}studio_view/", "trainer")
    expect(studio.get_by_label("Content (XML)")).to_contain_text(
        '<question id="pace" kind="likert">'
    )
    assert_accessible(studio)


def test_the_trainer_reads_and_exports_a_named_pulse_with_each_learners_name(open_page):
    from spoc_xblocks.engagement import api
    from tests.sites import anonymous_id

    for learner in ("alice", "bruno"):
        answers = {"change": {"kind": "text", "value": f"Idea of {learner}"}}
        api.record_pulse_answer(
            COURSE, usage_id(NAMED), anonymous_id(learner), answers, anonymous=False, rated=False
        )
    page = open_page(NAMED, "trainer")
    results = page.locator(".spoc-pulse__results")
    written = results.locator(".spoc-pulse__texts li")
    expect(written).to_have_count(2)
    # Listed in the responses' key order, which is random: compare as a set.
    assert sorted(written.all_inner_texts()) == ["alice Idea of alice", "bruno Idea of bruno"]
    with page.expect_download() as download:
        results.locator("a[download]").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(row["username"] for row in rows) == ["alice", "bruno"]


def rate_with_keyboard(page, levels):
    for index, level in enumerate(levels):
        group = page.locator("[data-spoc-competency]").nth(index)
        tab_to(page, group.locator("input").first)
        page.keyboard.press("Space")
        for _ in range(level - 1):
            page.keyboard.press("ArrowDown")
        expect(group.locator("input").nth(level - 1)).to_be_checked()
    tab_to(page, page.locator("button[data-spoc-handler=answer]"))
    page.keyboard.press("Enter")
    expect(page.locator(".spoc-skills__heading")).to_be_focused()


def test_a_learner_rates_before_and_after_and_sees_their_change(open_page):
    before = open_page(BEFORE, "emma")
    assert_accessible(before)
    rate_with_keyboard(before, [2, 1, 3])
    expect(before.locator(".spoc-skills__panel table")).to_contain_text("Active listening")
    assert_accessible(before)

    after = open_page(AFTER, "emma")
    expect(after.locator(".spoc-skills__terms")).to_contain_text(
        "you will see how your levels changed"
    )
    rate_with_keyboard(after, [4, 3, 3])
    chart = after.locator(".spoc-skills__chart svg[role='img']")
    expect(chart).to_be_visible()
    expect(chart).to_contain_text("+2")
    change = after.locator(".spoc-skills__panel table")
    expect(change.locator("tr", has_text="Active listening")).to_contain_text("+2")
    expect(change.locator("tr", has_text="Following the refund procedure")).to_contain_text("0")
    assert_accessible(after)

    trainer = open_page(AFTER, "trainer")
    cohort = trainer.locator(".spoc-skills__cohort")
    expect(cohort).to_contain_text("learners took both the before and the after check")
    expect(
        cohort.locator("table").first.locator("tr", has_text="Calming an angry customer")
    ).to_contain_text("+2")
    assert_accessible(trainer)
    studio = open_page(f"{AFTER}studio_view/", "trainer")
    assert_accessible(studio)
    assert after.js_errors == [] and trainer.js_errors == []


def stored_block(scenario_path: str):
    from workbench.runtime import WorkbenchRuntime

    return WorkbenchRuntime("trainer").get_block(usage_id(scenario_path))


def test_the_studio_editor_shows_each_refusal_next_to_its_field_then_saves(open_page):
    page = open_page(f"{PULSE}studio_view/", "trainer")
    opens, closes = page.get_by_label("Opens"), page.get_by_label("Closes")
    opens.fill("2026-03-09T09:00")
    closes.fill("2026-03-02T09:00")
    page.get_by_role("button", name="Save").click()
    expect(closes).to_be_focused()
    expect(closes).to_have_attribute("aria-invalid", "true")
    error_id = closes.get_attribute("aria-describedby").split()[-1]
    expect(page.locator(f"#{error_id}")).to_have_text(
        "This pulse closes before it opens: set it to close after it opens."
    )
    assert_accessible(page, ".spoc-eng-edit")

    closes.fill("")
    page.get_by_role("tab", name="Advanced (XML)").click()
    body = page.get_by_label("Content (XML)")
    body.fill(body.input_value() + '\n<question id="x" kind="poll"><text>X</text></question>')
    page.get_by_role("button", name="Save").click()
    expect(body).to_be_focused()
    expect(closes).not_to_have_attribute("aria-invalid", "true")
    body_error = page.locator("[data-spoc-error-for='body']")
    expect(body_error).to_contain_text("Nothing was saved: Question 'x' has kind 'poll'")
    assert stored_block(PULSE).opens is None

    body.fill(body.input_value().rsplit("\n", 1)[0])
    page.get_by_label("Anonymous answers").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-spoc-status]")).to_have_text("Saved.")
    expect(body_error).to_be_hidden()
    block = stored_block(PULSE)
    assert block.anonymous is False and block.opens.isoformat() == "2026-03-09T09:00:00+00:00"
    assert block.closes is None and len(block.authored.questions) == 6
    assert_accessible(page, ".spoc-eng-edit")
    assert page.js_errors == []


FOLLOWUP = "/scenario/spoc_skills_check.2/"


def choose_in(page, group, index: int):
    """Tab into a radio group, pick its first choice, then move `index` choices on."""
    tab_to(page, group.locator("input").first)
    page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    expect(group.locator("input").nth(index)).to_be_checked()


def test_months_later_a_learner_tells_how_they_apply_each_competency_and_the_trainer_reads_it(
    open_page,
):
    from datetime import timedelta

    from django.utils import timezone

    from spoc_xblocks.engagement.models import SkillsResponse

    rate_with_keyboard(open_page(BEFORE, "emma"), [2, 1, 3])
    rate_with_keyboard(open_page(AFTER, "emma"), [4, 3, 3])
    waiting = open_page(FOLLOWUP, "emma")
    expect(waiting.locator(".spoc-skills__panel")).to_contain_text("This follow-up opens on")
    expect(waiting.locator(".spoc-skills__panel")).to_contain_text("90 days after you took")
    assert_accessible(waiting)

    SkillsResponse.objects.filter(phase="after").update(
        answered=timezone.now() - timedelta(days=91)
    )
    page = open_page(FOLLOWUP, "emma")
    expect(page.locator(".spoc-skills__terms")).to_contain_text("how often you use each competency")
    for index, (level, use) in enumerate([(5, 4), (3, 1), (4, 3)]):
        competency = page.locator("[data-spoc-competency]").nth(index)
        choose_in(page, competency.locator(".spoc-skills__levels"), level - 1)
        choose_in(page, competency.locator("[data-spoc-use]"), use)
    page.get_by_label("An example from your work (optional)").first.fill(
        "I let an angry caller finish before answering."
    )
    page.get_by_label("What benefit have you seen at work since the course? (optional)").fill(
        "Fewer calls passed on to my manager."
    )
    tab_to(page, page.locator("button[data-spoc-handler=answer]"))
    page.keyboard.press("Enter")
    expect(page.locator(".spoc-skills__heading")).to_be_focused()
    expect(page.locator("[data-spoc-live]")).to_have_text(
        "Thank you: your self-assessment was recorded."
    )
    table = page.locator(".spoc-skills__panel table")
    expect(table.locator("tbody tr").first).to_contain_text("Every day")
    expect(table.locator("tbody tr").first).to_contain_text("I let an angry caller finish")
    page.reload()
    expect(page.locator(".spoc-skills__panel")).to_contain_text("Fewer calls passed on")
    assert_accessible(page)

    trainer = open_page(FOLLOWUP, "trainer")
    cohort = trainer.locator(".spoc-skills__cohort")
    expect(cohort).to_contain_text("1 of 1 (100")  # active listening, used every day
    expect(cohort.locator("svg[role='img']")).to_have_count(1)
    expect(cohort.locator("dl")).to_contain_text("emma")
    expect(cohort.locator("dl")).to_contain_text("Fewer calls passed on to my manager.")
    assert_accessible(trainer)
    assert page.js_errors == [] and trainer.js_errors == []


def test_one_click_says_how_a_module_was_and_the_trainer_reads_it_per_module(open_page):
    page = open_page("/scenario/spoc_pulse.3/", "emma")
    assert_accessible(page)
    expect(page.locator(".spoc-pulse__one-click button")).to_have_count(4)
    tab_to(page, page.get_by_role("button", name="Too hard"))
    page.keyboard.press("Enter")
    expect(page.locator(".spoc-pulse__heading")).to_be_focused()
    expect(page.locator(".spoc-pulse__heading")).to_have_text(
        "Thank you: your answers were recorded"
    )
    page.reload()
    expect(page.locator(".spoc-pulse__heading")).to_have_text("You have answered this pulse")

    trainer = open_page("/scenario/spoc_cohort_coach.0/", "trainer")
    table = trainer.locator("table.spoc-coach__feedback")
    expect(table).to_contain_text("Practice: a customer complaint call")
    expect(table.locator("tbody tr").first).to_contain_text("1 (100")
    assert_accessible(trainer)
    assert page.js_errors == [] and trainer.js_errors == []
