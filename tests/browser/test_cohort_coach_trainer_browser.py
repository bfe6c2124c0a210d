"""The cohort coach's trainer in Chromium, acting for real: a nudge to every flagged learner and the
withdrawal of a booked slot ask first and then confirm where the trainer acted; the KPI charts'
labels stay whole inside their chart with the full names in the table beside; a signed-out visitor
is asked to sign in and sees nothing private. axe on every view."""

import json
from datetime import timedelta

from playwright.sync_api import expect

from .conftest import assert_accessible
from .test_cohort_coach_browser import PAGE, anonymous, usage_id

LONG_NAME = "Customer complaint call: the angry caller who wants a refund before Friday"


def post(client, handler: str, student: str, payload: dict, scenario_usage_id: str = ""):
    response = client.post(
        f"/handler/{scenario_usage_id or usage_id()}/{handler}/?student={student}",
        json.dumps(payload),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()


def offer_slot(client, where: str) -> None:
    from django.utils import timezone

    starts = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    post(
        client,
        "offer_slot",
        "trainer",
        {"starts": starts.isoformat(), "minutes": 30, "where": where},
    )


def flag_hugo_and_farid(client):
    from django.utils import timezone

    from spoc_xblocks.cohort_coach.models import CheckIn
    from spoc_xblocks.common.models import ActivityRecord

    for learner in ("hugo", "farid", "alice"):
        post(client, "post_checkin", learner, {"confidence": 3})
    for learner, days in (("hugo", 9), ("farid", 10)):
        moment = timezone.now() - timedelta(days=days)
        ActivityRecord.objects.filter(learner_id=anonymous(learner)).update(created=moment)
        checkin = CheckIn.objects.get(learner_id=anonymous(learner))
        CheckIn.objects.filter(id=checkin.id).update(created=moment, period=checkin.period - 1)


def test_nudging_every_flagged_learner_names_them_first_then_confirms_next_to_the_form(
    open_page, client
):
    from spoc_xblocks.cohort_coach.models import Nudge

    flag_hugo_and_farid(client)
    trainer = open_page(PAGE, "trainer")
    form = trainer.locator('[data-spoc-region="nudge"] form')
    form.locator("textarea").fill("Shall we talk this week?")
    form.get_by_role("button", name="Send to every flagged learner").click()

    asking = trainer.get_by_role("group", name="Send this nudge to")
    expect(asking).to_be_visible()
    expect(trainer.locator(".spoc-confirm__question")).to_be_focused()
    names = asking.get_by_role("listitem").all_inner_texts()
    assert "hugo" in names and "farid" in names and "alice" not in names
    assert not Nudge.objects.exists()
    assert_accessible(trainer)

    asking.get_by_role("button", name=f"Send to {len(names)} learners").click()
    status = trainer.locator('[data-spoc-region="nudge"] [data-spoc-status]')
    expect(status).to_be_visible()
    expect(status).to_have_text(
        f"Nudge queued for {len(names)} learners: shown at their next visit."
    )
    expect(status).to_have_attribute("role", "status")  # a polite live region: said aloud too
    assert Nudge.objects.count() == len(names)

    form = trainer.locator('[data-spoc-region="nudge"] form')
    form.locator("textarea").fill("Again?")
    form.get_by_role("button", name="Send to every flagged learner").click()
    expect(form.locator("[data-spoc-error]")).to_have_text(
        "Every flagged learner already has a nudge waiting for their next visit."
    )
    assert Nudge.objects.count() == len(names)
    assert_accessible(trainer)
    assert trainer.js_errors == []


def test_withdrawing_a_booked_slot_asks_first_naming_the_learner(open_page, client):
    from spoc_xblocks.cohort_coach.models import Booking, Slot

    offer_slot(client, "Room 2")
    post(client, "book_slot", "alice", {"slot_id": Slot.objects.get().id})
    trainer = open_page(PAGE, "trainer")
    slots = trainer.locator('[data-spoc-region="slots"]')
    withdraw = slots.get_by_role("button", name="Withdraw")

    withdraw.click()
    asking = trainer.get_by_role("group", name="alice booked this slot.")
    expect(asking).to_be_visible()
    expect(asking.get_by_role("listitem")).to_have_text(["alice"])
    assert_accessible(trainer)
    asking.get_by_role("button", name="Cancel").click()
    expect(withdraw).to_be_focused()
    assert Booking.objects.exists()

    withdraw.click()
    trainer.get_by_role("button", name="Withdraw the booked slot").click()
    status = slots.locator("[data-spoc-status]")
    expect(status).to_be_visible()
    expect(status).to_have_text(
        "The slot was withdrawn; its learner will see it is no longer booked."
    )
    assert not Slot.objects.exists() and not Booking.objects.exists()
    assert trainer.js_errors == []


def test_the_kpi_charts_keep_every_label_whole_inside_the_chart(open_page, client):
    from workbench.scenarios import get_scenarios

    from spoc_xblocks.common.models import BlockProgress

    scenarios = get_scenarios()
    for game in ("spoc_serious_game.0", "spoc_serious_game.1"):
        for learner in ("alice", "bruno"):
            post(client, "start", learner, {}, scenarios[game].usage_id)
    BlockProgress.objects.filter(usage_key=scenarios["spoc_serious_game.0"].usage_id).update(
        block_name=LONG_NAME
    )
    trainer = open_page(PAGE, "trainer")
    kpis = trainer.locator('section[id$="-kpis"]')
    kpis.scroll_into_view_if_needed()
    charts = kpis.locator("svg.spoc-chart")
    assert charts.count() >= 2
    for index in range(charts.count()):
        outside = charts.nth(index).evaluate(
            """svg => {
                const box = svg.getBoundingClientRect();
                return Array.from(svg.querySelectorAll('text')).filter(text => {
                    const own = text.getBoundingClientRect();
                    return own.left < box.left - 1 || own.right > box.right + 1 ||
                        own.top < box.top - 1 || own.bottom > box.bottom + 1;
                }).map(text => text.textContent);
            }"""
        )
        assert outside == []
    sticking = kpis.locator("svg:has(title[id$='kpi-sticking-title'])")
    labels = sticking.evaluate(
        """svg => Array.from(svg.querySelectorAll("text[text-anchor='end']"), text =>
            Array.from(text.querySelectorAll('tspan'), span => span.textContent).join(' '))"""
    )
    assert f"Serious game · {LONG_NAME}" in labels
    table = kpis.locator("table", has_text="Where learners stop")
    expect(table.locator("tbody th")).to_contain_text([f"Serious game · {LONG_NAME}"])
    assert_accessible(trainer)


def test_a_signed_out_visitor_is_asked_to_sign_in_and_sees_no_phone_number(open_page, client):
    offer_slot(client, "Phone: +33 1 23 45 67 89")
    visitor = open_page(PAGE, "anonymous")
    block = visitor.locator(".spoc-coach")
    expect(block).to_contain_text(
        "Sign in to check in with your trainer, keep your goals and book a one-to-one."
    )
    expect(block).not_to_contain_text("+33")
    expect(block.get_by_role("button")).to_have_count(0)
    assert_accessible(visitor)
    assert visitor.js_errors == []
