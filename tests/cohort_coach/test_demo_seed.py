"""The demo: twelve learners over four weeks, several flagged for different reasons; seeding twice
changes nothing."""

import pytest

from spoc_xblocks.cohort_coach.models import CheckIn, Flag, Message, Nudge, Slot
from spoc_xblocks.dev.demo_client import DemoClient
from spoc_xblocks.dev.seed import cohort_coach as demo_seed

from .conftest import COACH, anonymous

pytestmark = [pytest.mark.django_db, pytest.mark.workbench_only]


@pytest.fixture
def seeded(scenarios):
    """The whole demo SPOC, as `manage.py seed_demo` builds it: the coach seeds last, on the others'
    data."""
    from io import StringIO

    from django.core.management import call_command

    output = StringIO()
    call_command("seed_demo", stdout=output)
    return output.getvalue()


def test_the_demo_builds_four_weeks_of_history_with_flags_for_different_reasons(seeded, workbench):
    assert "cohort coach: 38 check-ins by 12 learners over 4 weeks" in seeded
    periods = sorted(set(CheckIn.objects.values_list("period", flat=True)))
    assert len(periods) == 4 and periods[-1] - periods[0] == 3
    reasons = {
        flag.learner_id: {reason["code"] for reason in flag.reasons} for flag in Flag.objects.all()
    }
    assert "inactive" in reasons[anonymous("hugo")]
    assert "confidence_fell" in reasons[anonymous("david")]
    assert "missed_checkins" in reasons[anonymous("farid")]
    assert 4 <= len(reasons) <= 11
    contacted = Flag.objects.filter(status="contacted")
    assert set(contacted.values_list("learner_id", flat=True)) == {
        anonymous("hugo"),
        anonymous("farid"),
    }
    assert Message.objects.filter(by_trainer=True).count() == 3 and Slot.objects.count() == 3
    assert Nudge.objects.get().learner_id == anonymous("karim")
    html = workbench.page(COACH, "trainer").content.decode()
    assert "confidence fell from 4 to 2" in html and "no activity for 12 days" in html
    assert "2 check-ins missed" in html
    assert "active again" in html and "no activity since contact" in html


def test_the_demo_shows_real_blocks_only_and_figures_that_can_be_reached(seeded, scenarios):
    from django.utils import timezone
    from workbench.runtime import WorkbenchRuntime

    from spoc_xblocks.cohort_coach import workflow
    from spoc_xblocks.common.models import BlockProgress

    usage_ids = {scenario.usage_id for scenario in scenarios.values()}
    assert set(BlockProgress.objects.values_list("usage_key", flat=True)) <= usage_ids
    block = WorkbenchRuntime("trainer").get_block(scenarios[COACH].usage_id)
    figures = workflow.kpi_figures(block, workflow.read_cohort(block, timezone.now()))
    assert figures["completion"]["completed"] > 0
    stuck = {point["block_type"] for point in figures["sticking"]}
    assert "spoc_peer_workshop" not in stuck  # at the review phase: still open, by design


def test_seeding_again_does_nothing_and_reset_forgets(seeded, scenarios):
    counts = CheckIn.objects.count(), Flag.objects.count()
    assert demo_seed.seed(DemoClient(), scenarios) == "cohort coach: already seeded"
    assert (CheckIn.objects.count(), Flag.objects.count()) == counts
    demo_seed.reset(scenarios)
    assert not CheckIn.objects.exists() and not Flag.objects.exists() and not Slot.objects.exists()
