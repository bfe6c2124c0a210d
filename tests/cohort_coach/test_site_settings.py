"""The site's AT_RISK_DEFAULTS and NUDGE_EMAILS, end to end through the coach's real handlers and
pages; wrong site values fall back to the defaults and are named in the system check and in
Studio."""

import pytest
from django.core import mail

from spoc_xblocks.cohort_coach import workflow
from spoc_xblocks.cohort_coach.models import Flag, Nudge
from spoc_xblocks.common.checks import check_operator_settings
from spoc_xblocks.common.operator_settings import BUCKET

from .conftest import ANSWERS, COACH, anonymous, move_back, set_fields, stored_block
from .test_nudges import age_nudges, nudge

pytestmark = pytest.mark.django_db
EMAIL_OFF_HELP = (
    "Shown at their next visit to this block, unless they have been active since you sent it."
)


def site(settings, **values):
    settings.XBLOCK_SETTINGS = {BUCKET: values}


def hugo_quiet_for(workbench, coach, days: int) -> str:
    """Hugo checked in, then nothing for `days` days; the trainer's dashboard as it reads now."""
    coach("post_checkin", "hugo", ANSWERS)
    move_back("hugo", days, workbench.usage_id(COACH), periods=0)
    return workbench.page(COACH, "trainer").content.decode()


def test_the_sites_threshold_applies_where_the_author_set_none(workbench, coach, settings):
    site(settings, AT_RISK_DEFAULTS={"inactive_days": 3})
    assert "no activity for 4 days" in hugo_quiet_for(workbench, coach, 4)
    assert [
        reason["code"] for reason in Flag.objects.get(learner_id=anonymous("hugo")).reasons
    ] == ["inactive"]
    assert workflow.thresholds(stored_block(workbench)).inactive_days == 3


def test_without_site_settings_four_quiet_days_raise_no_flag(workbench, coach):
    assert "no activity for 4 days" not in hugo_quiet_for(workbench, coach, 4)
    assert not Flag.objects.exists()


def test_the_authors_threshold_wins_over_the_sites(workbench, coach, settings):
    site(settings, AT_RISK_DEFAULTS={"inactive_days": 3, "missed_checkins": 5})
    set_fields(workbench, inactive_days=10)
    assert "no activity for 4 days" not in hugo_quiet_for(workbench, coach, 4)
    thresholds = workflow.thresholds(stored_block(workbench))
    assert (thresholds.inactive_days, thresholds.missed_checkins) == (10, 5)


def test_with_nudge_emails_off_a_nudge_is_only_shown(workbench, coach, settings, published_events):
    site(settings, NUDGE_EMAILS=False)
    set_fields(workbench, nudge_email_delay_hours=0)
    assert EMAIL_OFF_HELP in workbench.page(COACH, "trainer").content.decode()
    assert nudge(coach, "hugo", "Hugo, your workshop is due.").status_code == 200
    assert Nudge.objects.get().email_due is None and mail.outbox == []
    assert (
        "spoc.cohort_coach.nudge_queued",
        {"target": "learner", "learners": 1, "email": False},
    ) in published_events
    assert "Hugo, your workshop is due." in workbench.page(COACH, "hugo").content.decode()


def test_nudges_queued_while_emails_were_on_are_not_emailed_once_they_are_off(
    workbench, coach, settings
):
    set_fields(workbench, nudge_email_delay_hours=24)
    nudge(coach, "hugo", "Hugo, your workshop is due.")
    assert EMAIL_OFF_HELP not in workbench.page(COACH, "trainer").content.decode()
    age_nudges(hours=25)
    site(settings, NUDGE_EMAILS=False)
    workbench.page(COACH, "trainer")
    assert mail.outbox == [] and Nudge.objects.get().emailed_at is None


def test_wrong_site_values_keep_the_defaults_and_are_named_in_the_check_and_in_studio(
    workbench, coach, settings
):
    site(settings, AT_RISK_DEFAULTS={"inactive_days": -1}, NUDGE_EMAILS="no")
    assert "no activity for 4 days" not in hugo_quiet_for(
        workbench, coach, 4
    )  # the default, 7 days, holds
    set_fields(workbench, nudge_email_delay_hours=0)
    nudge(coach, "lea")
    assert Nudge.objects.get().email_due is not None  # NUDGE_EMAILS defaults to True
    assert [message.id for message in check_operator_settings()] == [
        "spoc_xblocks.W004",
        "spoc_xblocks.W005",
    ]
    messages = [message.text for message in stored_block(workbench).validate().messages]
    assert (
        "A site setting is wrong (tell your Open edX administrator): "
        'AT_RISK_DEFAULTS["inactive_days"] is -1: it must be a whole number from 0 (rule off) to '
        "90. The default, 7, is used."
    ) in messages
    assert any("NUDGE_EMAILS is 'no'" in text for text in messages)
