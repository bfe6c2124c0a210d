"""The skills check's follow-up invitations: each learner is emailed once when their follow-up
opens, by a job on the platform's workers planned for that moment.

A follow-up block registers itself (`FollowupPlan`) whenever it is shown, with what a worker needs
to make it again; an after check's answer then plans the invitations of its check's follow-ups for
the moment they open for that learner. Without workers (the workbench), the invitations due go out
when the follow-up is next shown.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Min
from django.utils import timezone

from spoc_xblocks.common.detached import block_from_snapshot, block_snapshot
from spoc_xblocks.common.jobs import celery_runs_tasks, latest_job, queue_job, stale_after
from spoc_xblocks.common.notify import email_each, email_report, opt_out_text
from spoc_xblocks.common.times import parse_day, time_html

from .logic.skills import AFTER, followup_opens
from .models import FollowupInvitation, FollowupPlan, SkillsResponse


def _opening_day(block):
    return parse_day(block.followup_date) if block.followup_date else None


def _after_answers(block):
    return SkillsResponse.objects.filter(
        course_key=block.course_key, check_id=block.check_id, phase=AFTER
    )


def due_learners(block, now: datetime) -> list[str]:
    """The learners whose follow-up has opened who were neither invited yet nor answered it (those
    who took the after check: they finished the course)."""
    day = _opening_day(block)
    answers = _after_answers(block)
    if day is not None:
        if followup_opens(None, 0, day) > now:
            return []
    else:
        answers = answers.filter(answered__lte=now - timedelta(days=block.followup_days))
    invited = FollowupInvitation.objects.filter(usage_key=block.usage_key).values("learner_id")
    answered = SkillsResponse.objects.filter(usage_key=block.usage_key).values("learner_id")
    return sorted(
        set(
            answers.exclude(learner_id__in=invited)
            .exclude(learner_id__in=answered)
            .values_list("learner_id", flat=True)
        )
    )


def next_opening(block, now: datetime) -> datetime | None:
    """When the follow-up next opens for a learner it has not opened for yet."""
    day = _opening_day(block)
    if day is not None:
        opens = followup_opens(None, 0, day)
        return opens if opens > now else None
    delay = timedelta(days=block.followup_days)
    first = _after_answers(block).filter(answered__gt=now - delay).aggregate(first=Min("answered"))
    return None if first["first"] is None else first["first"] + delay


def plan_invitations(block, now: datetime) -> None:
    """Keep the follow-up registered and its invitations planned: at once for learners already
    due, else at the next opening. Without workers, send those due now."""
    registered = {
        "course_key": block.course_key,
        "check_id": block.check_id,
        "block": block_snapshot(block),
    }
    plan = FollowupPlan.objects.filter(usage_key=block.usage_key).first()
    if plan is None or any(getattr(plan, name) != value for name, value in registered.items()):
        plan, _created = FollowupPlan.objects.update_or_create(
            usage_key=block.usage_key, defaults=registered
        )
    if not celery_runs_tasks():
        if due_learners(block, now):
            queue_job(block, send_invitations)
        return
    wanted = now if due_learners(block, now) else next_opening(block, now)
    _plan_at(plan, block, wanted, now)


def after_check_answered(course_key: str, check_id: str, answered: datetime) -> None:
    """A learner took the after check: plan the invitation of each follow-up of that check for the
    moment it opens for them (when no earlier run is planned)."""
    if not celery_runs_tasks():
        return
    for plan in FollowupPlan.objects.filter(course_key=course_key, check_id=check_id):
        block = block_from_snapshot(plan.block)
        day = _opening_day(block)
        _plan_at(plan, block, followup_opens(answered, block.followup_days, day), answered)


def _plan_at(plan: FollowupPlan, block, wanted: datetime | None, now: datetime) -> None:
    """Queue the invitations job for `wanted` unless a run is planned no later: still ahead, or
    due so recently that its job is still on its way (a job whose worker died is taken over)."""
    if wanted is None:
        return
    if plan.next_at is not None and now - stale_after() < plan.next_at <= wanted:
        return
    FollowupPlan.objects.filter(pk=plan.pk).update(next_at=wanted)
    queue_job(block, send_invitations, run_after=wanted if wanted > now else None)


def send_invitations(block, job) -> None:
    """The job: email every learner whose follow-up has opened, once, then plan the next run.

    The learners are taken on by recording their invitation first (one row each, kept by whoever
    records it first); a worker taking over this job finds the same learners and carries on after
    those it emailed."""
    now = timezone.now()
    FollowupInvitation.objects.bulk_create(
        [
            FollowupInvitation(usage_key=block.usage_key, learner_id=learner, job_id=job.job.pk)
            for learner in due_learners(block, now)
        ],
        ignore_conflicts=True,
    )
    learners = sorted(
        FollowupInvitation.objects.filter(usage_key=block.usage_key, job_id=job.job.pk).values_list(
            "learner_id", flat=True
        )
    )
    job.start(len(learners) - job.job.done)

    def compose():
        subject = block.gettext("Your follow-up is open: {title}").format(title=block.display_name)
        body = block.gettext(
            "A few months have passed since the course: the follow-up “{title}” is now open for "
            "you in the course. It takes a few minutes: rate yourself again and tell your trainer "
            "how you use what you learned at work."
        ).format(title=block.display_name)
        return subject, "\n\n".join([body, opt_out_text(block)])

    email_each(block, job, learners, compose, "followup")
    plan = FollowupPlan.objects.filter(usage_key=block.usage_key).first()
    if celery_runs_tasks() and plan is not None:
        now = timezone.now()
        if plan.next_at is not None and plan.next_at <= now:
            plan.next_at = None  # this run was it
        _plan_at(plan, block, next_opening(block, now), now)


def invitations_report(block) -> dict:
    """For the trainer: what became of the invitations sent so far, and when the next go out."""
    plan = FollowupPlan.objects.filter(usage_key=block.usage_key).first()
    return {
        "sent": email_report(block, latest_job(block.usage_key, send_invitations)),
        "next_html": time_html(plan.next_at)
        if plan and plan.next_at and plan.next_at > timezone.now()
        else "",
    }
