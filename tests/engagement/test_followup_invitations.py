"""The follow-up's invitations: each learner is emailed once when their follow-up opens, by a job
planned for that moment on the platform's workers (at the next view without workers)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from spoc_xblocks.common import jobs
from spoc_xblocks.common.models import DeferredJob
from spoc_xblocks.engagement.models import FollowupInvitation, FollowupPlan, SkillsResponse
from tests.sites import anonymous_id

from .conftest import AFTER, LEVELS_AFTER, TRAINER
from .test_skills_followup import FOLLOWUP, followup_answer, took_after

pytestmark = pytest.mark.django_db


def invited() -> list[list[str]]:
    return [message.to for message in mail.outbox]


def test_without_workers_the_next_view_invites_those_whose_follow_up_opened_once(workbench, rate):
    took_after(rate, "alice", days_ago=91)
    took_after(rate, "bruno", days_ago=10)
    workbench.page(FOLLOWUP, TRAINER)
    assert invited() == [["alice@example.com"]]
    message = mail.outbox[0]
    assert "Your follow-up is open" in message.subject and "Email me about this course" in (
        message.body
    )
    workbench.page(FOLLOWUP, "bruno")
    workbench.page(FOLLOWUP, TRAINER)
    assert len(mail.outbox) == 1
    html = workbench.page(FOLLOWUP, TRAINER).content.decode()
    assert "invited by email when the follow-up opens" in html and "1 email sent" in html


def test_a_learner_who_answered_or_asked_for_no_email_is_not_emailed(workbench, rate):
    from spoc_xblocks.common.recipients import set_opt_out

    took_after(rate, "alice", days_ago=91)
    took_after(rate, "chloe", days_ago=91)
    set_opt_out(SkillsResponse.objects.first().course_key, anonymous_id("chloe"), True)
    assert workbench.post(FOLLOWUP, "answer", "alice", followup_answer()).status_code == 200
    mail.outbox.clear()
    workbench.page(FOLLOWUP, TRAINER)
    assert invited() == []
    job = DeferredJob.objects.filter(task__endswith="send_invitations").get()
    assert (job.done, job.counts) == (1, {"declined": 1})


def test_with_workers_the_invitation_waits_for_the_day_it_opens(
    workbench, rate, celery_queue, django_capture_on_commit_callbacks
):
    """The follow-up registers when shown; a learner's after check then plans the job at the
    moment their follow-up opens; the worker emails them then, once."""
    with django_capture_on_commit_callbacks(execute=True):
        workbench.page(FOLLOWUP, TRAINER)
    assert FollowupPlan.objects.get().next_at is None and not DeferredJob.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        rate("alice")
        assert workbench.post(AFTER, "answer", "alice", {"levels": LEVELS_AFTER}).status_code == 200
    job = DeferredJob.objects.get()
    assert job.run_after > timezone.now() + timedelta(days=89)
    assert FollowupPlan.objects.get().next_at == job.run_after
    assert (
        "You will receive an email when it opens"
        in workbench.page(FOLLOWUP, "alice").content.decode()
    )
    ninety_one_days = timedelta(days=91)  # later: the worker receives the job at its time
    SkillsResponse.objects.filter(phase="after").update(answered=timezone.now() - ninety_one_days)
    DeferredJob.objects.filter(pk=job.pk).update(run_after=job.run_after - ninety_one_days)
    assert jobs.run_job(job.pk) and not jobs.run_job(job.pk)
    assert invited() == [["alice@example.com"]]
    assert FollowupInvitation.objects.get().job_id == job.pk


def test_a_job_taken_over_emails_no_one_twice(workbench, rate, celery_queue):
    for student in ("alice", "bruno", "chloe"):
        took_after(rate, student, days_ago=91)
    block = workbench.block_for(FOLLOWUP, TRAINER)
    from spoc_xblocks.engagement import followup

    job = jobs.queue_job(block, followup.send_invitations)
    progress = jobs.JobProgress(job)
    original = followup.email_each

    def dies_after_one(block_, job_, learners, compose, key):
        original(block_, job_, learners[:1], compose, key)
        raise RuntimeError("worker killed")

    followup.email_each = dies_after_one
    try:
        with pytest.raises(RuntimeError):
            followup.send_invitations(block, progress)
    finally:
        followup.email_each = original
    job.refresh_from_db()
    followup.send_invitations(block, jobs.JobProgress(job))
    assert sorted(address for (address,) in invited()) == [
        "alice@example.com",
        "bruno@example.com",
        "chloe@example.com",
    ]
