"""A person plays the demo software simulation in Chromium: by clicking on the screenshots, then
with the keyboard only, at desktop and phone widths; the trainer then reads the heat map."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible
from .test_serious_game_browser import press_choice, start_with_keyboard

SIMULATION = "/scenario/spoc_serious_game.3/"
ASSESSED = "spoc_serious_game.5"
RIGHT_SPOTS = {
    "Find the customer": (0.5, 0.19),
    "Open the invoice": (0.5, 0.44),
    "Issue the refund": (0.85, 0.84),
}
TYPED = {"Type the account number": "ac-1042", "Type the refund amount": "42,50"}


def heading(page):
    return page.locator(".spoc-sg__heading")


def click_at(page, x: float, y: float):
    """Click the screenshot at (x, y), fractions of its size as drawn now."""
    screenshot = page.locator(".spoc-sg__screenshot")
    expect(screenshot).to_be_visible()
    screenshot.evaluate("image => image.decode ? image.decode() : null")
    box = screenshot.bounding_box()
    page.mouse.click(box["x"] + x * box["width"], box["y"] + y * box["height"])


def type_answer(page, text: str):
    field = page.locator('form[data-spoc-handler="answer"] input[name="text"]')
    field.fill(text)
    field.press("Enter")


@pytest.mark.parametrize("width", [1280, 360])
def test_a_learner_plays_the_simulation_by_clicking_on_the_screens(open_page, width):
    page = open_page(SIMULATION, "alice", width=width)
    start_with_keyboard(page)
    screenshot = page.locator(".spoc-sg__screenshot")
    assert screenshot.bounding_box()["width"] <= width
    assert_accessible(page)
    click_at(page, 0.1, 0.9)
    expect(page.locator(".spoc-sg__feedback")).to_contain_text("Nothing happens there")
    expect(heading(page)).to_be_focused()
    click_at(page, 0.1, 0.9)
    expect(page.locator(".spoc-sg__hint")).to_contain_text("search field is at the top")
    expect(page.locator(".spoc-sg__outlines rect")).to_have_count(3)
    assert_accessible(page)
    for _step in range(5):
        title = heading(page).inner_text()
        if title in RIGHT_SPOTS:
            click_at(page, *RIGHT_SPOTS[title])
        else:
            assert_accessible(page)
            type_answer(page, TYPED[title])
        expect(heading(page)).not_to_have_text(title)
        expect(heading(page)).to_be_focused()
    expect(heading(page)).to_have_text("Refund issued")
    block = page.locator(".spoc-block").first
    assert block.evaluate("element => element.scrollWidth <= element.clientWidth")

    trainer = open_page(SIMULATION, "trainer", width=width)
    figures = trainer.locator(".spoc-sg__screen-figures").first
    expect(figures.locator("svg[role='img']")).to_be_visible()
    expect(figures).to_contain_text("3 actions, of which 2 missed")
    assert_accessible(trainer)


@pytest.mark.parametrize("width", [1280, 360])
def test_a_learner_plays_the_simulation_with_the_keyboard_only(open_page, width):
    page = open_page(SIMULATION, "bruno", width=width)
    start_with_keyboard(page)
    for choice_id, answer in (
        ("search_box", "AC-1042"),
        ("invoice_0815", None),
        ("refund", "42.5"),
    ):
        press_choice(page, choice_id)
        expect(heading(page)).to_be_focused()
        if answer is None:
            continue
        assert_accessible(page)
        for _ in range(10):
            if page.evaluate("document.activeElement.name === 'text'"):
                break
            page.keyboard.press("Tab")
        else:
            pytest.fail("the answer field cannot be reached with the Tab key")
        page.keyboard.type(answer)
        page.keyboard.press("Enter")
        expect(heading(page)).to_be_focused()
    expect(heading(page)).to_have_text("Refund issued")
    assert_accessible(page)


def test_an_assessed_simulation_says_its_steps_count_and_offers_no_undo(open_page, client):
    from workbench.scenarios import get_scenarios

    from ..sites import WorkbenchSite

    WorkbenchSite(client, get_scenarios()).set_fields(ASSESSED, allow_back=True)
    page = open_page(f"/scenario/{ASSESSED}/", "alice")
    start_with_keyboard(page)
    note = page.locator(".spoc-sg__assessed")
    expect(note).to_contain_text("only your first action here counts")
    expect(note).to_contain_text("neither can be undone")
    click_at(page, 0.1, 0.9)
    expect(page.locator(".spoc-sg__feedback")).to_contain_text("counts as an error")
    expect(heading(page)).to_be_focused()
    expect(page.locator('[data-spoc-handler="back"]')).to_have_count(0)
    assert_accessible(page)
