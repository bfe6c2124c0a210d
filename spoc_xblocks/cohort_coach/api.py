"""The public interface of cohort-coach persistence: check-ins and threads, goals, one-to-one slots,
flags, nudges.

Every write runs inside one transaction and leans on the database against duplicates (one check-in
per period, one learner per slot, one flag per round); conditional updates keep concurrent trainers
from moving a flag twice. Cohort reads take a fixed number of queries whatever the cohort size.
Functions return plain data.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Min, Prefetch
from django.utils import timezone

from spoc_xblocks.common.learner_rows import of_learners
from spoc_xblocks.common.markers import rows_marker

from .logic.cohort import CheckinSummary
from .logic.followup import MOVES
from .models import Booking, CheckIn, Flag, FlagNote, Goal, Message, Nudge, Slot

MAX_GOALS = 20
HISTORY_LIMIT = 26
SHOWN, SUPPRESSED = Nudge.SHOWN, Nudge.SUPPRESSED  # what became of a nudge (`mark_nudges`)
NOT_EMAILED = "none"  # a nudge's claim when its learner takes no email or has no address


class Conflict(Exception):
    """The write lost a race or breaks a rule of the data (already checked in, slot taken, flag
    moved)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class NotFound(Exception):
    """No such row in this block, or not one the caller may touch."""


# ---- check-ins and their threads -----------------------------------------------------------------

CHECKIN_FIELDS = ("progress", "confidence", "mood", "blockers", "help_wanted")


def _message(message: Message) -> dict:
    return {
        "id": message.id,
        "by_trainer": message.by_trainer,
        "body": message.body,
        "created": message.created,
    }


def _checkin(checkin: CheckIn, messages=None) -> dict:
    data = {
        name: getattr(checkin, name)
        for name in ("id", "learner_id", "period", *CHECKIN_FIELDS, "created")
    }
    data["messages"] = [_message(message) for message in (messages or [])]
    return data


def post_checkin(
    course_key: str, usage_key: str, learner_id: str, period: int, answers: dict
) -> dict:
    """Store a learner's check-in for a period; Conflict("already_checked_in") when the period has
    one, after which the caller's transaction can only be rolled back."""
    try:
        # savepoint=False: a refusal rolls back the whole request, so no savepoint (two queries) is
        # needed.
        with transaction.atomic(savepoint=False):
            checkin = CheckIn.objects.create(
                course_key=course_key,
                usage_key=usage_key,
                learner_id=learner_id,
                period=period,
                **{name: answers.get(name) for name in ("progress", "confidence")},
                **{name: answers.get(name) or "" for name in ("mood", "blockers", "help_wanted")},
            )
    except IntegrityError as error:
        raise Conflict("already_checked_in") from error
    return _checkin(checkin)


def learner_checkins(usage_key: str, learner_id: str, limit: int = HISTORY_LIMIT) -> list[dict]:
    """A learner's check-ins, newest first, each with its thread: two queries."""
    rows = (
        CheckIn.objects.filter(usage_key=usage_key, learner_id=learner_id)
        .order_by("-period")
        .prefetch_related(Prefetch("messages", queryset=Message.objects.order_by("created", "id")))[
            :limit
        ]
    )
    return [_checkin(checkin, checkin.messages.all()) for checkin in rows]


def add_message(
    usage_key: str, checkin_id: int, author_id: str, by_trainer: bool, body: str
) -> dict:
    """Add to a check-in's thread: trainers on any check-in of the block, a learner only on
    their own. The message comes back with its check-in and the whole thread."""
    checkins = CheckIn.objects.filter(usage_key=usage_key, id=checkin_id)
    if not by_trainer:
        checkins = checkins.filter(learner_id=author_id)
    checkin = checkins.first()
    if checkin is None:
        raise NotFound
    message = Message.objects.create(
        checkin=checkin, author_id=author_id, by_trainer=by_trainer, body=body
    )
    thread = checkin.messages.order_by("created", "id")
    return {**_message(message), "checkin": _checkin(checkin, thread)}


def checkins_marker(usage_key: str) -> tuple:
    """How many check-ins a block has and the newest: it changes whenever one is added or
    deleted."""
    return rows_marker(CheckIn.objects.filter(usage_key=usage_key), "id")


def checkins_since(usage_key: str, newest: int) -> list[str]:
    """The learner of each check-in added to a block after the one numbered `newest` (a
    `checkins_marker`), in one query."""
    return list(
        CheckIn.objects.filter(usage_key=usage_key, id__gt=newest).values_list(
            "learner_id", flat=True
        )
    )


def cohort_checkins(
    usage_key: str, since_period: int | None, recent_from: int, learner_ids=None
) -> dict[str, CheckinSummary]:
    """Every learner's check-in summary for a block (or those of `learner_ids`), in three queries.

    Periods are counted from `since_period` (all when None); the answers of periods from
    `recent_from` on are returned for the trend and the rules.
    """
    rows = of_learners(CheckIn.objects.filter(usage_key=usage_key), learner_ids)
    totals = {
        row["learner_id"]: row
        for row in rows.values("learner_id")
        .annotate(
            first_period=Min("period"), last_period=Max("period"), first_created=Min("created")
        )
        .order_by()
    }
    counted_rows = rows if since_period is None else rows.filter(period__gte=since_period)
    counted = dict(
        counted_rows.values("learner_id")
        .annotate(periods=Count("period"))
        .order_by()
        .values_list("learner_id", "periods")
    )
    recent: dict[str, list[dict]] = {}
    for row in (
        rows.filter(period__gte=recent_from)
        .order_by("period")
        .values("learner_id", "period", "confidence", "progress")
    ):
        recent.setdefault(row.pop("learner_id"), []).append(row)
    return {
        learner: CheckinSummary(
            periods=counted.get(learner, 0),
            first_period=total["first_period"],
            last_period=total["last_period"],
            first_created=total["first_created"],
            recent=tuple(recent.get(learner, ())),
        )
        for learner, total in totals.items()
    }


# ---- goals ---------------------------------------------------------------------------------------


def _goal(goal: Goal) -> dict:
    return {
        "id": goal.id,
        "text": goal.text,
        "target": goal.target,
        "done": goal.done_at is not None,
        "done_at": goal.done_at,
        "created": goal.created,
    }


def learner_goals(usage_key: str, learner_id: str) -> list[dict]:
    goals = Goal.objects.filter(usage_key=usage_key, learner_id=learner_id).order_by(
        "done_at", "created", "id"
    )
    return [_goal(goal) for goal in goals]


def add_goal(
    course_key: str, usage_key: str, learner_id: str, text: str, target: date | None
) -> dict:
    if Goal.objects.filter(usage_key=usage_key, learner_id=learner_id).count() >= MAX_GOALS:
        raise Conflict("too_many_goals")
    return _goal(
        Goal.objects.create(
            course_key=course_key,
            usage_key=usage_key,
            learner_id=learner_id,
            text=text,
            target=target,
        )
    )


def set_goal_done(usage_key: str, learner_id: str, goal_id: int, done: bool) -> None:
    changed = Goal.objects.filter(usage_key=usage_key, learner_id=learner_id, id=goal_id).update(
        done_at=timezone.now() if done else None
    )
    if not changed:
        raise NotFound


def delete_goal(usage_key: str, learner_id: str, goal_id: int) -> None:
    deleted, _kinds = Goal.objects.filter(
        usage_key=usage_key, learner_id=learner_id, id=goal_id
    ).delete()
    if not deleted:
        raise NotFound


# ---- one-to-one slots ----------------------------------------------------------------------------


def _slot(slot: Slot) -> dict:
    booking = getattr(slot, "booking", None)
    return {
        "id": slot.id,
        "starts": slot.starts,
        "ends": slot.ends,
        "where": slot.where,
        "learner_id": booking.learner_id if booking else None,
    }


def offer_slot(
    course_key: str, usage_key: str, trainer_id: str, starts: datetime, ends: datetime, where: str
) -> dict:
    try:
        with transaction.atomic():
            slot = Slot.objects.create(
                course_key=course_key,
                usage_key=usage_key,
                trainer_id=trainer_id,
                starts=starts,
                ends=ends,
                where=where,
            )
    except IntegrityError as error:
        raise Conflict("slot_exists") from error
    return _slot(slot)


def cancel_slot(usage_key: str, slot_id: int) -> str | None:
    """Withdraw a slot (and its booking); return the learner who had booked it, if any."""
    slot = Slot.objects.filter(usage_key=usage_key, id=slot_id).select_related("booking").first()
    if slot is None:
        raise NotFound
    learner = _slot(slot)["learner_id"]
    slot.delete()
    return learner


def upcoming_slots(usage_key: str, now: datetime) -> list[dict]:
    """Every slot not yet over, with who booked it: one query."""
    slots = Slot.objects.filter(usage_key=usage_key, ends__gt=now).select_related("booking")
    return [_slot(slot) for slot in slots]


def slot(usage_key: str, slot_id: int) -> dict:
    found = Slot.objects.filter(usage_key=usage_key, id=slot_id).select_related("booking").first()
    if found is None:
        raise NotFound
    return _slot(found)


def book_slot(usage_key: str, learner_id: str, slot_id: int, now: datetime) -> dict:
    """Book a free, future slot for a learner who has no other upcoming booking in the block.

    The one-to-one key on the booking settles a race: of two learners booking at once, one gets
    Conflict("slot_taken").
    """
    target = Slot.objects.filter(usage_key=usage_key, id=slot_id, starts__gt=now).first()
    if target is None:
        raise NotFound
    if Booking.objects.filter(
        slot__usage_key=usage_key, learner_id=learner_id, slot__ends__gt=now
    ).exists():
        raise Conflict("already_booked")
    try:
        with transaction.atomic():
            Booking.objects.create(slot=target, learner_id=learner_id)
    except IntegrityError as error:
        raise Conflict("slot_taken") from error
    return {**_slot(target), "learner_id": learner_id}


def cancel_booking(usage_key: str, learner_id: str, slot_id: int) -> None:
    deleted, _kinds = Booking.objects.filter(
        slot__usage_key=usage_key, slot_id=slot_id, learner_id=learner_id
    ).delete()
    if not deleted:
        raise NotFound


# ---- flags ---------------------------------------------------------------------------------------

FLAG_FIELDS = (
    "id",
    "learner_id",
    "round",
    "status",
    "reasons",
    "opened_at",
    "contacted_at",
    "resolved_at",
)


def _flag(flag: Flag | dict) -> dict:
    data = flag if isinstance(flag, dict) else {name: getattr(flag, name) for name in FLAG_FIELDS}
    return {**data, "reason_codes": [reason["code"] for reason in data["reasons"]]}


def flags_marker(usage_key: str) -> tuple:
    """How many flags a block has and the newest change: it changes whenever one is opened or
    moved."""
    return rows_marker(Flag.objects.filter(usage_key=usage_key), "updated")


def latest_flags(usage_key: str) -> dict[str, dict]:
    """Each learner's latest flag in the block (any status), in one query."""
    latest = {}
    for flag in (
        Flag.objects.filter(usage_key=usage_key)
        .order_by("learner_id", "round")
        .values(*FLAG_FIELDS)
    ):
        latest[flag["learner_id"]] = flag
    return {learner: _flag(flag) for learner, flag in latest.items()}


def contacted_flags(usage_key: str) -> list[dict]:
    """Every flag the trainer acted on (contacted, possibly resolved since), for the follow-up
    figures."""
    return [
        _flag(flag)
        for flag in Flag.objects.filter(usage_key=usage_key, contacted_at__isnull=False).values(
            *FLAG_FIELDS
        )
    ]


def save_flags(
    course_key: str, usage_key: str, new: dict[str, tuple[int, list]], widened: dict[int, list]
) -> bool:
    """Open flags for learners newly at risk ({learner: (round, reasons)}) and widen open flags'
    reasons.

    One query each; a flag another request opened at the same moment is kept (same round, ignored).
    Return True when anything was written.
    """
    if new:
        Flag.objects.bulk_create(
            [
                Flag(
                    course_key=course_key,
                    usage_key=usage_key,
                    learner_id=learner,
                    round=round_,
                    reasons=reasons,
                )
                for learner, (round_, reasons) in new.items()
            ],
            ignore_conflicts=True,
        )
    if widened:
        flags = list(Flag.objects.filter(usage_key=usage_key, id__in=list(widened)))
        now = timezone.now()
        for flag in flags:
            flag.reasons, flag.updated = widened[flag.id], now
        Flag.objects.bulk_update(flags, ["reasons", "updated"])
    return bool(new or widened)


def move_flag(usage_key: str, flag_id: int, target: str, author_id: str, note: str) -> dict:
    """Move a flag along its life cycle (open -> contacted -> resolved), with an optional trainer
    note.

    Conflict("flag_moved") when the flag is no longer where the move starts from (another trainer
    moved it).
    """
    flag = Flag.objects.filter(usage_key=usage_key, id=flag_id).first()
    if flag is None:
        raise NotFound
    if target not in MOVES.get(flag.status, ()):
        raise Conflict("flag_moved")
    now = timezone.now()
    stamp = {"contacted_at": now} if target == Flag.CONTACTED else {"resolved_at": now}
    if not Flag.objects.filter(id=flag.id, status=flag.status).update(
        status=target, updated=now, **stamp
    ):
        raise Conflict("flag_moved")
    if note:
        FlagNote.objects.create(flag=flag, author_id=author_id, status=target, body=note)
    flag.refresh_from_db()
    return _flag(flag)


def add_flag_note(usage_key: str, flag_id: int, author_id: str, note: str) -> str:
    """Keep a trainer's note on a flag; return the flag's learner."""
    flag = Flag.objects.filter(usage_key=usage_key, id=flag_id).first()
    if flag is None:
        raise NotFound
    FlagNote.objects.create(flag=flag, author_id=author_id, status="", body=note)
    return flag.learner_id


def learner_flags(usage_key: str, learner_id: str) -> list[dict]:
    """A learner's flags, newest first, each with its trainer-only notes: two queries."""
    flags = (
        Flag.objects.filter(usage_key=usage_key, learner_id=learner_id)
        .order_by("-round")
        .prefetch_related("notes")
    )
    return [
        {
            **_flag(flag),
            "notes": [
                {"body": note.body, "status": note.status, "created": note.created}
                for note in flag.notes.all()
            ],
        }
        for flag in flags
    ]


# ---- nudges --------------------------------------------------------------------------------------


def _nudge(nudge: Nudge) -> dict:
    return {
        "id": nudge.id,
        "learner_id": nudge.learner_id,
        "message": nudge.message,
        "status": nudge.status,
        "queued_at": nudge.queued_at,
        "emailed_at": nudge.emailed_at,
        "shown_at": nudge.shown_at,
    }


def queue_nudges(
    course_key: str,
    usage_key: str,
    learner_ids,
    message: str,
    queued_by: str,
    email_due: datetime | None,
) -> int:
    """Queue one nudge per learner, in one query; `email_due` None means no email."""
    created = Nudge.objects.bulk_create(
        [
            Nudge(
                course_key=course_key,
                usage_key=usage_key,
                learner_id=learner,
                message=message,
                queued_by=queued_by,
                email_due=email_due,
            )
            for learner in learner_ids
        ]
    )
    return len(created)


def waiting_nudges(usage_key: str, learner_ids) -> set[str]:
    """The learners among `learner_ids` with a nudge still waiting for their next visit."""
    return set(
        Nudge.objects.filter(
            usage_key=usage_key, learner_id__in=list(learner_ids), status=Nudge.QUEUED
        ).values_list("learner_id", flat=True)
    )


def pending_nudges(usage_key: str, learner_id: str) -> list[dict]:
    """The learner's nudges not yet shown nor dropped, oldest first."""
    nudges = Nudge.objects.filter(
        usage_key=usage_key, learner_id=learner_id, status=Nudge.QUEUED
    ).order_by("id")
    return [_nudge(nudge) for nudge in nudges]


def mark_nudges(ids: list[int], status: str, now: datetime) -> None:
    """Mark queued nudges as shown or suppressed (a nudge already moved on keeps its status)."""
    if ids:
        stamp = {"shown_at": now} if status == Nudge.SHOWN else {}
        Nudge.objects.filter(id__in=ids, status=Nudge.QUEUED).update(status=status, **stamp)


def due_emails(usage_key: str, now: datetime, limit: int, claim: str) -> list[dict]:
    """Queued nudges whose email is due and not sent, unclaimed or claimed by `claim`."""
    nudges = Nudge.objects.filter(
        usage_key=usage_key,
        email_due__lte=now,
        emailed_at__isnull=True,
        claim__in=("", claim),
        status=Nudge.QUEUED,
    ).order_by("id")[:limit]
    return [_nudge(nudge) for nudge in nudges]


def claim_email(nudge_id: int, claim: str) -> bool:
    """Claim a nudge's email for sending (one conditional update): True when it is now `claim`'s,
    unclaimed before or claimed by the same job (taken over from a dead worker)."""
    return bool(
        Nudge.objects.filter(
            id=nudge_id, claim__in=("", claim), emailed_at__isnull=True, status=Nudge.QUEUED
        ).update(claim=claim)
    )


def set_email_claim(ids: list[int], claim: str) -> None:
    if ids:
        Nudge.objects.filter(id__in=ids, emailed_at__isnull=True).update(claim=claim)


def mark_emailed(ids: list[int], now: datetime) -> None:
    if ids:
        Nudge.objects.filter(id__in=ids).update(emailed_at=now)


def latest_nudges(usage_key: str) -> dict[str, dict]:
    """Each learner's latest nudge in the block, in one query."""
    latest = {}
    for nudge in Nudge.objects.filter(usage_key=usage_key).order_by("learner_id", "id"):
        latest[nudge.learner_id] = nudge
    return {learner: _nudge(nudge) for learner, nudge in latest.items()}


# ---- deleting a learner's data ------------------------------------------------------------


def forget_learner(usage_key: str, learner_id: str) -> int:
    """Delete a learner's data of the block: check-ins with their threads, goals, flags with their
    notes, nudges, and bookings (their slots are free again). How many rows went, in a fixed number
    of queries."""
    deleted = (
        Booking.objects.filter(slot__usage_key=usage_key, learner_id=learner_id),
        *(
            model.objects.filter(usage_key=usage_key, learner_id=learner_id)
            for model in (CheckIn, Goal, Flag, Nudge)
        ),
    )
    return sum(queryset.delete()[0] for queryset in deleted)
