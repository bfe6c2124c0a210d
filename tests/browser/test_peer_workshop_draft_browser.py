"""A workshop draft in Chromium: nothing typed is lost for one bad link, the status line says what
really happened to each autosave, and the text's limit is counted before it is reached."""

import json
import re

from playwright.sync_api import Error, expect

from .conftest import assert_accessible
from .test_peer_workshop_files_browser import open_submission_form

DRAFT_SAVE = re.compile(r"/save_work/")
STATUS = ".spoc-pw__draft-status"


def type_in_editor(page, text: str):
    page.locator("[data-spoc-editor]").click()
    page.keyboard.press("End")
    page.keyboard.type(text)


def add_link(page, title: str, address: str):
    page.get_by_role("button", name="Add a link").click()
    page.locator("[data-spoc-link-title]").last.fill(title)
    page.locator("[data-spoc-link-url]").last.fill(address)


def test_a_link_without_its_scheme_gets_https_and_nothing_typed_after_it_is_lost(open_page):
    page = open_submission_form(open_page, "alice")
    type_in_editor(page, "First steps.")
    add_link(page, "Guide", "www.example.com/guide")
    with page.expect_response(DRAFT_SAVE):
        type_in_editor(page, " Typed after the link.")
    expect(page.locator(STATUS)).to_contain_text("https:// was added")
    expect(page.locator("[data-spoc-link-url]")).to_have_value("https://www.example.com/guide")
    page.reload()
    expect(page.locator("[data-spoc-editor]")).to_contain_text("First steps. Typed after the link.")
    expect(page.locator("[data-spoc-link-url]")).to_have_value("https://www.example.com/guide")


def test_a_link_that_is_no_address_is_marked_and_the_text_is_saved(open_page):
    page = open_submission_form(open_page, "bruno")
    add_link(page, "Bad", "not an address")
    with page.expect_response(DRAFT_SAVE):
        type_in_editor(page, "My text stays.")
    expect(page.locator(STATUS)).to_contain_text("Draft saved, except 1 link")
    alert = page.locator("[data-spoc-link-error]")
    expect(alert).to_contain_text("This address was not saved")
    expect(page.locator("[data-spoc-link-url]")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-spoc-editor]")).to_be_focused()
    assert_accessible(page)
    page.reload()
    expect(page.locator("[data-spoc-editor]")).to_contain_text("My text stays.")


def test_a_failed_autosave_says_so_in_the_status_line(open_page):
    page = open_submission_form(open_page, "chloe")
    with page.expect_response(DRAFT_SAVE):
        type_in_editor(page, "Saved once.")
    expect(page.locator(STATUS)).to_have_text("Draft saved.")
    refusal = json.dumps({"error": "Submissions are closed."})
    page.route(DRAFT_SAVE, lambda route: route.fulfill(status=400, body=refusal))
    type_in_editor(page, " Then refused.")
    expect(page.locator(STATUS)).to_have_text("Not saved: Submissions are closed.", timeout=5000)
    expect(page.locator(STATUS)).to_have_class(re.compile("spoc-status--failed"))
    expect(page.locator("[data-spoc-editor]")).to_be_focused()
    page.unroute(DRAFT_SAVE)
    page.route(DRAFT_SAVE, lambda route: route.fulfill(status=502, body="<h1>Bad Gateway</h1>"))
    type_in_editor(page, " Then a proxy page.")
    expect(page.locator(STATUS)).to_contain_text("Not saved: Something went wrong", timeout=5000)
    page.unroute(DRAFT_SAVE)
    with page.expect_response(DRAFT_SAVE):
        type_in_editor(page, " Back.")
    expect(page.locator(STATUS)).to_have_text("Draft saved.")
    expect(page.locator(STATUS)).not_to_have_class(re.compile("spoc-status--failed"))


def test_the_text_limit_is_counted_and_said_before_it_is_reached(open_page):
    page = open_submission_form(open_page, "david")
    counter = page.locator("[data-spoc-count]")
    expect(counter).to_have_text("0 of 50,000 characters.")
    editor = page.locator("[data-spoc-editor]")

    def fill(length: int):
        editor.evaluate(
            "(node, length) => { node.textContent = 'x'.repeat(length);"
            " node.dispatchEvent(new Event('input', {bubbles: true})); }",
            length,
        )

    fill(46_000)
    expect(counter).to_have_text("46,000 of 50,000 characters: 4,000 left.")
    expect(editor).to_have_attribute("aria-invalid", "false")
    with page.expect_response(DRAFT_SAVE) as saved:
        fill(50_002)
    assert saved.value.status == 400
    expect(counter).to_contain_text("2 too many")
    expect(editor).to_have_attribute("aria-invalid", "true")
    expect(page.locator(STATUS)).to_contain_text("Not saved: Your text has 50,002 characters")


def test_a_picture_pasted_in_the_text_is_taken_out_and_the_learner_told(open_page):
    page = open_submission_form(open_page, "emma")
    type_in_editor(page, "Before the picture.")
    with page.expect_response(DRAFT_SAVE) as saved:
        page.evaluate(
            "document.execCommand('insertHTML', false,"
            ' \'<img src="https://tracker.example/pixel.gif" alt="">\')'
        )
    assert "tracker.example" not in saved.value.request.post_data
    expect(page.locator("[data-spoc-editor] img")).to_have_count(0)
    expect(page.locator("[data-spoc-no-images]")).to_have_text(
        "Pictures are not kept in the text: attach them as files."
    )
    expect(page.locator("[data-spoc-editor]")).to_contain_text("Before the picture.")


def closing_asks(page) -> bool:
    """Whether closing the page now asks the person first (the browser's "Leave site?"); the
    question is answered "stay"."""
    try:
        with page.expect_event("dialog", timeout=5000) as asked:
            page.close(run_before_unload=True)
    except Error:  # closed without a question
        return False
    asked.value.dismiss()
    return asked.value.type == "beforeunload"


def test_leaving_with_text_not_yet_saved_asks_first(open_page):
    page = open_submission_form(open_page, "hugo")
    type_in_editor(page, "Not saved yet.")
    assert closing_asks(page)


def test_leaving_once_the_draft_is_saved_asks_nothing(open_page):
    page = open_submission_form(open_page, "ines")
    with page.expect_response(DRAFT_SAVE):
        type_in_editor(page, "Saved.")
    expect(page.locator(STATUS)).to_have_text("Draft saved.")
    assert not closing_asks(page)
