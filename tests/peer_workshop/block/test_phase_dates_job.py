"""A date moves the workshop on even if nobody visits then: the first view of the published
workshop plans a job for its next date; the worker moves it on at that date, and plans the next;
a date the author changed since supersedes the job of the old one."""

from datetime import timedelta

from django.utils import timezone

from spoc_xblocks.common import jobs
from spoc_xblocks.common.models import DeferredJob
from spoc_xblocks.peer_workshop.models import Workshop

PHASE_JOB = "change_phase_at_its_date"


def planned_jobs():
    return list(
        DeferredJob.objects.filter(task__endswith=PHASE_JOB)
        .order_by("pk")
        .values_list("pk", "run_after", "status")
    )


def later(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_the_submission_deadline_opens_reviews_on_the_worker_with_nobody_visiting(
    workshop, celery_queue, django_capture_on_commit_callbacks, monkeypatch
):
    due = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    review_due = due + timedelta(days=3)
    workshop.configure(submission_due=due, review_due=review_due)
    workshop.phase("submission")
    with django_capture_on_commit_callbacks(execute=True):
        workshop.page("alice")
        workshop.page("bruno")
    [(job_id, run_after, status)] = planned_jobs()
    assert (run_after, status) == (due, "queued")
    assert Workshop.objects.get().phase_due_at == due

    later(monkeypatch, due + timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.run_job(job_id)
    assert Workshop.objects.get().phase == "review"
    assert [row[1:] for row in planned_jobs()] == [(due, "done"), (review_due, "queued")]


def test_a_date_changed_since_supersedes_the_old_dates_job(
    workshop, celery_queue, django_capture_on_commit_callbacks, monkeypatch
):
    due = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    workshop.configure(submission_due=due)
    workshop.phase("submission")
    with django_capture_on_commit_callbacks(execute=True):
        workshop.page("alice")
    [(old_job, _when, _status)] = planned_jobs()
    moved = due + timedelta(days=2)
    workshop.configure(submission_due=moved)
    with django_capture_on_commit_callbacks(execute=True):
        workshop.page("alice")
    assert [row[1] for row in planned_jobs()] == [due, moved]

    later(monkeypatch, due + timedelta(minutes=1))
    assert jobs.run_job(old_job)
    assert Workshop.objects.get().phase == "submission", "the old date no longer counts"


def test_without_workers_the_date_still_acts_at_the_next_view(workshop):
    due = timezone.now() - timedelta(minutes=5)
    workshop.configure(submission_due=due)
    workshop.phase("submission")
    Workshop.objects.update(phase_set_at=due - timedelta(hours=1))
    workshop.page("alice")
    assert Workshop.objects.get().phase == "review"
