"""Nudges: a trainer's message to one learner or to every flagged learner, shown at their next visit to the
block and emailed once due when the platform sends email and the site's NUDGE_EMAILS allows it; never delivered
to a learner active since it was queued.

There is no task queue here: due emails go out from the next request that shows this block (any
learner's page, the dashboard), each nudge claimed by one request only.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from spoc_xblocks.common import activity as activity_log
from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.i18n import gettext_for, ngettext_for
from spoc_xblocks.common.keys import course_key_for, usage_key_for
from spoc_xblocks.common.notify import email_configured, email_learners
from spoc_xblocks.common.operator_settings import read_operator_settings
from spoc_xblocks.common.payloads import String
from spoc_xblocks.common.roster import course_roster
from spoc_xblocks.common.text import _

from . import api
from .learner import TEXT_LIMIT
from .logic.followup import CONTACTED, OPEN, nudge_suppressed
from .models import Nudge

NUDGE_SHAPE = {
    "target": String(choices=("learner", "flagged")),
    "learner_id": String(max_length=255, required=False),
    "message": String(max_length=TEXT_LIMIT),
}
EMAIL_BATCH = 50


class NudgesMixin:
    """Queue nudges (trainer), show them at the learner's visit, email the due ones."""

    def _in_cohort(self, learner_id: str) -> bool:
        roster = course_roster(self)
        if roster is not None:
            return any(learner.anonymous_id == learner_id for learner in roster)
        return bool(activity_log.last_activity_of(course_key_for(self), [learner_id]))

    def nudge_emails_on(self) -> bool:
        """The platform sends email and the site's operator lets nudges be emailed (NUDGE_EMAILS)."""
        return email_configured() and read_operator_settings(self).nudge_emails

    def nudge_help(self) -> str:
        """What becomes of a nudge, for the trainer writing one."""
        gettext = gettext_for(self)
        if self.nudge_emails_on():
            return gettext(
                "Shown at their next visit to this block, and emailed when due, unless they have been "
                "active since you sent it."
            )
        return gettext(
            "Shown at their next visit to this block, unless they have been active since you sent it."
        )

    @spoc_handler(NUDGE_SHAPE, trainer_only=True)
    def send_nudge(self, data, viewer):
        message = data["message"].strip()
        if not message:
            raise HandlerError(_("Write the message before sending the nudge."))
        usage_key = usage_key_for(self)
        if data["target"] == "learner":
            if not data["learner_id"] or not self._in_cohort(data["learner_id"]):
                raise HandlerError(_("This learner is not in the cohort."))
            learners = [data["learner_id"]]
        else:
            learners = sorted(
                learner
                for learner, flag in api.latest_flags(usage_key).items()
                if flag["status"] in (OPEN, CONTACTED)
            )
            if not learners:
                raise HandlerError(_("No learner is flagged at the moment."))
        now = timezone.now()
        email_due = (
            now + timedelta(hours=self.nudge_email_delay_hours) if self.nudge_emails_on() else None
        )
        count = api.queue_nudges(
            course_key_for(self), usage_key, learners, message, viewer.anonymous_id, email_due
        )
        self.log(
            viewer,
            "nudge_queued",
            {"target": data["target"], "learners": count, "email": email_due is not None},
        )
        if email_due is not None and email_due <= now:
            # After the commit: an email cannot be taken back if the transaction were to fail.
            transaction.on_commit(lambda: self.send_due_emails(now))
        announce = ngettext_for(self)(
            "Nudge queued for {count} learner: shown at their next visit.",
            "Nudge queued for {count} learners: shown at their next visit.",
            count,
        ).format(count=count)
        answer = {"announce": announce, "refresh": True}
        if data["target"] == "learner":
            answer["html"] = self.learner_detail_html(data["learner_id"])
        return answer

    def nudges_for_visit(self, viewer, now) -> list[dict]:
        """The nudges this learner sees now (then marked seen); those that lost their point are dropped."""
        self.send_due_emails(now)
        pending = api.pending_nudges(usage_key_for(self), viewer.anonymous_id)
        if not pending or not viewer.can_write:
            return pending
        last = activity_log.last_activity_of(course_key_for(self), [viewer.anonymous_id]).get(
            viewer.anonymous_id
        )
        dropped = [
            nudge
            for nudge in pending
            if nudge["emailed_at"] is None and nudge_suppressed(nudge["queued_at"], last)
        ]
        shown = [nudge for nudge in pending if nudge not in dropped]
        api.mark_nudges([nudge["id"] for nudge in dropped], Nudge.SUPPRESSED, now)
        api.mark_nudges([nudge["id"] for nudge in shown], Nudge.SHOWN, now)
        if shown or dropped:
            self.log(
                viewer,
                "nudges_delivered",
                {
                    "shown": [nudge["id"] for nudge in shown],
                    "suppressed": [nudge["id"] for nudge in dropped],
                },
            )
        return shown

    def send_due_emails(self, now, activity: dict | None = None) -> int:
        """Email the nudges whose time has come, except to learners active since; return how many were sent."""
        if not self.nudge_emails_on():
            return 0
        due = api.due_emails(usage_key_for(self), now, EMAIL_BATCH)
        if not due:
            return 0
        learners = {nudge["learner_id"] for nudge in due}
        if activity is None:
            last = activity_log.last_activity_of(course_key_for(self), learners)
        else:
            last = {
                learner: (activity.get(learner) or {}).get("last_activity") for learner in learners
            }
        dropped = [
            nudge["id"]
            for nudge in due
            if nudge_suppressed(nudge["queued_at"], last.get(nudge["learner_id"]))
        ]
        api.mark_nudges(dropped, Nudge.SUPPRESSED, now)
        claimed = api.claim_emails([nudge["id"] for nudge in due if nudge["id"] not in dropped])
        gettext = gettext_for(self)
        subject = gettext("A message from your trainer: {course}").format(course=self.display_name)
        footer = gettext("Open the course to answer your trainer.")
        sent = [
            nudge["id"]
            for nudge in claimed
            if email_learners(
                self, [nudge["learner_id"]], subject, f"{nudge['message']}\n\n{footer}"
            )
        ]
        api.mark_emailed(sent, now)
        self.runtime.publish(
            self,
            "spoc.cohort_coach.nudges_emailed",
            {"sent": len(sent), "suppressed": len(dropped)},
        )
        return len(sent)
