"""The demo SPOC's whole course progress: seeding gives every learner completions of the course's
introductions and scores in the serious game and the workshop, and the trainer's dashboard shows
the medians, the average scores and where stalled learners stop; seeding twice changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from tests.cohort_coach.conftest import COACH

pytestmark = [pytest.mark.django_db, pytest.mark.workbench_only]
pytest.importorskip("completion")


def test_the_demo_seeds_completions_and_scores_the_trainer_reads(scenarios, workbench):
    from completion.models import BlockCompletion

    output = StringIO()
    call_command("seed_demo", stdout=output)
    assert "whole course progress: " in output.getvalue()
    completions = BlockCompletion.objects.count()
    assert completions >= 12
    from workbench.scenarios import get_scenarios

    from spoc_xblocks.dev.seed import course_progress

    again = course_progress.seed(None, get_scenarios())
    assert again == "whole course progress: already seeded"
    assert BlockCompletion.objects.count() == completions
    html = workbench.page(COACH, "trainer").content.decode()
    progress = html.split("spoc-coach__progress", 1)[1]
    assert "A customer complaint call" in progress
    assert "% of learners stop in module" in progress
    assert "learners)" in progress  # an average score beside the number of learners scored
