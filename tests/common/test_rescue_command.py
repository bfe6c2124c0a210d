"""The rescue command hands again a job whose worker died, and leaves a live one alone."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from spoc_xblocks.common.models import DeferredJob

pytestmark = pytest.mark.django_db


def job(status, heartbeat_age):
    return DeferredJob.objects.create(
        task="spoc_xblocks.peer_workshop.grades.send_grades_to_gradebook",
        course_key="course-v1:SPOC+Onboarding+2026",
        usage_key="nowhere",
        block={},
        status=status,
        heartbeat=timezone.now() - heartbeat_age,
    )


def test_a_dead_workers_job_is_handed_again_and_a_live_ones_is_not(monkeypatch):
    dead = job(DeferredJob.RUNNING, timedelta(hours=1))
    job(DeferredJob.RUNNING, timedelta(seconds=1))
    job(DeferredJob.DONE, timedelta(hours=1))
    handed = []
    monkeypatch.setattr("spoc_xblocks.common.jobs.dispatch", handed.append)
    out = StringIO()
    call_command("spoc_rescue_jobs", stdout=out)
    assert handed == [dead.pk] and out.getvalue().strip() == "1 job(s) handed again."
