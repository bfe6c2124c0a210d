"""The XSS corpus rendered in Chromium: every text field filled through the handlers, then each
block's learner, trainer and Studio views opened (SVG charts, path diagram and KPIs included); and a
learner typing payloads into the check-in and goal forms as a person does. No payload may run, add
markup, open a dialog or raise an error, and the payload text shows as text."""

from __future__ import annotations

from playwright.sync_api import expect

from tests import figures
from tests.xss_corpus import VISIBLE_TEXT, XSS_PAYLOADS, assert_page_clean, watch_page
from tests.xss_fields import AFTER, BEFORE, COACH, GAME, PULSE, TRAINER, WORKSHOP, HostileCourse

VIEWS = [
    (scenario, student, "")
    for scenario in (GAME, WORKSHOP, COACH, PULSE, BEFORE, AFTER)
    for student in (TRAINER, "alice", "bruno")
]
VIEWS += [(scenario, TRAINER, "studio_view/") for scenario in (GAME, WORKSHOP, COACH, PULSE, AFTER)]


def hostile_course(client):
    from workbench.scenarios import get_scenarios

    from tests.sites import WorkbenchSite

    HostileCourse(WorkbenchSite(client, get_scenarios())).fill()


def opened(browser, base: str, path: str, student: str):
    """A fresh page on `path`, its dialogs and errors recorded from before it loads."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.js_errors = []
    page.on("pageerror", lambda error: page.js_errors.append(str(error)))
    events = watch_page(page)
    page.goto(
        f"{base}{path}?student={student}"
    )  # waits for the load event: images and their onerror are done
    return context, page, events


def test_no_payload_runs_in_any_view(browser, live_workbench, client):
    hostile_course(client)
    checked = 0
    for scenario, student, view in VIEWS:
        context, page, events = opened(
            browser, live_workbench, f"/scenario/{scenario}/{view}", student
        )
        try:
            where = f"{scenario} {view or 'view'} as {student}"
            assert_page_clean(page, events, where)
            if not view:
                text = page.locator(".spoc-block").first.inner_text()
                assert VISIBLE_TEXT in text, f"{where}: the payload text is not shown as text"
            checked += page.evaluate(
                "() => document.documentElement.outerHTML.split('__xss').length - 1"
            )
        finally:
            context.close()
    figures.record("payloads tried", checked, source="XSS payload renders checked")


def test_a_learner_types_payloads_into_the_check_in_and_goal_forms(browser, live_workbench, client):
    context, page, events = opened(browser, live_workbench, f"/scenario/{COACH}/", "emma")
    try:
        blockers = "\n".join(payload.text for payload in XSS_PAYLOADS[:11])
        helped = "\n".join(payload.text for payload in XSS_PAYLOADS[11:])
        page.locator('input[name="progress"]').fill("30")
        page.locator('input[name="confidence"]').first.check()
        page.locator('textarea[name="blockers"]').fill(blockers[:1000])
        page.locator('textarea[name="help"]').fill(helped[:1000])
        page.get_by_role("button", name="Send my check-in").click()
        history = page.locator('[data-spoc-region="history"]')
        expect(history).to_contain_text(VISIBLE_TEXT)
        for payload in XSS_PAYLOADS[:4]:
            page.locator('input[name="text"]').fill(payload.text)
            page.get_by_role("button", name="Add the goal").click()
            expect(page.locator('[data-spoc-region="goals"]')).to_contain_text(
                payload.text.strip()[:20]
            )
        assert_page_clean(page, events, "the coach after typing")
        page.reload()
        assert_page_clean(page, events, "the coach reloaded")
    finally:
        context.close()
    figures.record("payloads tried", len(XSS_PAYLOADS) + 4, source="XSS payloads typed in Chromium")
