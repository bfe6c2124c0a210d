"""The package's Celery tasks, found by the LMS's Celery app as it finds every installed app's
`tasks` module (`autodiscover_tasks`). Task arguments are JSON, as the platform serialises them.

`acks_late`: a message is acknowledged once its job ran, so a worker that dies mid-way leaves it to
the broker; the job's own claim keeps a second delivery from running it twice. A new worker also
hands again, once their heartbeat has gone stale, the jobs that a dead worker left (`worker_ready`).
"""

from __future__ import annotations

from celery import shared_task
from celery.signals import worker_ready

from . import jobs


@shared_task(ignore_result=True, acks_late=True, reject_on_worker_lost=True)
def run_spoc_job(job_id: int) -> None:
    jobs.run_job(job_id)


@shared_task(ignore_result=True)
def rescue_spoc_jobs() -> int:
    return jobs.rescue_stale_jobs()


@worker_ready.connect
def rescue_after_start(**_kwargs) -> None:
    """Look for jobs a dead worker left once they can be told from live ones."""
    rescue_spoc_jobs.apply_async(countdown=jobs.stale_after().total_seconds())
