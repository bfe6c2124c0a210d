"""The scenario editor's screens in Chromium: from an empty block, an author makes a node a screen
of the demo's screenshot, draws a hotspot on it with the mouse, nudges it with the keyboard, sets
where it leads, saves, and a learner clicks it in the simulation and moves on."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import assert_accessible
from .test_form_editors_browser import report
from .test_scenario_editor_browser import (
    EDITOR,
    GAME,
    ScenarioAuthor,
    choices,
    empty_block,
    panel,
    stored,
)

SCREENSHOT = "package:helpdesk-home-en.svg"


def hotspot_area(saved: str) -> dict[str, float]:
    from spoc_xblocks.serious_game.olx import scenario_from_xml

    area = scenario_from_xml(saved).node("node-1").hotspots[0].area
    return {"x": area.x, "y": area.y, "width": area.width, "height": area.height}


def test_an_author_draws_a_hotspot_nudges_it_and_a_learner_clicks_it(open_page):
    empty_block()
    page = open_page(EDITOR, "trainer", width=1280)
    author = ScenarioAuthor(page)
    xml = page.locator("[name='scenario_xml']")

    author.click(page.get_by_role("button", name="Add a decision node"))
    author.fill(panel(page).get_by_label("Node title"), "Find the customer")
    author.click(page.get_by_role("button", name="Add an ending"))
    author.pick("Untitled node node-2 (ending)")
    author.fill(panel(page).get_by_label("Node title"), "Customer found")
    author.pick("Find the customer (decision), start")
    author.click(panel(page).get_by_label("A screen of the simulated software"))
    author.fill(panel(page).get_by_label("Screenshot address"), SCREENSHOT)
    author.fill(panel(page).get_by_label("Screenshot description"), "Your ticket queue")

    # Drag on the screenshot: the rectangle becomes a hotspot choice, focused on the picture.
    picture = panel(page).locator(".spoc-sg-edit__screenshot")
    picture.evaluate("image => image.decode()")
    box = picture.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.1)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.2, steps=6)
    page.mouse.up()
    author.actions += 1
    hotspot = panel(page).locator(".spoc-sg-edit__hotspot")
    expect(hotspot).to_have_count(1)
    expect(hotspot).to_be_focused()
    assert "<hotspot " in xml.input_value()
    drawn = hotspot_area(xml.input_value())
    assert abs(drawn["x"] - 0.2) < 0.02 and abs(drawn["width"] - 0.4) < 0.02

    # The keyboard moves it: an arrow a hundredth, Shift and an arrow five.
    page.keyboard.press("ArrowRight")
    expect(hotspot).to_be_focused()
    page.keyboard.press("Shift+ArrowDown")
    author.actions += 2
    nudged = hotspot_area(xml.input_value())
    assert round(nudged["x"] - drawn["x"], 3) == 0.01
    assert round(nudged["y"] - drawn["y"], 3) == 0.05
    item = choices(page).nth(0)
    expect(item.get_by_label("X (from the left)")).to_have_value(f"{nudged['x'] * 100:.3g}")

    undo = page.get_by_role("button", name="Undo")
    undo.click()
    assert round(hotspot_area(xml.input_value())["y"], 3) == round(drawn["y"], 3)
    page.get_by_role("button", name="Redo").click()
    assert hotspot_area(xml.input_value()) == nudged

    # Its corner resizes it and dragging it moves it; each drag is one step to undo.
    def drag(locator, dx: float, dy: float):
        locator.scroll_into_view_if_needed()
        handle = locator.bounding_box()
        x, y = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + box["width"] * dx, y + box["height"] * dy, steps=5)
        page.mouse.up()

    drag(hotspot.locator(".spoc-sg-edit__corner"), 0.1, 0.05)
    resized = hotspot_area(xml.input_value())
    assert abs(resized["width"] - nudged["width"] - 0.1) < 0.01
    assert (resized["x"], resized["y"]) == (nudged["x"], nudged["y"])
    drag(hotspot, 0.1, 0)
    moved = hotspot_area(xml.input_value())
    assert abs(moved["x"] - resized["x"] - 0.1) < 0.01 and moved["width"] == resized["width"]
    expect(hotspot).to_be_focused()
    undo.click()
    undo.click()
    assert hotspot_area(xml.input_value()) == nudged

    item = choices(page).nth(0)
    author.fill(item.get_by_label("Choice text"), "Search customers")
    author.select(item.get_by_label("Leads to"), "Customer found (ending)")
    expect(page.locator('[data-spoc-region="check-summary"]')).to_have_text(
        "No errors or warnings."
    )
    assert_accessible(page)
    page.set_viewport_size({"width": 1024, "height": 900})
    assert_accessible(page)
    editor = page.locator(".spoc-form-editor")
    assert editor.evaluate("element => element.scrollWidth <= element.clientWidth")

    author.click(page.get_by_role("button", name="Save"))
    expect(page.locator("[data-spoc-status]")).to_have_text("Saved.")
    saved = stored().scenario_xml
    assert f'<screen src="{SCREENSHOT}" alt="Your ticket queue"/>' in saved
    assert hotspot_area(saved) == nudged
    report("simulation, 1 screen with a drawn hotspot, 1 ending", author.actions, saved)
    assert page.js_errors == []

    learner = open_page(f"/scenario/{GAME}/", "alice")
    learner.locator('[data-spoc-handler="start"]').click()
    screenshot = learner.locator(".spoc-sg__screenshot")
    expect(screenshot).to_be_visible()
    screenshot.evaluate("image => image.decode()")
    shot = screenshot.bounding_box()
    learner.mouse.click(
        shot["x"] + shot["width"] * (nudged["x"] + nudged["width"] / 2),
        shot["y"] + shot["height"] * (nudged["y"] + nudged["height"] / 2),
    )
    expect(learner.locator(".spoc-sg__heading")).to_have_text("Customer found")
    assert learner.js_errors == []


OFF_SCREEN = """<scenario start="home">
  <node id="home" kind="decision" title="Find the customer">
    <screen src="package:helpdesk-home-en.svg" alt="Your ticket queue"/>
    <hotspot id="search" target="done" x="0.1" y="0.1" width="0.3" height="0.1"/>
    <hotspot id="menu" target="done" x="0.2" y="0.15" width="0.3" height="0.1"/>
    <hotspot id="help" target="done" x="0.9" y="0.5" width="0.3" height="0.1"/>
  </node>
  <node id="done" kind="ending" title="Found"/>
</scenario>
"""


def test_a_hotspot_outside_the_screenshot_or_overlapping_opens_where_to_fix_it(open_page):
    block = stored()
    block.scenario_xml = OFF_SCREEN
    block.save()
    page = open_page(EDITOR, "trainer", width=1024)
    problems = page.locator('[data-spoc-region="check-problems"]')
    expect(problems).to_contain_text("is not inside the image")
    expect(problems).to_contain_text("overlap")
    problems.get_by_role("button", name="Edit node home").first.click()
    help_place = choices(page).nth(2).get_by_label("X (from the left)")
    expect(help_place).to_be_focused()
    overlap = panel(page).get_by_label("Hotspots may overlap")
    # an edit checks the scenario again, which says each problem at its control too
    panel(page).get_by_label("Screenshot description").fill("Your ticket queue and its search")
    expect(help_place).to_have_attribute("aria-invalid", "true")
    expect(overlap).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    help_place.fill("95")  # kept inside the picture: at most 100 - its width of 30
    help_place.press("Tab")
    expect(problems).not_to_contain_text("is not inside the image")
    overlap.check()
    expect(page.locator('[data-spoc-region="check-summary"]')).to_have_text(
        "No errors or warnings."
    )
    assert 'x="0.7"' in page.locator("[name='scenario_xml']").input_value()
    assert page.js_errors == []


def test_a_problem_clicked_before_the_form_has_its_scenario_opens_once_it_has(open_page):
    """The check's problems are in the page at once; the form waits for the server's reading of
    the scenario. A click on a problem in between opens its place when the reading comes."""
    block = stored()
    block.scenario_xml = OFF_SCREEN
    block.save()
    held = []
    page = open_page(
        EDITOR,
        "trainer",
        width=1024,
        before=lambda page: page.route("**/editor_model**", lambda route: held.append(route)),
    )
    while not held:
        page.wait_for_timeout(20)
    expect(page.locator(".spoc-form__index")).to_have_count(0)
    page.locator('[data-spoc-region="check-problems"]').get_by_role(
        "button", name="Edit node home"
    ).first.click()
    held.pop().continue_()
    expect(choices(page).nth(2).get_by_label("X (from the left)")).to_be_focused()
    assert page.js_errors == []
