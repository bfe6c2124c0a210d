"""Workshop uploads in Chromium: a file over the limit (4 MB of 1,000,000 bytes) is refused before
it is sent; a refusal by the platform's proxy or the LMS (413, 403 without our JSON) reads as a
sentence; every refusal shows next to the file control, once, and stays until the learner acts."""

import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible

FRESH = "spoc_peer_workshop.1"
UPLOAD = re.compile(r"/upload_file/")
# Choosing a file is an input in the work form, which saves the draft 1.5 s later.
DRAFT_SAVE = re.compile(r"/save_work/")
TOO_LARGE = "The file is larger than 4 MB."
SESSION_ENDED = "Your session has ended: sign in again, then try once more."
UNREADABLE = "The site could not read this request. Reload the page, then try once more."
FILE_ALERT = "[data-spoc-error-for='file']"
FILES_STATUS = "[data-spoc-region='files'] [data-spoc-status]"
LMS_413 = json.dumps(
    {"success": 'Submission aborted! Your file "x.pdf" is too large (max size: 4 MB)'}
)


def open_submission_form(open_page, learner: str):
    """The fresh workshop, switched to its submission phase, as `learner` sees it."""
    from workbench.scenarios import get_scenarios

    from spoc_xblocks.dev.demo_client import DemoClient

    usage_id = get_scenarios()[FRESH].usage_id
    DemoClient().post(usage_id, "set_phase", "trainer", {"phase": "submission"})
    page = open_page(f"/scenario/{FRESH}/", learner)
    expect(page.get_by_text("Up to 3 files of 4 MB at most each.")).to_be_visible()
    return page


def attach(page, name: str, size: int):
    """Choose a file of `size` bytes in the file control, as the file dialog would."""
    content = b"%PDF-1.4\n" + b"0" * (size - 9)
    page.get_by_label("Attach a file").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": content}
    )


def choose_file(page, name: str, size: int):
    """Choose a file, then wait as the draft is saved (choosing a file is an edit of the work), so
    that no request is left writing at the test's end."""
    with page.expect_response(DRAFT_SAVE):
        attach(page, name, size)
    expect(page.locator(".spoc-pw__draft-status")).to_contain_text("Draft saved")


def upload_with_keyboard(page):
    """From the file control, Tab to "Upload the file" and press Enter."""
    page.get_by_label("Attach a file").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Upload the file")).to_be_focused()
    page.keyboard.press("Enter")


def alert_id(page) -> str:
    return page.locator(FILE_ALERT).get_attribute("id")


def stored_uploads() -> int:
    from spoc_xblocks.peer_workshop.models import Upload

    return Upload.objects.count()


def test_a_file_over_the_limit_is_refused_unsent_and_one_at_the_limit_is_taken(open_page):
    page = open_submission_form(open_page, "alice")
    file_input = page.get_by_label("Attach a file")
    expect(file_input).to_have_attribute("data-spoc-max-bytes", "4000000")
    sent = []
    page.on(
        "request", lambda request: sent.append(request.url) if UPLOAD.search(request.url) else None
    )

    alert = page.locator(FILE_ALERT)
    choose_file(page, "diagram.pdf", 4_000_001)  # one byte over 4 MB
    upload_with_keyboard(page)
    expect(alert).to_have_text(TOO_LARGE)
    expect(alert).to_be_visible()
    expect(file_input).to_be_focused()
    expect(file_input).to_have_attribute("aria-describedby", re.compile(alert_id(page)))
    # The alert says it once: the live region does not repeat it.
    expect(page.locator("[data-spoc-live]")).not_to_have_text(TOO_LARGE)
    assert_accessible(page)  # the refusal on screen
    assert sent == [] and stored_uploads() == 0

    choose_file(page, "diagram.pdf", 4_000_000)  # exactly 4 MB: taken
    upload_with_keyboard(page)
    expect(page.get_by_role("link", name="diagram.pdf")).to_be_visible()
    expect(page.locator(FILES_STATUS)).to_have_text("diagram.pdf is attached.")
    expect(alert).to_be_hidden()
    expect(page.get_by_label("Attach a file")).to_be_focused()
    assert len(sent) == 1 and stored_uploads() == 1
    assert_accessible(page)
    assert page.js_errors == []


@pytest.mark.parametrize(
    "status, content_type, body, sentence",
    [
        pytest.param(413, "text/plain", "", TOO_LARGE, id="proxy-413-empty"),
        pytest.param(413, "application/json", LMS_413, TOO_LARGE, id="lms-413-json"),
        pytest.param(
            403, "text/html", "<h1>403 Forbidden</h1>", SESSION_ENDED, id="platform-403-html"
        ),
        pytest.param(
            400, "text/html", "<h1>Bad Request (400)</h1>", UNREADABLE, id="django-400-html"
        ),
    ],
)
def test_a_refusal_by_the_platform_reads_as_a_sentence(
    open_page, status, content_type, body, sentence
):
    page = open_submission_form(open_page, "bruno")
    refused = []

    def refuse(route):
        """Answer in the platform's place, as Tutor's Caddy or the LMS does before the block."""
        refused.append(route.request.method)
        route.fulfill(status=status, content_type=content_type, body=body)

    page.route(UPLOAD, refuse)
    alert = page.locator(FILE_ALERT)
    choose_file(page, "x.pdf", 2_000)
    upload_with_keyboard(page)
    expect(alert).to_have_text(sentence)  # all of it: no JSON, no "Something went wrong"
    expect(page.locator("[data-spoc-live]")).not_to_have_text(sentence)
    # Focus goes to the file control the refusal is about.
    expect(page.get_by_label("Attach a file")).to_be_focused()
    assert refused == ["POST"] and stored_uploads() == 0
    assert_accessible(page)
    assert page.js_errors == []


def test_the_refusal_is_in_view_where_the_file_was_chosen(open_page):
    page = open_submission_form(open_page, "chloe")
    choose_file(page, "diagram.pdf", 4_000_001)
    upload_with_keyboard(page)
    expect(page.get_by_label("Attach a file")).to_be_focused()
    expect(page.get_by_role("alert").filter(has_text=TOO_LARGE)).to_be_in_viewport()


def test_the_refusal_stays_until_the_learner_acts(open_page):
    page = open_submission_form(open_page, "emma")
    with page.expect_response(DRAFT_SAVE):
        attach(page, "diagram.pdf", 4_000_001)
        upload_with_keyboard(page)  # at once, before the draft is saved
    expect(page.locator(".spoc-pw__draft-status")).to_contain_text("Draft saved")
    expect(page.locator(FILE_ALERT)).to_have_text(TOO_LARGE)


def test_a_file_of_4_mb_is_listed_as_4_mb(open_page):
    page = open_submission_form(open_page, "david")
    choose_file(page, "diagram.pdf", 4_000_000)
    upload_with_keyboard(page)
    listed = page.locator(
        "[data-spoc-region='files'] li", has=page.get_by_role("link", name="diagram.pdf")
    )
    expect(listed).to_contain_text(re.compile(r"\(4(\.0)? MB\)"))


def test_a_file_name_of_a_thousand_characters_is_shortened_before_it_is_sent(open_page):
    """Django refuses a multipart part whose headers pass 1,024 bytes with its HTML page, before
    the block runs (in the LMS): the browser sends at most 200 characters, keeping the
    extension."""
    page = open_submission_form(open_page, "farid")
    choose_file(page, "r" * 1_000 + ".pdf", 2_000)
    upload_with_keyboard(page)
    expect(page.locator("[data-spoc-status]").filter(has_text="is attached")).to_be_visible()
    expect(page.locator("[data-spoc-region='files']")).to_contain_text("….pdf")
    from spoc_xblocks.peer_workshop.models import Upload

    assert list(Upload.objects.values_list("filename", flat=True)) == ["r" * 195 + "….pdf"]
