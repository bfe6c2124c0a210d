"""A person plays the serious game in Chromium with the keyboard only, then the trainer reads the
debrief."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible

SCENARIO = "/scenario/spoc_serious_game.0/"
ENDINGS = {
    "success": [
        "continue",
        "apologise",
        "verify_first",
        "ask_postcode",
        "other_factor",
        "continue",
        "refund",
        "summarise",
    ],
    "partial": ["continue", "deny", "transfer"],
    "failure": ["continue", "deny", "insist"],
}


def press_choice(page, choice_id: str):
    """Reach a choice with Tab only and press Enter, as a keyboard user does."""
    target = page.locator(
        f'[data-spoc-handler="choose"][data-spoc-payload*=\'"choice_id": "{choice_id}"\']'
    )
    expect(target).to_be_visible()
    for _ in range(40):
        if target.evaluate("element => element === document.activeElement"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail(f"choice {choice_id} cannot be reached with the Tab key")
    page.keyboard.press("Enter")


def start_with_keyboard(page):
    start = page.locator('[data-spoc-handler="start"]')
    start.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".spoc-sg__heading")).to_be_focused()


@pytest.mark.parametrize("outcome", sorted(ENDINGS))
def test_a_learner_plays_to_each_ending_with_the_keyboard_only(open_page, outcome):
    page = open_page(SCENARIO, "alice")
    assert_accessible(page)
    start_with_keyboard(page)
    assert_accessible(page)
    for choice_id in ENDINGS[outcome]:
        heading_before = page.locator(".spoc-sg__heading").inner_text()
        press_choice(page, choice_id)
        heading = page.locator(".spoc-sg__heading")
        expect(heading).to_be_focused()
        expect(heading).not_to_have_text(heading_before)
    expect(page.locator(".spoc-sg__outcome")).to_have_class(
        re.compile(f"spoc-sg__outcome--{outcome}")
    )
    expect(page.locator(".spoc-sg__path li")).not_to_have_count(0)
    assert_accessible(page)
    assert page.js_errors == []


def test_feedback_is_announced_and_the_choices_form_a_labelled_group(open_page):
    page = open_page(SCENARIO, "bruno")
    start_with_keyboard(page)
    press_choice(page, "continue")
    group = page.locator('.spoc-sg__choices[role="group"]')
    labelled_by = group.get_attribute("aria-labelledby")
    expect(page.locator(f"#{labelled_by}")).to_have_text("An angry caller")
    press_choice(page, "apologise")
    expect(page.locator(".spoc-sg__feedback")).to_be_visible()
    feedback = page.locator(".spoc-sg__feedback p").nth(1).inner_text()
    expect(page.locator("[data-spoc-live]")).to_have_text(feedback)


def test_undo_takes_the_learner_back_one_step(open_page):
    page = open_page(SCENARIO, "chloe")
    start_with_keyboard(page)
    press_choice(page, "continue")
    press_choice(page, "deny")
    expect(page.locator(".spoc-sg__heading")).to_have_text("Things heat up")
    page.locator('[data-spoc-handler="back"]').click()
    expect(page.locator(".spoc-sg__heading")).to_have_text("An angry caller")
    expect(page.locator("[data-spoc-status]")).to_have_text("Your last choice was undone.")


def test_the_trainer_sees_the_debrief_after_several_learners_played(open_page):
    for learner, outcome in (("david", "success"), ("emma", "failure"), ("farid", "failure")):
        page = open_page(SCENARIO, learner)
        start_with_keyboard(page)
        for choice_id in ENDINGS[outcome]:
            press_choice(page, choice_id)
            expect(page.locator(".spoc-sg__heading")).to_be_focused()
        expect(page.locator(".spoc-sg__outcome")).to_be_visible()
    learner_page = open_page(SCENARIO, "giulia")
    expect(learner_page.locator(".spoc-sg__debrief")).to_have_count(0)

    trainer = open_page(SCENARIO, "trainer")
    debrief = trainer.locator(".spoc-sg__debrief")
    expect(debrief).to_be_visible()
    expect(debrief.locator(".spoc-sg__kpis li").first).to_contain_text("3")
    expect(debrief.locator("svg[role='img']")).to_be_visible()
    endings = debrief.locator("table").first
    expect(endings.locator("tr", has_text="She hangs up")).to_contain_text("2")
    expect(endings.locator("tr", has_text="Resolved").first).to_contain_text("1")
    assert_accessible(trainer)


def test_the_scenario_works_at_mobile_width_in_french(open_page):
    page = open_page("/scenario/spoc_serious_game.1/", "hugo", locale="fr-FR", width=360)
    expect(page.locator('[data-spoc-handler="start"]')).to_have_text("Commencer le scénario")
    start_with_keyboard(page)
    assert_accessible(page)
    # The workbench's own debug panel overflows; what must fit is the block (as it does in the LMS).
    block = page.locator(".spoc-block").first
    assert block.evaluate("element => element.scrollWidth <= element.clientWidth")
    assert block.bounding_box()["width"] <= 360


OVERLAPPING_COUNTS = """svg => {
  const boxes = [...svg.querySelectorAll('.spoc-map-count')].map(t => t.getBoundingClientRect());
  const pairs = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, j) => {
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
      pairs.push([i, i + 1 + j]);
    }
  }));
  return {count: boxes.length, pairs};
}"""
DRAWN_TITLES = """svg => [...svg.querySelectorAll('g[data-spoc-node]')].map(group => {
  const texts = [...group.querySelectorAll(':scope > text')].map(t => t.textContent);
  return {tooltip: group.querySelector('title').textContent, lines: texts.slice(1, -1)};
})"""


def _debrief_diagram(open_page, width: int):
    from .demo_views import DEMO_VIEWS, open_demo_view, seed_demo

    seed_demo()
    view = next(view for view in DEMO_VIEWS if view.name == "serious-game-trainer")
    page = open_demo_view(open_page, view, width, 900)
    return page, page.locator("[data-spoc-diagram]").first


def _assert_readable(diagram):
    svg = diagram.locator("svg[role='img']")
    counts = svg.evaluate(OVERLAPPING_COUNTS)
    assert counts["count"] > 3 and counts["pairs"] == []
    for node in svg.evaluate(DRAWN_TITLES):
        title = " ".join(node["lines"])
        assert "…" not in title and node["tooltip"].startswith(title), node


def test_the_path_diagram_is_readable_on_a_wide_screen(open_page):
    page, diagram = _debrief_diagram(open_page, 1280)
    expect(diagram).to_have_attribute("open", "")
    _assert_readable(diagram)
    region = diagram.locator(".spoc-sg__diagram")
    overflows = region.evaluate("region => region.scrollWidth > region.clientWidth + 1")
    hint = diagram.locator("[data-spoc-diagram-hint]")
    if overflows:
        expect(hint).to_be_visible()
        expect(hint).to_contain_text("scroll it sideways")
    else:
        expect(hint).to_be_hidden()
    expect(page.locator(".spoc-sg__debrief table").first).to_be_visible()
    assert_accessible(page)


def test_on_a_phone_the_tables_come_first_and_the_diagram_opens_on_demand(open_page):
    page, diagram = _debrief_diagram(open_page, 360)
    expect(diagram).not_to_have_attribute("open", "")
    summary = diagram.locator("summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("the tables below give the same figures")
    expect(page.locator(".spoc-sg__debrief table").first).to_be_in_viewport(ratio=0.1)
    summary.focus()
    page.keyboard.press("Enter")
    expect(diagram).to_have_attribute("open", "")
    expect(diagram.locator("[data-spoc-diagram-hint]")).to_be_visible()
    _assert_readable(diagram)
    assert_accessible(page)
    assert page.js_errors == []
