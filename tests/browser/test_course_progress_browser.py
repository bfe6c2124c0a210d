"""Progress through the whole course in Chromium, as the trainer: the course's completions
(edx-completion's real rows) and graded scores (as the LMS's score signal records them), the
section reached with the keyboard from the dashboard's section list, the median and average score
per module, where stalled learners stop, then one learner's own in their detail. axe on both."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.course_progress.conftest import INTRO, QUIZ, VIDEO, complete

from .conftest import assert_accessible
from .test_cohort_coach_browser import PAGE, anonymous, open_learner_detail, tab_to

pytest.importorskip("completion")


def test_the_trainer_reads_progress_through_the_whole_course(open_page, settings):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from spoc_xblocks.common.members import record_members
    from spoc_xblocks.course_progress import api
    from spoc_xblocks.dev.services import user_id_of

    settings.SPOC_COURSE_OUTLINE = "tests.course_progress.conftest.outline"
    course = settings.SPOC_WORKBENCH_COURSE_KEY
    roster = settings.SPOC_DEV_ROSTER
    for name in roster:
        get_user_model().objects.get_or_create(id=user_id_of(name), username=name)
    record_members(course, [(str(user_id_of(name)), anonymous(name), False) for name in roster])
    month_ago = timezone.now() - timedelta(days=30)
    complete(str(user_id_of("alice")), INTRO, VIDEO, at=month_ago)
    complete(str(user_id_of("bruno")), INTRO, at=month_ago)
    api.record_score(course, str(user_id_of("alice")), QUIZ, 3, 4)

    trainer = open_page(PAGE, "trainer")
    link = trainer.get_by_role("link", name="Progress through the course")
    tab_to(trainer, link)
    trainer.keyboard.press("Enter")
    section = trainer.locator('section[id$="-progress"]')
    expect(section.get_by_role("heading", name="Progress through the course")).to_be_visible()
    expect(section.locator("tr", has_text="Basics quiz").locator("td")).to_have_text(
        ["3", "0", "75% (1 learner)"]
    )
    share = round(100 * 2 / len(roster))
    expect(section.locator(".spoc-coach__stops li")).to_have_text(
        [f"{share}% of learners stop in module 1 (Basics), unit ‘Calls’"]
    )
    assert_accessible(trainer)

    detail = open_learner_detail(trainer, "alice")
    own = detail.locator(".spoc-coach__progress tr", has_text="Basics quiz").locator("td")
    expect(own).to_have_text(["2", "0", "3", "75%", "75%"])
    assert_accessible(trainer)
    assert not trainer.js_errors
