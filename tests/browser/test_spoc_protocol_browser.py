"""The shared browser protocol (common/static/js/spoc.js) on a bare page, its handler answered by
the test: a visible confirmation next to the control, and actions that ask first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible

SPOC_JS = Path(__file__).parents[2] / "spoc_xblocks/common/static/js/spoc.js"
SPOC_CSS = Path(__file__).parents[2] / "spoc_xblocks/common/static/css/spoc.css"
VIEW = """
<main>
  <div class="spoc-block" id="block">
    <h2>Reminders</h2>
    <div data-spoc-region="main">
      <p><button type="button" class="spoc-button" data-spoc-handler="remind"
                 data-spoc-payload='{"group": 2}'>Remind late learners</button></p>
    </div>
    <form data-spoc-region="notes" aria-label="Notes">
      <label for="note">Note</label> <textarea id="note" name="text"></textarea>
      <p class="spoc-note" role="status" data-spoc-status hidden></p>
    </form>
    <div data-spoc-live aria-live="polite" class="spoc-sr-only"></div>
  </div>
</main>
"""


@pytest.fixture
def protocol_page(browser):
    """The view above with spoc.js bound to it; `page.sent` lists the payloads the handler got,
    `page.answers` the answers it gives in turn."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.sent, page.answers = [], []

    def handler(route):
        page.sent.append(json.loads(route.request.post_data))
        route.fulfill(
            status=200, content_type="application/json", body=json.dumps(page.answers.pop(0))
        )

    page.route("https://block.test/handler/remind", handler)
    page.route(
        "https://block.test/",
        lambda route: route.fulfill(
            content_type="text/html",
            body=f"<html lang='en'><head><title>Protocol</title></head><body>{VIEW}</body></html>",
        ),
    )
    page.goto("https://block.test/")
    page.add_style_tag(path=str(SPOC_CSS))
    page.add_script_tag(path=str(SPOC_JS))
    page.evaluate(
        """() => {
            var runtime = {handlerUrl: (element, name) => '/handler/' + name};
            window.view = window.SpocXBlocks.bind(runtime, document.getElementById('block'));
        }"""
    )
    yield page
    context.close()


def test_an_action_with_no_status_line_confirms_visibly_next_to_its_control(protocol_page):
    page = protocol_page
    page.answers.append({"message": "3 learners reminded."})
    page.get_by_role("button", name="Remind late learners").click()

    confirmation = page.locator("[data-spoc-status-near]")
    expect(confirmation).to_have_text("3 learners reminded.")
    expect(confirmation).to_be_visible()
    expect(page.locator("[data-spoc-live]")).to_have_text("3 learners reminded.")
    button_box = page.get_by_role("button", name="Remind late learners").bounding_box()
    line_box = confirmation.bounding_box()
    assert 0 <= line_box["y"] - (button_box["y"] + button_box["height"]) < 40

    page.answers.append({"message": "Nobody left to remind."})
    page.get_by_role("button", name="Remind late learners").click()
    expect(page.locator("[data-spoc-status-near]")).to_have_count(1)
    expect(confirmation).to_have_text("Nobody left to remind.")


def test_an_action_that_asks_first_does_it_only_once_confirmed(protocol_page):
    page = protocol_page
    question = {
        "question": "Remind 2 learners who have not submitted?",
        "action": "Remind 2 learners",
        "affected": ["Alice Martin", "<b>Bob</b>"],
    }
    page.answers.append({"confirm": question})
    page.get_by_role("button", name="Remind late learners").click()

    asking = page.get_by_role("group", name="Remind 2 learners who have not submitted?")
    expect(asking).to_be_visible()
    expect(asking.get_by_role("listitem")).to_have_text(["Alice Martin", "<b>Bob</b>"])
    expect(page.locator(".spoc-confirm__question")).to_be_focused()
    assert page.sent == [{"group": 2}]
    assert_accessible(page)

    page.answers.append({"message": "2 learners reminded."})
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Remind 2 learners")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("[data-spoc-status-near]")).to_have_text("2 learners reminded.")
    expect(asking).to_have_count(0)
    assert page.sent == [{"group": 2}, {"group": 2, "confirmed": True}]


def test_cancelling_or_escaping_a_question_sends_nothing_and_gives_focus_back(protocol_page):
    page = protocol_page
    question = {"question": "Remind 1 learner?", "action": "Remind", "affected": []}
    page.answers.extend([{"confirm": question}, {"confirm": question}])
    trigger = page.get_by_role("button", name="Remind late learners")

    trigger.click()
    page.get_by_role("button", name="Cancel").click()
    expect(page.locator("[data-spoc-asking]")).to_have_count(0)
    expect(trigger).to_be_focused()

    trigger.press("Enter")
    expect(page.locator(".spoc-confirm__question")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("[data-spoc-asking]")).to_have_count(0)
    expect(trigger).to_be_focused()
    assert page.sent == [{"group": 2}, {"group": 2}]


def test_an_autosave_answer_overtaken_by_a_later_ones_changes_nothing(protocol_page):
    page = protocol_page
    held = []

    def draft(route):
        if not held:
            held.append(route)  # the first draft's answer comes last
            return
        route.fulfill(status=200, content_type="application/json", body='{"message": "Saved."}')

    page.route("https://block.test/handler/draft", draft)
    page.evaluate(
        """() => {
            var form = document.querySelector('form');
            window.view.send('draft', {text: 'a'}, form, {background: true});
            window.view.send('draft', {text: 'ab'}, form, {background: true});
        }"""
    )
    status = page.locator("form [data-spoc-status]")
    expect(status).to_have_text("Saved.")
    held[0].fulfill(status=400, content_type="application/json", body='{"error": "Too old."}')
    page.wait_for_timeout(300)
    expect(status).to_have_text("Saved.")
    expect(page.get_by_text("Too old.")).to_have_count(0)
