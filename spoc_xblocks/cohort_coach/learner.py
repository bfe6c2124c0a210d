"""The learner's view: this period's check-in, their history with the trainer's replies, their goals, their
next one-to-one, and the trainer's nudges at their next visit."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.safestring import mark_safe

from spoc_xblocks.common import progress
from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.i18n import gettext_for
from spoc_xblocks.common.keys import course_key_for, usage_key_for
from spoc_xblocks.common.payloads import Integer, String
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.common.text import _
from spoc_xblocks.common.times import day_html, parse_day, time_html

from . import api
from .logic.cohort import CHECKIN_VERB, COACH

BLOCK_TYPE = COACH
MOODS = ("great", "good", "okay", "low", "struggling")
TEXT_LIMIT = 1000
CHECKIN_SHAPE = {
    "progress": Integer(minimum=0, maximum=100, required=False),
    "confidence": Integer(minimum=1, maximum=5, required=False),
    "mood": String(choices=MOODS, required=False),
    "blockers": String(max_length=TEXT_LIMIT, required=False),
    "help": String(max_length=TEXT_LIMIT, required=False),
}
REPLY_SHAPE = {"checkin_id": Integer(minimum=1), "body": String(max_length=TEXT_LIMIT)}
GOAL_SHAPE = {"text": String(max_length=300), "target": String(max_length=10, required=False)}
GOAL_ID_SHAPE = {"goal_id": Integer(minimum=1)}
GOAL_DONE_SHAPE = {"goal_id": Integer(minimum=1), "done": Integer(minimum=0, maximum=1)}


def mood_labels(gettext) -> dict:
    return {
        "great": gettext("Great"),
        "good": gettext("Good"),
        "okay": gettext("Okay"),
        "low": gettext("Low"),
        "struggling": gettext("Struggling"),
    }


def confidence_labels(gettext) -> dict:
    return {
        1: gettext("1 – not confident"),
        2: gettext("2 – a little"),
        3: gettext("3 – fairly"),
        4: gettext("4 – confident"),
        5: gettext("5 – very confident"),
    }


def present_checkins(checkins: list[dict], moods: dict) -> list[dict]:
    """Check-ins as the templates show them: times as <time> elements, moods in words."""
    return [
        {
            **checkin,
            "created_html": time_html(checkin["created"]),
            "mood_label": moods.get(checkin["mood"], ""),
            "messages": [
                {**message, "created_html": time_html(message["created"])}
                for message in checkin["messages"]
            ],
        }
        for checkin in checkins
    ]


class LearnerMixin:
    """The learner's page and handlers: check-ins, replies in their own threads, goals."""

    def learner_html(self, viewer, now=None) -> str:
        now = now or timezone.now()
        nudges = self.nudges_for_visit(viewer, now)
        checkins = api.learner_checkins(usage_key_for(self), viewer.anonymous_id)
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
                "checkin": mark_safe(self._checkin_html(viewer, now, checkins)),  # noqa: S308 - rendered with autoescape
                "history": mark_safe(self._history_html(viewer, checkins)),  # noqa: S308 - rendered with autoescape
                "goals": mark_safe(self._goals_html(viewer)),  # noqa: S308 - rendered with autoescape
                "meeting": mark_safe(self.meeting_html(viewer, now)),  # noqa: S308 - rendered with autoescape
            },
        )

    # ---- sections ---------------------------------------------------------------------------------------

    def _checkin_html(self, viewer, now, checkins: list[dict]) -> str:
        """This period's form, or when the learner has answered it, when the next one opens."""
        gettext = gettext_for(self)
        cadence = self.cadence()
        period = cadence.period_of(now)
        posted = next((checkin for checkin in checkins if checkin["period"] == period), None)
        questions = self.question_ids()
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
                "questions": questions,
                "moods": list(mood_labels(gettext).items()),
                "confidences": list(confidence_labels(gettext).items()),
                "text_limit": TEXT_LIMIT,
                "can_write": viewer.can_write,
            },
        )

    def _history_html(self, viewer, checkins=None) -> str:
        gettext = gettext_for(self)
        checkins = (
            checkins
            if checkins is not None
            else api.learner_checkins(usage_key_for(self), viewer.anonymous_id)
        )
        return render_template(
            self,
            "templates/learner_history.html",
            {
                "block_id": html_id(self),
                "checkins": mark_safe(
                    self.checkins_html(  # noqa: S308 - rendered with autoescape
                        present_checkins(checkins, mood_labels(gettext)), can_reply=viewer.can_write
                    )
                )
                if checkins
                else "",
            },
        )

    def checkins_html(
        self, checkins: list[dict], *, can_reply: bool, learner_name: str = "", level: int = 4
    ) -> str:
        """Check-ins with their private threads and reply forms, for the learner or a trainer."""
        return render_template(
            self,
            "templates/checkins.html",
            {
                "block_id": html_id(self),
                "checkins": checkins,
                "can_reply": can_reply,
                "level": level,
                "for_trainer": bool(learner_name),
                "learner_name": learner_name,
                "text_limit": TEXT_LIMIT,
            },
        )

    def _goals_html(self, viewer) -> str:
        goals = api.learner_goals(usage_key_for(self), viewer.anonymous_id)
        return render_template(
            self,
            "templates/learner_goals.html",
            {
                "block_id": html_id(self),
                "goals": [{**goal, "target_html": day_html(goal["target"])} for goal in goals],
                "can_write": viewer.can_write,
            },
        )

    # ---- handlers ---------------------------------------------------------------------------------------

    def _answers(self, data) -> dict:
        """The answers to the questions this block asks; answering a question it does not ask is refused."""
        answers = {
            name: value.strip() if isinstance(value, str) else value for name, value in data.items()
        }
        answers = {name: value for name, value in answers.items() if value not in (None, "")}
        not_asked = [name for name in answers if name not in self.question_ids()]
        if not_asked:
            raise HandlerError(_("This check-in does not ask about '{name}'."), name=not_asked[0])
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
        period = self.cadence().period_of(now)
        course_key, usage_key = course_key_for(self), usage_key_for(self)
        try:
            checkin = api.post_checkin(course_key, usage_key, viewer.anonymous_id, period, answers)
        except api.Conflict as conflict:
            raise HandlerError(_("You have already checked in for this period.")) from conflict
        self.log(
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
        )
        progress.record_progress(course_key, usage_key, BLOCK_TYPE, viewer.anonymous_id, done=True)
        self.runtime.publish(self, "completion", {"completion": 1.0})
        checkins = api.learner_checkins(usage_key, viewer.anonymous_id)
        gettext = gettext_for(self)
        return {
            "sections": {
                "checkin": self._checkin_html(viewer, now, checkins),
                "history": self._history_html(viewer, checkins),
            },
            "focus": "checkin",
            "announce": gettext("Your check-in was sent to your trainer."),
        }

    @spoc_handler(REPLY_SHAPE)
    def reply(self, data, viewer):
        """Add to a check-in's private thread: the learner on their own check-ins, trainers on any."""
        body = data["body"].strip()
        if not body:
            raise HandlerError(_("Write a message before sending it."))
        try:
            message = api.add_message(
                usage_key_for(self),
                data["checkin_id"],
                viewer.anonymous_id,
                viewer.is_trainer,
                body,
            )
        except api.NotFound as missing:
            raise HandlerError(
                _("This check-in is not one you can reply to."), status=403
            ) from missing
        self.log(
            viewer,
            "reply_posted",
            {"checkin_id": message["checkin_id"], "by_trainer": viewer.is_trainer},
            verb="checkin_reply",
        )
        gettext = gettext_for(self)
        focus = f"thread-{message['checkin_id']}"
        if viewer.is_trainer:
            return {
                "html": self.learner_detail_html(message["learner_id"]),
                "focus": focus,
                "announce": gettext("Your reply was added to the thread."),
            }
        return {
            "sections": {"history": self._history_html(viewer)},
            "focus": focus,
            "announce": gettext("Your reply was sent to your trainer."),
        }

    @spoc_handler(GOAL_SHAPE)
    def add_goal(self, data, viewer):
        text = data["text"].strip()
        if not text:
            raise HandlerError(_("Write your goal before adding it."))
        target = parse_day(data["target"]) if data["target"] else None
        if data["target"] and target is None:
            raise HandlerError(_("The target date must be a date such as 2026-03-31."))
        try:
            goal = api.add_goal(
                course_key_for(self), usage_key_for(self), viewer.anonymous_id, text, target
            )
        except api.Conflict as conflict:
            raise HandlerError(
                _("You have {limit} goals already: remove one first."), limit=api.MAX_GOALS
            ) from conflict
        self.log(viewer, "goal_added", {"goal_id": goal["id"], "has_target": target is not None})
        return self._goals_answer(viewer, gettext_for(self)("Your goal was added."))

    @spoc_handler(GOAL_DONE_SHAPE)
    def set_goal(self, data, viewer):
        try:
            api.set_goal_done(
                usage_key_for(self), viewer.anonymous_id, data["goal_id"], bool(data["done"])
            )
        except api.NotFound as missing:
            raise HandlerError(_("This goal no longer exists."), status=404) from missing
        self.log(viewer, "goal_updated", {"goal_id": data["goal_id"], "done": bool(data["done"])})
        gettext = gettext_for(self)
        return self._goals_answer(
            viewer,
            gettext("Goal marked as done.")
            if data["done"]
            else gettext("Goal marked as not done."),
        )

    @spoc_handler(GOAL_ID_SHAPE)
    def remove_goal(self, data, viewer):
        try:
            api.delete_goal(usage_key_for(self), viewer.anonymous_id, data["goal_id"])
        except api.NotFound as missing:
            raise HandlerError(_("This goal no longer exists."), status=404) from missing
        self.log(viewer, "goal_removed", {"goal_id": data["goal_id"]})
        return self._goals_answer(viewer, gettext_for(self)("The goal was removed."))

    def _goals_answer(self, viewer, announce: str) -> dict:
        return {
            "sections": {"goals": self._goals_html(viewer)},
            "focus": "goals",
            "announce": announce,
        }
