"""Demo data for the cohort coach: the roster checks in over four weeks, the trainer replies, offers
slots and follows the flags, so the dashboard opens on several learners at risk for different
reasons.

Everything goes through the real handlers; then rows are moved back in time (check-ins, their
activity records, replies) with queryset updates to build the four weeks of history.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from spoc_xblocks.cohort_coach.models import CheckIn, Flag, Goal, Message, Nudge, Slot
from spoc_xblocks.common import process_memo
from spoc_xblocks.common.models import ActivityRecord, BlockProgress
from spoc_xblocks.dev.services import anonymous_id_for

SCENARIO = "spoc_cohort_coach.0"
WEEKS = 4
# Each learner's weekly check-ins, oldest first: (progress %, confidence, mood, blockers), None when
# skipped.
PLAN = {
    "alice": [(20, 3, "good", ""), (40, 4, "good", ""), (60, 4, "great", ""), (75, 5, "great", "")],
    "bruno": [(15, 3, "okay", ""), (30, 3, "good", ""), (45, 4, "good", ""), (55, 4, "good", "")],
    "chloe": [
        (25, 4, "good", ""),
        (35, 4, "okay", "Little time this week."),
        (50, 4, "good", ""),
        (65, 4, "good", ""),
    ],
    "david": [
        (30, 4, "good", ""),
        (45, 4, "okay", ""),
        (50, 3, "low", "The rubric is unclear to me."),
        (55, 2, "struggling", "I do not see how to apply the method to my own case."),
    ],
    "emma": [(20, 3, "okay", ""), (40, 3, "good", ""), (60, 4, "good", ""), (70, 4, "great", "")],
    "farid": [(10, 3, "okay", "Busy at work."), None, None, None],
    "giulia": [
        (20, 3, "good", ""),
        (35, 3, "okay", ""),
        (40, 3, "okay", "I am late on the workshop."),
        None,
    ],
    "hugo": [(15, 3, "okay", ""), (20, 2, "low", "Hard to find time."), None, None],
    "ines": [(30, 4, "good", ""), (50, 4, "great", ""), (65, 5, "great", ""), (80, 5, "great", "")],
    "jules": [(20, 3, "good", ""), (30, 3, "good", ""), (45, 3, "okay", ""), (60, 4, "good", "")],
    "karim": [None, None, None, None],
    "lea": [(25, 4, "great", ""), (40, 4, "good", ""), (55, 4, "good", ""), (70, 4, "good", "")],
}
REPLIES = {
    ("alice", 2): "Great progress, Alice: keep going.",
    ("david", 2): "Thanks David: which part of the rubric? Let us look at it together.",
    ("david", 3): "Book a one-to-one with me this week: we will apply the method to your case.",
}
GOALS = {
    "alice": "Finish the peer workshop a week early",
    "david": "Apply the method to one real customer case",
    "lea": "Score 80 % or more in the serious game",
}
INACTIVE = {"hugo": 12}  # days since the last activity of learners who went quiet


def _usage_id(scenarios: dict) -> str | None:
    scenario = scenarios.get(SCENARIO)
    return scenario.usage_id if scenario else None


def _answers(entry) -> dict:
    percent, confidence, mood, blockers = entry
    return {"progress": percent, "confidence": confidence, "mood": mood, "blockers": blockers}


def _move_back(usage_id: str, learner: str, days: int, period_shift: int) -> None:
    """Move a learner's check-in of the current period (and its activity record) `days` back."""
    anonymous_id = anonymous_id_for(learner)
    now = timezone.now()
    recent = now - timedelta(hours=1)
    checkins = CheckIn.objects.filter(
        usage_key=usage_id, learner_id=anonymous_id, created__gte=recent
    )
    checkins.update(
        created=now - timedelta(days=days), period=checkins.first().period - period_shift
    )
    ActivityRecord.objects.filter(
        usage_key=usage_id, learner_id=anonymous_id, verb="checkin_posted", created__gte=recent
    ).update(created=now - timedelta(days=days))


def _check_in(demo, usage_id: str) -> int:
    posted = 0
    for week in range(WEEKS):
        back = WEEKS - 1 - week
        for learner, weeks in PLAN.items():
            if (
                weeks[week] is None
                or demo.post(usage_id, "post_checkin", learner, _answers(weeks[week])) is None
            ):
                continue
            posted += 1
            if back:
                _move_back(usage_id, learner, 7 * back, back)
    return posted


def _reply(demo, usage_id: str) -> None:
    for (learner, week), text in REPLIES.items():
        checkins = CheckIn.objects.filter(usage_key=usage_id, learner_id=anonymous_id_for(learner))
        checkin = checkins.order_by("period")[week]
        demo.post(usage_id, "reply", "trainer", {"checkin_id": checkin.id, "body": text})
        Message.objects.filter(checkin=checkin).update(
            created=checkin.created + timedelta(hours=20)
        )


def _go_quiet() -> None:
    now = timezone.now()
    for learner, days in INACTIVE.items():
        since = now - timedelta(days=days)
        ActivityRecord.objects.filter(
            learner_id=anonymous_id_for(learner), created__gt=since
        ).update(created=since)


def _slots(demo, usage_id: str) -> None:
    start = (timezone.now() + timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    for offset, where in (
        (0, "Room 2"),
        (1, "https://meet.example.com/spoc-trainer"),
        (3, "Phone: +33 1 23 45 67 89"),
    ):
        demo.post(
            usage_id,
            "offer_slot",
            "trainer",
            {"starts": (start + timedelta(days=offset)).isoformat(), "minutes": 30, "where": where},
        )
    first = Slot.objects.filter(usage_key=usage_id).order_by("starts").first()
    if first:
        demo.post(usage_id, "book_slot", "alice", {"slot_id": first.id})


def _follow_up(demo, usage_id: str) -> None:
    """The trainer opens the dashboard (flags are raised), contacts two flagged learners, nudges a
    third."""
    demo.page(SCENARIO, "trainer")
    contacts = {
        "hugo": (5, "Called Hugo: busy at work, will catch up this weekend."),
        "farid": (3, "Emailed Farid about the missed check-ins."),
    }
    for learner, (days, note) in contacts.items():
        flag = Flag.objects.filter(usage_key=usage_id, learner_id=anonymous_id_for(learner)).first()
        if flag and demo.post(
            usage_id,
            "move_flag",
            "trainer",
            {"flag_id": flag.id, "status": "contacted", "note": note},
        ):
            Flag.objects.filter(id=flag.id).update(
                contacted_at=timezone.now() - timedelta(days=days)
            )
    demo.post(
        usage_id,
        "send_nudge",
        "trainer",
        {
            "target": "learner",
            "learner_id": anonymous_id_for("karim"),
            "message": "Hi Karim, welcome! Post your first check-in and tell me how the course "
            "is going.",
        },
    )


def seed(demo, scenarios: dict) -> str:
    usage_id = _usage_id(scenarios)
    if usage_id is None:
        return "cohort coach: no demo scenario"
    if CheckIn.objects.filter(usage_key=usage_id).exists():
        return "cohort coach: already seeded"
    posted = _check_in(demo, usage_id)
    for learner, goal in GOALS.items():
        demo.post(usage_id, "add_goal", learner, {"text": goal})
    _go_quiet()
    # The trainer's first read (a reply shows the learner's page) raises the flags: after the
    # history is built.
    _reply(demo, usage_id)
    _slots(demo, usage_id)
    _follow_up(demo, usage_id)
    process_memo.forget_all()  # the history was written back in time, under the trainer's reads
    flagged = Flag.objects.filter(usage_key=usage_id).count()
    return (
        f"cohort coach: {posted} check-ins by {len(PLAN)} learners over {WEEKS} weeks, "
        f"{flagged} learners flagged"
    )


def reset(scenarios: dict) -> None:
    usage_ids = [
        scenario.usage_id
        for name, scenario in scenarios.items()
        if name.startswith("spoc_cohort_coach.")
    ]
    for model in (CheckIn, Flag, Slot, Goal, Nudge):
        model.objects.filter(usage_key__in=usage_ids).delete()
    ActivityRecord.objects.filter(usage_key__in=usage_ids).delete()
    BlockProgress.objects.filter(usage_key__in=usage_ids).delete()
    process_memo.forget_all()
