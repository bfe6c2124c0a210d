"""Work done after the request that asks for it: on the platform's Celery workers where the site
runs them, at once otherwise (the workbench; `tutor dev`, which runs tasks eagerly).

A job is a row (`DeferredJob`) naming a function `fn(block, job)` of this package, the block's
snapshot and the job's parameters. Whoever runs it first claims it with a conditional update, so a
job queued twice, or delivered twice by the broker, runs once; a job whose worker died (no heartbeat
for `stale_after()`) is claimed again, and its function carries on from what it recorded as done.
The function reports its progress through `JobProgress`, which the trainer's pages read.
"""

from __future__ import annotations

import functools
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Q, Subquery
from django.utils import timezone
from django.utils.module_loading import import_string

from .detached import block_from_snapshot, block_snapshot
from .models import DeferredJob

log = logging.getLogger(__name__)

PACKAGE_PREFIX = "spoc_xblocks."
RUN_JOB_TASK = "spoc_xblocks.common.tasks.run_spoc_job"
STALE_AFTER_SECONDS = 120


def stale_after() -> timedelta:
    """How long a running job may stay silent before another worker takes it over."""
    return timedelta(seconds=getattr(settings, "SPOC_JOB_STALE_SECONDS", STALE_AFTER_SECONDS))


def celery_runs_tasks() -> bool:
    """Whether the site hands tasks to Celery workers: Celery is there with a broker (the LMS; Tutor
    runs `lms-worker`) and does not run tasks eagerly (`tutor dev` does, in the request). Otherwise
    a job runs in the request that queued it, which is what eager Celery would do."""
    if getattr(settings, "CELERY_ALWAYS_EAGER", False):
        return False
    try:
        import celery  # noqa: F401 (the platform's; the workbench may not have it)
    except ImportError:
        return False
    return bool(getattr(settings, "BROKER_URL", "") or getattr(settings, "CELERY_BROKER_URL", ""))


def queue_job(
    block, function, params: dict | None = None, *, run_after=None, total: int = 0
) -> DeferredJob:
    """Record a job for `function(block, job)` and hand it to a worker once the request's
    transaction commits (at once when none is open, as in the LMS's XBlock handlers); without
    workers, run it now. `total`, when known, is how many items the trainer will see it go
    through."""
    job = DeferredJob.objects.create(
        task=_path(function),
        course_key=block.course_key,
        usage_key=block.usage_key,
        block=block_snapshot(block),
        params=params or {},
        run_after=run_after,
        total=total,
    )
    if celery_runs_tasks():
        transaction.on_commit(functools.partial(dispatch, job.pk, run_after))
    else:
        dispatch(job.pk, run_after)  # inside the request's own transaction, as before it existed
    return job


def dispatch(job_id: int, run_after: datetime | None = None) -> None:
    """Send the job to Celery, or run it here when the site has no workers (or the broker cannot be
    reached: the work is done late rather than never)."""
    if celery_runs_tasks():
        from celery import current_app

        try:
            # By name: the workers know the task (tasks.py, found by the site's Celery app).
            current_app.send_task(RUN_JOB_TASK, args=[job_id], eta=run_after)
            return
        except Exception:
            log.exception("Could not queue job %s; running it in this request.", job_id)
    elif run_after and run_after > timezone.now():
        return  # no worker to wait for the date: the block's next view does it (see run_due_jobs)
    run_job(job_id)


def _claim(job_id: int, now: datetime) -> bool:
    """Take the job: queued and due, or running with a silent worker."""
    claimable = Q(status=DeferredJob.QUEUED) | Q(
        status=DeferredJob.RUNNING, heartbeat__lt=now - stale_after()
    )
    due = Q(run_after__isnull=True) | Q(run_after__lte=now)
    return bool(
        DeferredJob.objects.filter(claimable, due, pk=job_id).update(
            status=DeferredJob.RUNNING, heartbeat=now, attempts=F("attempts") + 1
        )
    )


def run_job(job_id: int) -> bool:
    """Run a job unless someone else has it or it is done; True when it ran here."""
    if not _claim(job_id, timezone.now()):
        return False
    job = DeferredJob.objects.get(pk=job_id)
    if not job.task.startswith(PACKAGE_PREFIX):
        _finish(job_id, DeferredJob.FAILED, f"Not a function of this package: {job.task}")
        return True
    try:
        function = import_string(job.task)
        function(block_from_snapshot(job.block), JobProgress(job))
    except Exception as error:
        log.exception("Job %s (%s) failed.", job_id, job.task)
        _finish(job_id, DeferredJob.FAILED, str(error) or type(error).__name__)
    else:
        _finish(job_id, DeferredJob.DONE)
    return True


def _finish(job_id: int, status: str, error: str = "") -> None:
    DeferredJob.objects.filter(pk=job_id).update(
        status=status, error=error[:2000], finished=timezone.now(), heartbeat=timezone.now()
    )


def run_due_jobs(usage_key: str) -> int:
    """Without workers, a dated job runs at the block's first view after its date; return how many
    ran."""
    if celery_runs_tasks():
        return 0
    due = DeferredJob.objects.filter(
        usage_key=usage_key, status=DeferredJob.QUEUED, run_after__lte=timezone.now()
    ).values_list("pk", flat=True)
    return sum(run_job(job_id) for job_id in list(due))


def rescue_stale_jobs() -> int:
    """Hand again to a worker every job a dead worker left behind, and every queued job whose time
    has long come (its message was lost); return how many."""
    limit = timezone.now() - stale_after()
    stale = DeferredJob.objects.filter(
        Q(status=DeferredJob.RUNNING, heartbeat__lt=limit)
        | Q(status=DeferredJob.QUEUED, created__lt=limit, run_after__isnull=True)
        | Q(status=DeferredJob.QUEUED, run_after__lt=limit)
    ).values_list("pk", flat=True)
    jobs = list(stale)
    for job_id in jobs:
        dispatch(job_id)
    return len(jobs)


def _path(function) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def latest_job(usage_key: str, function) -> DeferredJob | None:
    """The block's most recent job of this function (what the trainer's page reports)."""
    return latest_jobs(usage_key, [function])[function]


def latest_jobs(usage_key: str, functions) -> dict:
    """The block's most recent job of each of these functions (None where it has none), in one
    query."""
    paths = {_path(function): function for function in functions}
    last = (
        DeferredJob.objects.filter(usage_key=usage_key, task__in=list(paths))
        .values("task")
        .annotate(last=Max("pk"))
        .values("last")
    )
    found = {job.task: job for job in DeferredJob.objects.filter(pk__in=Subquery(last))}
    return {function: found.get(path) for path, function in paths.items()}


class JobProgress:
    """What a job's function tells about its progress; each call is one UPDATE, and a sign of life
    that keeps other workers off it. Call it inside the transaction of the step it reports, so that
    the count and the work commit (or vanish) together."""

    def __init__(self, job: DeferredJob):
        self.job = job

    @property
    def params(self) -> dict:
        return self.job.params

    def start(self, remaining: int) -> None:
        """Say how many items are left: the job's total is those done so far and these (a worker
        taking over a dead one's job finds fewer)."""
        DeferredJob.objects.filter(pk=self.job.pk).update(
            total=F("done") + remaining, heartbeat=timezone.now()
        )

    def advance(self, done: int = 1, **counts: int) -> None:
        """Count `done` more items, and add to named counts ("sent", "suppressed", …)."""
        with transaction.atomic():
            row = DeferredJob.objects.select_for_update().get(pk=self.job.pk)
            merged = dict(row.counts)
            for name, value in counts.items():
                merged[name] = merged.get(name, 0) + value
            DeferredJob.objects.filter(pk=self.job.pk).update(
                done=F("done") + done, counts=merged, heartbeat=timezone.now()
            )
