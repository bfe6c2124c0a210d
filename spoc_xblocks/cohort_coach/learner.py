"""The learner's view: this period's check-in, their history with the trainer's replies, their
goals, their next one-to-one, and the trainer's nudges at their next visit."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from spoc_xblocks.common import activity as activity_log
from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.jobs import run_due_jobs
from spoc_xblocks.common.payloads import Day, Integer, String
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.common.text import _
from spoc_xblocks.common.times import day_html, parse_day, time_html

from . import api, workflow
from .logic.cohort import CHECKIN_VERB
from .logic.followup import nudge_suppressed
from .logic.phrases import confidence_labels, mood_labels
from .workflow import TEXT_LIMIT

MOODS = ("great", "good", "okay", "low", "struggling")
CHECKIN_SHAPE = {
    "progress": Integer(minimum=0, maximum=100, required=False),
    "confidence": Integer(minimum=1, maximum=5, required=False),
    "mood": String(choices=MOODS, required=False),
    "blockers": String(max_length=TEXT_LIMIT, required=False),
    "help": String(max_length=TEXT_LIMIT, required=False),
}
REPLY_SHAPE = {"checkin_id": Integer(minimum=1), "body": String(max_length=TEXT_LIMIT)}
GOAL_SHAPE = {"text": String(max_length=300), "target": Day(label=_("Target date (optional)"))}
GOAL_ID_SHAPE = {"goal_id": Integer(minimum=1)}
GOAL_DONE_SHAPE = {"goal_id": Integer(minimum=1), "done": Integer(minimum=0, maximum=1)}
SLOT_SHAPE = {"slot_id": Integer(minimum=1)}


def _answer_format(shape) -> dict:
    if isinstance(shape, Integer):
        return {"kind": "number", "minimum": shape.minimum, "maximum": shape.maximum}
    if shape.choices:
        return {"kind": "choice", "options": list(shape.choices)}
    return {"kind": "text", "max_length": shape.max_length}


def checkin_questions(question_ids: list[str]) -> list[dict]:
    """The check-in's questions as plain data for clients that draw their own form (the mobile
    apps), in form order: [{"id": "confidence", "required": False, "kind": "number", "minimum": 1,
    "maximum": 5}, ...].

    Read from the shape `post_checkin` checks, so the bounds a client is told are the ones the
    server enforces. No labels: the data is collected once per course, not in each learner's
    language.
    """
    return [
        {
            "id": question,
            "required": CHECKIN_SHAPE[question].required,
            **_answer_format(CHECKIN_SHAPE[question]),
        }
        for question in question_ids
    ]


class LearnerMixin:
    """The learner's page and handlers: check-ins, replies in the threads, goals, one-to-ones."""

    def learner_html(self, viewer, now=None) -> str:
        now = now or timezone.now()
        nudges = self._nudges_for_visit(viewer, now)
        checkins = api.learner_checkins(self.usage_key, viewer.anonymous_id)
        return render_template(
            self,
            "templates/learner.html",
            {
                "block_id": html_id(self),
                "display_name": self.display_name,
                "is_masquerading": viewer.is_masquerading,
                "nudges": [
                    {**nudge, "queued_html": time_html(nudge["queued_at"])} for nudge in nudges
                ],
                "checkin": self._checkin_html(viewer, now, checkins),
                "history": self._history_html(viewer, checkins),
                "goals": self._goals_html(viewer),
                "meeting": self._meeting_html(viewer, now),
                "email_preference": self.email_preference_html(viewer),
            },
        )

    def _nudges_for_visit(self, viewer, now) -> list[dict]:
        """The nudges this learner sees now (then marked seen); those that lost their point, the
        learner having been active since, are dropped."""
        run_due_jobs(self.usage_key)
        pending = api.pending_nudges(self.usage_key, viewer.anonymous_id)
        if not pending or not viewer.can_write:
            return pending
        last = activity_log.last_activity_of(self.course_key, [viewer.anonymous_id]).get(
            viewer.anonymous_id
        )
        dropped = [
            nudge
            for nudge in pending
            if nudge["emailed_at"] is None and nudge_suppressed(nudge["queued_at"], last)
        ]
        shown = [nudge for nudge in pending if nudge not in dropped]
        api.mark_nudges([nudge["id"] for nudge in dropped], api.SUPPRESSED, now)
        api.mark_nudges([nudge["id"] for nudge in shown], api.SHOWN, now)
        if shown or dropped:
            self.publish_event(
                "nudges_delivered",
                {
                    "shown": [nudge["id"] for nudge in shown],
                    "suppressed": [nudge["id"] for nudge in dropped],
                },
            )
        return shown

    # ---- sections --------------------------------------------------------------------------------

    def _checkin_html(self, viewer, now, checkins: list[dict]) -> str:
        """This period's form, or when the learner has answered it, when the next one opens."""
        cadence = workflow.cadence(self)
        period = cadence.period_of(now)
        posted = next((checkin for checkin in checkins if checkin["period"] == period), None)
        return render_template(
            self,
            "templates/learner_checkin.html",
            {
                "block_id": html_id(self),
                "posted": posted,
                "posted_html": time_html(posted["created"]) if posted else "",
                "period_start": time_html(cadence.start_of(period), with_time=False),
                "period_last_day": time_html(
                    cadence.end_of(period) - timedelta(days=1), with_time=False
                ),
                "next_opens": time_html(cadence.end_of(period), with_time=False),
                "questions": workflow.question_ids(self),
                "moods": list(mood_labels(self.gettext).items()),
                "confidences": list(confidence_labels(self.gettext).items()),
                "text_limit": TEXT_LIMIT,
                "can_write": viewer.can_write,
            },
        )

    def _history_html(self, viewer, checkins: list[dict]) -> str:
        return render_template(
            self,
            "templates/learner_history.html",
            {
                "block_id": html_id(self),
                "checkins": workflow.checkins_html(self, checkins, can_reply=viewer.can_write)
                if checkins
                else "",
            },
        )

    def _goals_html(self, viewer) -> str:
        goals = api.learner_goals(self.usage_key, viewer.anonymous_id)
        return render_template(
            self,
            "templates/learner_goals.html",
            {
                "block_id": html_id(self),
                "goals": [{**goal, "target_html": day_html(goal["target"])} for goal in goals],
                "can_write": viewer.can_write,
            },
        )

    def _meeting_html(self, viewer, now) -> str:
        """The learner's next one-to-one, or the free slots they can book."""
        slots = api.upcoming_slots(self.usage_key, now)
        booked = next((slot for slot in slots if slot["learner_id"] == viewer.anonymous_id), None)
        free = [slot for slot in slots if slot["learner_id"] is None and slot["starts"] > now]
        return render_template(
            self,
            "templates/learner_meeting.html",
            {
                "block_id": html_id(self),
                "booked": workflow.slot_view(self, booked) if booked else None,
                "free": [workflow.slot_view(self, slot) for slot in free],
                "can_write": viewer.can_write,
            },
        )

    def _redrawn(self, section: str, html: str, message: str) -> dict:
        """The answer that redraws one section of the page, confirms, and moves focus there."""
        return {"sections": {section: html}, "focus": section, "message": message}

    # ---- check-ins and their threads -------------------------------------------------------------

    def _answers(self, data) -> dict:
        """The answers to the questions this block asks; answering a question it does not ask is
        refused."""
        answers = {
            name: value.strip() if isinstance(value, str) else value for name, value in data.items()
        }
        answers = {name: value for name, value in answers.items() if value not in (None, "")}
        not_asked = [name for name in answers if name not in workflow.question_ids(self)]
        if not_asked:
            raise HandlerError(
                _("This check-in does not ask about '{name}'."),
                field=not_asked[0],
                name=not_asked[0],
            )
        if not answers:
            raise HandlerError(_("Answer at least one question before sending your check-in."))
        answers["help_wanted"] = answers.pop("help", "")
        return answers

    @spoc_handler(CHECKIN_SHAPE)
    def post_checkin(self, data, viewer):
        if viewer.is_trainer:
            raise HandlerError(
                _("Check-ins are for learners; trainers read them on the dashboard.")
            )
        answers = self._answers(data)
        now = timezone.now()
        period = workflow.cadence(self).period_of(now)
        try:
            checkin = api.post_checkin(
                self.course_key, self.usage_key, viewer.anonymous_id, period, answers
            )
        except api.Conflict as conflict:
            raise HandlerError(_("You have already checked in for this period.")) from conflict
        self.learner_did(
            viewer,
            "checkin_posted",
            {
                "checkin_id": checkin["id"],
                "period": period,
                "progress": checkin["progress"],
                "confidence": checkin["confidence"],
                "mood": checkin["mood"] or None,
                "blockers_given": bool(checkin["blockers"]),
                "help_given": bool(checkin["help_wanted"]),
            },
            verb=CHECKIN_VERB,
            done=True,
        )
        # The period's check-in is the learner's newest: it goes first in the history they see, and
        # the rest of it, unchanged, is neither read again nor redrawn.
        return {
            "sections": {"checkin": self._checkin_html(viewer, now, [checkin])},
            "prepend": {
                "history": workflow.checkins_html(self, [checkin], can_reply=viewer.can_write)
            },
            "focus": "checkin",
            "message": self.gettext("Your check-in was sent to your trainer."),
        }

    @spoc_handler(REPLY_SHAPE)
    def reply(self, data, viewer):
        """Add to a check-in's private thread: the learner on their own check-ins, trainers on any
        (from their view of the learner). The answer redraws that thread."""
        body = data["body"].strip()
        if not body:
            raise HandlerError(_("Write a message before sending it."), field="body")
        try:
            message = api.add_message(
                self.usage_key, data["checkin_id"], viewer.anonymous_id, viewer.is_trainer, body
            )
        except api.NotFound as missing:
            raise HandlerError(
                _("This check-in is not one you can reply to."), status=403
            ) from missing
        checkin = message["checkin"]
        self.learner_did(
            viewer,
            "reply_posted",
            {"checkin_id": checkin["id"], "by_trainer": viewer.is_trainer},
            verb="checkin_reply",
        )
        if viewer.is_trainer:
            name = workflow.learner_name(self, checkin["learner_id"])
            confirmation = self.gettext("Your reply was added to the thread.")
        else:
            name, confirmation = "", self.gettext("Your reply was sent to your trainer.")
        thread = workflow.thread_html(self, checkin, can_reply=True, learner_name=name)
        return self._redrawn(f"thread-{checkin['id']}", thread, confirmation)

    # ---- goals -----------------------------------------------------------------------------------

    @spoc_handler(GOAL_SHAPE)
    def add_goal(self, data, viewer):
        text = data["text"].strip()
        if not text:
            raise HandlerError(_("Write your goal before adding it."), field="text")
        target = parse_day(data["target"]) if data["target"] else None
        try:
            goal = api.add_goal(self.course_key, self.usage_key, viewer.anonymous_id, text, target)
        except api.Conflict as conflict:
            raise HandlerError(
                _("You have {limit} goals already: remove one first."), limit=api.MAX_GOALS
            ) from conflict
        self.learner_did(
            viewer,
            "goal_added",
            {"goal_id": goal["id"], "has_target": target is not None},
            record=False,
        )
        return self._goals_answer(viewer, self.gettext("Your goal was added."))

    @spoc_handler(GOAL_DONE_SHAPE)
    def set_goal(self, data, viewer):
        done = bool(data["done"])
        try:
            api.set_goal_done(self.usage_key, viewer.anonymous_id, data["goal_id"], done)
        except api.NotFound as missing:
            raise HandlerError(_("This goal no longer exists."), status=404) from missing
        self.learner_did(
            viewer, "goal_updated", {"goal_id": data["goal_id"], "done": done}, record=False
        )
        return self._goals_answer(
            viewer,
            self.gettext("Goal marked as done.")
            if done
            else self.gettext("Goal marked as not done."),
        )

    @spoc_handler(GOAL_ID_SHAPE)
    def remove_goal(self, data, viewer):
        try:
            api.delete_goal(self.usage_key, viewer.anonymous_id, data["goal_id"])
        except api.NotFound as missing:
            raise HandlerError(_("This goal no longer exists."), status=404) from missing
        self.learner_did(viewer, "goal_removed", {"goal_id": data["goal_id"]}, record=False)
        return self._goals_answer(viewer, self.gettext("The goal was removed."))

    def _goals_answer(self, viewer, message: str) -> dict:
        return self._redrawn("goals", self._goals_html(viewer), message)

    # ---- one-to-ones -----------------------------------------------------------------------------

    @spoc_handler(SLOT_SHAPE)
    def book_slot(self, data, viewer):
        if viewer.is_trainer:
            raise HandlerError(_("Slots are booked by learners."))
        try:
            api.book_slot(self.usage_key, viewer.anonymous_id, data["slot_id"], timezone.now())
        except api.NotFound as missing:
            raise HandlerError(_("This slot is no longer offered.")) from missing
        except api.Conflict as conflict:
            if conflict.code == "already_booked":
                raise HandlerError(
                    _(
                        "You already have a one-to-one booked: cancel it first to choose another "
                        "slot."
                    )
                ) from conflict
            raise HandlerError(
                _("Someone has just booked this slot: choose another.")
            ) from conflict
        self.learner_did(viewer, "slot_booked", {"slot_id": data["slot_id"]})
        return self._meeting_answer(viewer, self.gettext("Your one-to-one is booked."))

    @spoc_handler(SLOT_SHAPE)
    def cancel_booking(self, data, viewer):
        try:
            api.cancel_booking(self.usage_key, viewer.anonymous_id, data["slot_id"])
        except api.NotFound as missing:
            raise HandlerError(_("You have no booking for this slot."), status=404) from missing
        self.learner_did(viewer, "booking_cancelled", {"slot_id": data["slot_id"]}, record=False)
        return self._meeting_answer(viewer, self.gettext("Your booking was cancelled."))

    def _meeting_answer(self, viewer, message: str) -> dict:
        return self._redrawn("meeting", self._meeting_html(viewer, timezone.now()), message)
