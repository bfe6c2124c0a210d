"""The LMS's "View this course as: Learner" in Chromium: the trainer (`trainer~` in the workbench,
once seen as staff) sees the learner's view, told it is read-only; the controls save nothing and
the server refuses every write."""

from playwright.sync_api import expect

from .conftest import assert_accessible
from .test_engagement_browser import choose_with_arrows, tab_to

PULSE = "spoc_pulse.0"
WORKSHOP = "spoc_peer_workshop.1"
AS_LEARNER = "trainer~"
REFUSED = "You are viewing as a learner: nothing can be changed."


def usage_id(scenario: str) -> str:
    from workbench.scenarios import get_scenarios

    return get_scenarios()[scenario].usage_id


def record_posts(page, *handlers: str) -> list:
    """The POST requests the page sends to these handlers, as they leave the browser."""
    sent = []
    page.on(
        "request",
        lambda request: (
            sent.append(request.url)
            if request.method == "POST"
            and any(f"/{handler}/" in request.url for handler in handlers)
            else None
        ),
    )
    return sent


def post_from_page(page, scenario: str, handler: str, payload: dict) -> dict:
    """What the server answers the page's own request helper (a script, or a page opened before)."""
    url = f"/handler/{usage_id(scenario)}/{handler}/?student={AS_LEARNER}"
    return page.evaluate(
        """([url, payload]) => SpocXBlocks.post(url, payload).then(
             () => ({status: 200}), error => ({status: error.status, message: error.message}))""",
        [url, payload],
    )


def test_the_trainer_viewing_the_pulse_as_a_learner_answers_but_nothing_is_saved(open_page):
    from spoc_xblocks.engagement.models import PulseParticipation, PulseResponse

    trainer = open_page(f"/scenario/{PULSE}/", "trainer")  # the trainer, seen as the course's staff
    expect(trainer.locator(".spoc-pulse__results")).to_contain_text("0 responses so far.")
    expect(trainer.locator("button[data-spoc-handler=answer]")).to_have_count(0)

    page = open_page(f"/scenario/{PULSE}/", AS_LEARNER)
    expect(
        page.get_by_text("You are viewing this pulse as a learner: nothing you do here is saved.")
    ).to_be_visible()
    expect(page.locator(".spoc-pulse__results")).to_have_count(0)  # the learner's view
    assert_accessible(page)  # the read-only learner view
    sent = record_posts(page, "answer")
    questions = page.locator("[data-spoc-question]")
    choose_with_arrows(page, questions.nth(0), 3)
    choose_with_arrows(page, questions.nth(1), 4)
    choose_with_arrows(page, questions.nth(2), 9)
    choose_with_arrows(page, questions.nth(3), 0)
    send = page.get_by_role("button", name="Send my answers")
    expect(send).to_have_attribute("aria-disabled", "true")
    tab_to(page, send)
    page.keyboard.press("Enter")
    send.click(force=True)  # a mouse click on the greyed-out button: Playwright would wait
    page.wait_for_timeout(500)  # time for a request to leave, had one been sent
    assert sent == []
    expect(page.locator(".spoc-pulse__heading")).to_have_count(0)  # no "Thank you"
    expect(questions.nth(0).locator("input").nth(3)).to_be_checked()  # the form stays as it was

    answer = {"answers": {"pace": 4, "sessions": 5, "recommend": 9, "helped": "game"}}
    assert post_from_page(page, PULSE, "answer", answer) == {"status": 403, "message": REFUSED}
    assert PulseResponse.objects.count() == 0 and PulseParticipation.objects.count() == 0
    trainer.reload()
    expect(trainer.locator(".spoc-pulse__results")).to_contain_text("0 responses so far.")
    assert page.js_errors == [] and trainer.js_errors == []


def test_the_trainer_viewing_the_workshop_as_a_learner_cannot_write_or_submit(open_page):
    from spoc_xblocks.dev.demo_client import DemoClient
    from spoc_xblocks.peer_workshop.models import Draft, Submission, Upload

    DemoClient().post(usage_id(WORKSHOP), "set_phase", "trainer", {"phase": "submission"})
    trainer = open_page(f"/scenario/{WORKSHOP}/", "trainer")
    expect(trainer.locator(".spoc-pw__trainer h3").first).to_contain_text("Submission")
    # Trainers do not submit work.
    expect(trainer.get_by_role("button", name="Submit my work")).to_have_count(0)

    page = open_page(f"/scenario/{WORKSHOP}/", AS_LEARNER)
    expect(
        page.get_by_text(
            "You are viewing this workshop as a learner: nothing you do here is saved."
        )
    ).to_be_visible()
    expect(page.locator(".spoc-pw__trainer")).to_have_count(0)
    assert_accessible(page)  # the read-only submission form
    sent = record_posts(page, "save_work", "submit_work", "upload_file")
    editor = page.locator("[data-spoc-editor]")
    expect(editor).to_have_attribute("contenteditable", "false")
    editor.click()
    page.keyboard.type("My procedure")
    expect(editor).not_to_contain_text("My procedure")
    expect(page.get_by_label("Attach a file")).to_have_count(0)  # no upload control
    page.get_by_role("button", name="Add a link").click()
    expect(page.locator("[data-spoc-link-row]")).to_have_count(0)
    submit = page.get_by_role("button", name="Submit my work")
    expect(submit).to_have_attribute("aria-disabled", "true")
    submit.focus()
    page.keyboard.press("Enter")
    submit.click(force=True)
    expect(page.locator("[data-spoc-confirm]")).to_be_hidden()  # no "Submit for good?"
    page.wait_for_timeout(2000)  # past the draft's save delay (1.5 s), had a draft been saved
    assert sent == []

    work = {"text": "<p>My procedure</p>", "links": []}
    for handler in ("save_work", "submit_work"):
        assert post_from_page(page, WORKSHOP, handler, work) == {"status": 403, "message": REFUSED}
    assert Draft.objects.count() == Submission.objects.count() == Upload.objects.count() == 0
    trainer.reload()
    expect(trainer.get_by_text("0 of 12 learners submitted")).to_be_visible()
    assert page.js_errors == [] and trainer.js_errors == []
