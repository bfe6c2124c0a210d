"""The time per module in Chromium, as the trainer: a learner's event reaches the tracking
backend through the real handler, the trainer reaches the Time per module section with the
keyboard, reads the cohort's median beside the design estimate with the module over it flagged,
then one learner's own time in their detail. axe on the dashboard and the detail."""

import json
from datetime import timedelta

from playwright.sync_api import expect

from tests.engagement.conftest import FULL_ANSWERS

from .conftest import assert_accessible
from .test_cohort_coach_browser import PAGE, SCENARIO, open_learner_detail, tab_to

PULSE = "spoc_pulse.0"  # the demo course's unit "Your last word on the course"
UNIT = "Your last word on the course"
BACKENDS = {"spoc_module_time": {"ENGINE": "spoc_xblocks.module_time.backend.ModuleTimeBackend"}}
SETTINGS = {
    "display_name": "Weekly check-in",
    "cadence_days": 7,
    "start_date": "",
    "nudge_email_delay_hours": 24,
    "questions": ["progress", "confidence", "mood"],
    "module_time_estimates": "closing_pulse = 5",
}


def post(client, scenario: str, handler: str, student: str, payload: dict) -> None:
    from workbench.scenarios import get_scenarios

    response = client.post(
        f"/handler/{get_scenarios()[scenario].usage_id}/{handler}/?student={student}",
        json.dumps(payload),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content


def test_the_trainer_reads_time_per_module_and_a_learners_own_time(open_page, client, settings):
    from django.utils import timezone
    from workbench.scenarios import get_scenarios

    from spoc_xblocks.dev.services import user_id_of
    from spoc_xblocks.module_time import api
    from spoc_xblocks.module_time.models import ModuleTime

    settings.EVENT_TRACKING_BACKENDS = BACKENDS
    post(client, PULSE, "answer", "alice", {"answers": FULL_ANSWERS})
    block = get_scenarios()[PULSE].usage_id
    assert ModuleTime.objects.filter(module_key=block, learner_key=str(user_id_of("alice")))
    # The rest of the week's events: alice works 40 minutes on the pulse's unit, the others 12.
    course, now = settings.SPOC_WORKBENCH_COURSE_KEY, timezone.now()
    for student in settings.SPOC_DEV_ROSTER:
        moments = (20, 40) if student == "alice" else (0, 12)
        for minutes in moments:
            at = now + timedelta(minutes=minutes)
            api.record_event(course, str(user_id_of(student)), block, at)
    post(client, SCENARIO, "studio_submit", "trainer", SETTINGS)

    trainer = open_page(PAGE, "trainer")
    link = trainer.get_by_role("link", name="Time per module")
    tab_to(trainer, link)
    trainer.keyboard.press("Enter")
    section = trainer.locator('section[id$="-time"]')
    expect(section.get_by_role("heading", name="Time per module")).to_be_visible()
    cells = section.locator("tr", has_text=UNIT).locator("td")
    expect(cells).to_have_text(["5", "12", "12–12", "Far above the design estimate"])
    assert_accessible(trainer)

    detail = open_learner_detail(trainer, "alice")
    own = detail.locator(".spoc-coach__time tr", has_text=UNIT).locator("td")
    expect(own).to_have_text(["40", "12", "5"])
    assert_accessible(trainer)
