"""Workshop state and participants: phase switches, groups, extensions, absences, reminders."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from spoc_xblocks.common.upsert import upsert

from ..models import Participant, Reminder, Workshop


@dataclass(frozen=True)
class ParticipantInfo:
    learner_id: str
    group: str = ""
    extension: datetime | None = None
    absent: bool = False
    started: bool = False


@dataclass(frozen=True)
class WorkshopState:
    phase: str
    phase_set_at: datetime | None
    seed: str
    allocated_at: datetime | None
    published_at: datetime | None
    member: ParticipantInfo | None = None  # the learner asked for, read in the same query
    phase_due_at: datetime | None = None


DEFAULT_STATE = WorkshopState(Workshop.SETUP, None, "", None, None)
MEMBER_FIELDS = ("group", "extension", "absent", "started")


def _state(row: Workshop, learner_id: str = "") -> WorkshopState:
    member = None
    if learner_id:
        found = getattr(row, "member_found", None)
        member = (
            ParticipantInfo(learner_id, *(getattr(row, f"member_{name}") for name in MEMBER_FIELDS))
            if found
            else ParticipantInfo(learner_id)
        )
    return WorkshopState(
        row.phase,
        row.phase_set_at,
        row.seed,
        row.allocated_at,
        row.published_at,
        member,
        row.phase_due_at,
    )


def workshop_state(usage_key: str, learner_id: str = "") -> WorkshopState:
    """The stored state, and one learner's place in the workshop when asked, in one query.

    A workshop nobody touched yet is in setup.
    """
    rows = Workshop.objects.filter(usage_key=usage_key)
    if learner_id:
        members = Participant.objects.filter(usage_key=OuterRef("usage_key"), learner_id=learner_id)
        rows = rows.annotate(
            member_found=Subquery(members.values("id")[:1]),
            **{f"member_{name}": Subquery(members.values(name)[:1]) for name in MEMBER_FIELDS},
        )
    row = rows.first()
    if row is None:
        return replace(
            DEFAULT_STATE, member=participant(usage_key, learner_id) if learner_id else None
        )
    return _state(row, learner_id)


def ensure_workshop(course_key: str, usage_key: str) -> WorkshopState:
    row = Workshop.objects.filter(usage_key=usage_key).first()
    if row is None:
        try:
            with transaction.atomic():
                row = Workshop.objects.create(
                    usage_key=usage_key, course_key=course_key, seed=secrets.token_hex(8)
                )
        except IntegrityError:
            row = Workshop.objects.get(usage_key=usage_key)
    return _state(row)


def switch_phase(usage_key: str, from_phase: str, to_phase: str, now: datetime) -> bool:
    """Move the workshop from one phase to another; False when another request moved it first."""
    return bool(
        Workshop.objects.filter(usage_key=usage_key, phase=from_phase).update(
            phase=to_phase, phase_set_at=now, updated=now
        )
    )


def mark(usage_key: str, **moments) -> None:
    """Record when the allocation ran or grades were published (allocated_at=...,
    published_at=...)."""
    Workshop.objects.filter(usage_key=usage_key).update(**moments)


# ---- participants --------------------------------------------------------------------------------


def participant(usage_key: str, learner_id: str) -> ParticipantInfo:
    row = Participant.objects.filter(usage_key=usage_key, learner_id=learner_id).first()
    return _participant(row) if row else ParticipantInfo(learner_id)


def _participant(row: Participant) -> ParticipantInfo:
    return ParticipantInfo(row.learner_id, row.group, row.extension, row.absent, row.started)


def participants(usage_key: str) -> dict[str, ParticipantInfo]:
    return {
        row.learner_id: _participant(row) for row in Participant.objects.filter(usage_key=usage_key)
    }


def _upsert(usage_key: str, learners, **values) -> None:
    fields = list(values)
    upsert(
        Participant,
        [Participant(usage_key=usage_key, learner_id=learner, **values) for learner in learners],
        ["usage_key", "learner_id"],
        fields,
    )


def set_groups(usage_key: str, groups: dict[str, str]) -> None:
    """Put learners in groups (label per learner), in one statement per distinct label."""
    by_label: dict[str, list[str]] = {}
    for learner, label in groups.items():
        by_label.setdefault(label, []).append(learner)
    for label, learners in by_label.items():
        _upsert(usage_key, learners, group=label)


def set_extension(usage_key: str, learner_id: str, when: datetime | None) -> None:
    _upsert(usage_key, [learner_id], extension=when)


def set_absent(usage_key: str, learner_id: str, absent: bool) -> None:
    _upsert(usage_key, [learner_id], absent=absent)


def mark_started(usage_key: str, learner_id: str) -> None:
    _upsert(usage_key, [learner_id], started=True)


# ---- reminders -----------------------------------------------------------------------------------


def add_reminders(usage_key: str, learner_ids, message: str) -> int:
    rows = Reminder.objects.bulk_create(
        [
            Reminder(usage_key=usage_key, learner_id=learner, message=message)
            for learner in learner_ids
        ]
    )
    return len(rows)


def open_reminders(usage_key: str, learner_id: str) -> list[dict]:
    return list(
        Reminder.objects.filter(usage_key=usage_key, learner_id=learner_id, dismissed_at=None)
        .order_by("created")
        .values("id", "message", "created")
    )


def dismiss_reminder(usage_key: str, learner_id: str, reminder_id: int) -> bool:
    return bool(
        Reminder.objects.filter(
            usage_key=usage_key, learner_id=learner_id, id=reminder_id, dismissed_at=None
        ).update(dismissed_at=timezone.now())
    )


def open_workshops(course_key: str) -> set[str]:
    """The course's workshops not closed yet: their learners' results come at the close, so
    their work is unfinished by design until then (the cohort coach reads this)."""
    return set(
        Workshop.objects.filter(course_key=course_key)
        .exclude(phase=Workshop.CLOSED)
        .values_list("usage_key", flat=True)
    )
