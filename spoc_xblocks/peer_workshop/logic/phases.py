"""The workshop's phases: which one is current (trainer switch or dates), and whether a learner may
submit now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

SETUP, SUBMISSION, REVIEW, GRADING, CLOSED = "setup", "submission", "review", "grading", "closed"
PHASES = (SETUP, SUBMISSION, REVIEW, GRADING, CLOSED)
LATE_ACCEPT, LATE_REFUSE = "accept", "refuse"


def phase_index(phase: str) -> int:
    return PHASES.index(phase)


def at_least(phase: str, reference: str) -> bool:
    return phase_index(phase) >= phase_index(reference)


@dataclass(frozen=True)
class Schedule:
    """The dates set in Studio; each one, once passed, moves the workshop on to the next phase."""

    submission_opens: datetime | None = None
    submission_due: datetime | None = None
    review_due: datetime | None = None
    close_date: datetime | None = None

    def boundaries(self):
        """(date, phase it opens) pairs, in phase order, for the dates that are set."""
        pairs = (
            (self.submission_opens, SUBMISSION),
            (self.submission_due, REVIEW),
            (self.review_due, GRADING),
            (self.close_date, CLOSED),
        )
        return [(when, phase) for when, phase in pairs if when is not None]


def effective_phase(stored: str, set_at: datetime | None, schedule: Schedule, now: datetime) -> str:
    """The phase in force now.

    The trainer's last switch (`stored`, made at `set_at`) holds, except that a date that passed
    after that switch moves the workshop forward to the phase it opens (never backwards): a trainer
    who reopens submissions after their deadline is not overruled by that same deadline."""
    phase = stored
    for when, target in schedule.boundaries():
        if (
            when <= now
            and (set_at is None or when > set_at)
            and phase_index(target) > phase_index(phase)
        ):
            phase = target
    return phase


def next_change(
    stored: str, set_at: datetime | None, schedule: Schedule, now: datetime
) -> datetime | None:
    """When a date will next move the workshop forward (`effective_phase` changes), or None."""
    current = effective_phase(stored, set_at, schedule, now)
    upcoming = [
        when
        for when, target in schedule.boundaries()
        if when > now
        and (set_at is None or when > set_at)
        and phase_index(target) > phase_index(current)
    ]
    return min(upcoming, default=None)


@dataclass(frozen=True)
class SubmitWindow:
    """Whether a learner may submit now, and whether the work would count as late."""

    allowed: bool
    late: bool
    reason: str  # "", "not_open", "closed", "late_refused"


def submit_window(
    phase: str,
    deadline: datetime | None,
    extension: datetime | None,
    late_policy: str,
    now: datetime,
) -> SubmitWindow:
    """May a learner submit now? `deadline` is the workshop's, `extension` the learner's own (it
    wins)."""
    personal = extension or deadline
    on_time = personal is None or now <= personal
    if extension is not None and now <= extension and phase != SETUP:
        return SubmitWindow(True, False, "")
    if phase == SETUP:
        return SubmitWindow(False, False, "not_open")
    if phase in (GRADING, CLOSED):
        return SubmitWindow(False, False, "closed")
    if phase == SUBMISSION and on_time:
        return SubmitWindow(True, False, "")
    if late_policy == LATE_ACCEPT:
        return SubmitWindow(True, True, "")
    return SubmitWindow(False, True, "late_refused")


def learner_deadline(
    phase: str, submitted: bool, reviews_left: int, schedule: Schedule, extension: datetime | None
) -> datetime | None:
    """What the learner must do next is due when: their submission, then their reviews, then
    nothing."""
    if not submitted:
        return extension or schedule.submission_due
    if reviews_left > 0 or (phase in (SETUP, SUBMISSION) and schedule.review_due is not None):
        return schedule.review_due
    return None
