"""The learner's page: the phase and what is expected by when, their work (drafts, submit), reminders."""

from __future__ import annotations

import re

from django.utils import timezone
from django.utils.safestring import mark_safe

from spoc_xblocks.common import activity, progress
from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.i18n import gettext_for
from spoc_xblocks.common.keys import course_key_for, usage_key_for
from spoc_xblocks.common.payloads import Integer, ListOf, Object, String
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.common.sanitize import safe_html, sanitize_html
from spoc_xblocks.common.text import _

from . import api, workflow
from .learner_reviews import received_context, reviews_context
from .logic import phases
from .rules import learner_extension, review_rules, schedule_of, submission_rules

MAX_TEXT_LENGTH = 50_000
MAX_LINKS = 10
LINK = Object({"title": String(max_length=200, required=False), "url": String(max_length=2000)})
WORK_SHAPE = {
    "text": String(max_length=MAX_TEXT_LENGTH, required=False),
    "links": ListOf(LINK, max_items=MAX_LINKS, required=False),
}
REMINDER_SHAPE = {"reminder_id": Integer(minimum=1)}
URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
PHASE_LABELS = {
    phases.SETUP: _("Preparation"),
    phases.SUBMISSION: _("Submission"),
    phases.REVIEW: _("Peer review"),
    phases.GRADING: _("Grading"),
    phases.CLOSED: _("Closed"),
}


def clean_links(links) -> list[dict]:
    """Links as stored: only http(s) addresses, titles trimmed; a bad address is refused, not dropped."""
    cleaned = []
    for link in links or []:
        url, title = link["url"].strip(), (link.get("title") or "").strip()
        if not url and not title:
            continue
        if not URL.match(url):
            raise HandlerError(
                _("'{url}' is not a web address: it must start with http:// or https://."),
                url=url[:80],
            )
        cleaned.append({"title": title or url, "url": url})
    return cleaned


class LearnerMixin:
    """The learner's view and the handlers for their own work."""

    def phase_steps(self, phase: str) -> list[dict]:
        gettext = gettext_for(self)
        current = phases.phase_index(phase)
        return [
            {
                "label": gettext(PHASE_LABELS[name]),
                "current": index == current,
                "done": index < current,
            }
            for index, name in enumerate(phases.PHASES)
        ]

    def learner_context(self, viewer, now) -> dict:
        """Everything the learner's page shows, read in a bounded number of queries."""
        usage_key, learner = usage_key_for(self), viewer.anonymous_id
        phase, state = workflow.current_phase(self, now, learner)
        if viewer.can_write:
            workflow.sweep_overdue(self, phase, now)
        schedule, _days = schedule_of(self)
        rules = submission_rules(self)
        member = state.member or api.workshop.ParticipantInfo(learner)
        extension = learner_extension(self, member.extension)
        work = api.submissions.learner_work(usage_key, learner, with_files=rules.allow_files)
        submitted = bool(work and work.submitted)
        window = phases.submit_window(
            phase, schedule.submission_due, extension, rules.late_policy, now
        )
        reviewing = reviews_context(self, viewer, submitted) if submitted else None
        feedback_open = submitted and (
            phases.at_least(phase, phases.GRADING)
            or (
                phase == phases.REVIEW
                and reviewing is not None
                and reviewing["allocated"]
                and not reviewing["pending"]
            )
        )
        return {
            "block_id": html_id(self),
            "phase": phase,
            "steps": self.phase_steps(phase),
            "expected": self._expected(phase, schedule, extension, work, window, reviewing, state),
            "reminders": api.workshop.open_reminders(usage_key, learner)
            if viewer.can_write
            else [],
            "prompt": safe_html(self.prompt),
            "work": work,
            "submitted": submitted,
            "can_edit": window.allowed and not submitted,
            "can_write": viewer.can_write,
            "late_now": window.late,
            "closed_reason": window.reason,
            "files": self.file_rules_context(rules) if rules.allow_files else None,
            "max_links": MAX_LINKS,
            "reviewing": reviewing,
            "received": received_context(self, viewer, state) if feedback_open else None,
        }

    def _expected(self, phase, schedule, extension, work, window, reviewing, state) -> dict:
        """One sentence on what the learner should do now, and the deadline that goes with it."""
        gettext = gettext_for(self)
        submitted = bool(work and work.submitted)
        personal_due = extension or schedule.submission_due
        if phase == phases.SETUP:
            return {
                "text": gettext("The workshop has not started yet."),
                "due": schedule.submission_opens,
                "due_label": gettext("Submissions open"),
            }
        if not submitted and window.allowed:
            text = (
                gettext("Your work will be marked late: the deadline has passed.")
                if window.late
                else gettext("Write your piece and submit it.")
            )
            return {
                "text": text,
                "due": None if window.late else personal_due,
                "due_label": gettext("Due"),
            }
        if not submitted:
            return {
                "text": gettext(
                    "Submissions are closed: you did not submit work to this workshop."
                ),
                "due": None,
            }
        if phase == phases.SUBMISSION:
            return {
                "text": gettext("Your work is submitted. Reviews start when submissions close."),
                "due": schedule.submission_due,
                "due_label": gettext("Reviews start"),
            }
        if phase == phases.REVIEW and reviewing["pending"]:
            return {
                "text": gettext(
                    "Review the work of your peers on the rubric below ({done} of {total} done)."
                ).format(done=reviewing["done"], total=reviewing["total"]),
                "due": reviewing["next_due"] or schedule.review_due,
                "due_label": gettext("Due"),
            }
        if phase == phases.REVIEW:
            return {
                "text": gettext(
                    "Your reviews are done. Feedback on your work appears below as it comes in."
                ),
                "due": schedule.review_due,
                "due_label": gettext("Reviews close"),
            }
        if phase == phases.GRADING:
            return {
                "text": gettext(
                    "Reviews are closed. The trainer is checking them before grades are published."
                ),
                "due": schedule.close_date,
                "due_label": gettext("Grades expected"),
            }
        if state.published_at:
            return {
                "text": gettext(
                    "The workshop is closed: your grade and its explanation are below."
                ),
                "due": None,
            }
        return {"text": gettext("The workshop is closed."), "due": None}

    def learner_parts(
        self, context: dict, names=("expected", "work", "reviews", "received")
    ) -> dict:
        """The sections of the learner's page, rendered (each can be re-drawn alone after an action)."""
        context = {
            **context,
            "work_text": safe_html(context["work"].text) if context.get("work") else "",
        }
        if context.get("files") is not None:
            context["files_html"] = mark_safe(
                render_template(self, "templates/learner_files.html", context)
            )  # noqa: S308
        return {
            f"{name}_html": mark_safe(
                render_template(self, f"templates/learner_{name}.html", context)
            )  # noqa: S308
            for name in names
        }

    def learner_html(self, viewer, now) -> str:
        context = self.learner_context(viewer, now)
        return render_template(
            self, "templates/learner.html", {**context, **self.learner_parts(context)}
        )

    # ---- the learner's own work ---------------------------------------------------------------------------

    def _writable_work(self, viewer, now):
        """The phase and submit window, or a HandlerError when the learner may not change their work now."""
        if (
            viewer.is_trainer
        ):  # course staff are never a learner of the workshop: no work of theirs is reviewed
            raise HandlerError(
                _("Trainers follow the workshop from the dashboard; only learners submit work."),
                status=403,
            )
        phase, state = workflow.current_phase(self, now, viewer.anonymous_id)
        schedule, _days = schedule_of(self)
        member = state.member or api.workshop.ParticipantInfo(viewer.anonymous_id)
        window = phases.submit_window(
            phase,
            schedule.submission_due,
            learner_extension(self, member.extension),
            submission_rules(self).late_policy,
            now,
        )
        if not window.allowed:
            raise HandlerError(
                _("Submissions are not open.")
                if window.reason == "not_open"
                else _("Submissions are closed: the deadline has passed.")
            )
        return phase, schedule, member, window

    @spoc_handler(WORK_SHAPE)
    def save_work(self, data, viewer):
        """Autosave of the learner's draft (text and links)."""
        now = timezone.now()
        _phase, _schedule, member, _window = self._writable_work(viewer, now)
        usage_key, learner = usage_key_for(self), viewer.anonymous_id
        if api.submissions.has_submitted(usage_key, learner):
            raise HandlerError(_("Your work is already submitted: it can no longer be changed."))
        previous = api.submissions.save_draft(
            usage_key, learner, sanitize_html(data["text"]), clean_links(data["links"])
        )
        if not member.started:
            api.workshop.mark_started(usage_key, learner)
            progress.record_progress(
                course_key_for(self),
                usage_key,
                workflow.BLOCK_TYPE,
                learner,
                block_name=self.display_name,
            )
        if previous is None:
            api.submissions.register(workflow.student_item(self, learner))
        if previous is None or previous.date() != now.date():
            activity.record_activity(
                course_key_for(self), usage_key, workflow.BLOCK_TYPE, learner, "draft_saved"
            )
        gettext = gettext_for(self)
        return {"saved": True, "message": gettext("Draft saved.")}

    @spoc_handler(WORK_SHAPE)
    def submit_work(self, data, viewer):
        """Submit the learner's piece for good; it is then what their peers review."""
        now = timezone.now()
        phase, schedule, member, window = self._writable_work(viewer, now)
        usage_key, learner = usage_key_for(self), viewer.anonymous_id
        text = sanitize_html(data["text"]).strip()
        links = clean_links(data["links"])
        if not text and not links and not api.submissions.uploads_of(usage_key, learner):
            raise HandlerError(
                _("Your work is empty: write something, add a link or attach a file first.")
            )
        try:
            submission_id, files = api.submissions.submit(
                workflow.student_item(self, learner), text, links, window.late, now
            )
        except api.submissions.AlreadySubmitted as error:
            raise HandlerError(
                _("Your work is already submitted: it can no longer be changed.")
            ) from error
        reviews_open = phases.at_least(phase, phases.REVIEW)
        if reviews_open:
            workflow.allocate_late(self, learner, submission_id, now)
            if review_rules(self).self_assessment:
                api.reviews.add_self_slot(usage_key, submission_id, learner)
        if not member.started:
            api.workshop.mark_started(usage_key, learner)
            progress.record_progress(
                course_key_for(self),
                usage_key,
                workflow.BLOCK_TYPE,
                learner,
                block_name=self.display_name,
            )
        reviews_left = (
            sum(slot.pending for slot in api.reviews.reviews_by(usage_key, learner))
            if reviews_open
            else 0
        )
        extension = learner_extension(self, member.extension)
        due = phases.learner_deadline(phase, True, reviews_left, schedule, extension)
        if due != phases.learner_deadline(phase, False, 0, schedule, extension):
            progress.set_due(
                course_key_for(self),
                usage_key,
                workflow.BLOCK_TYPE,
                {learner: due},
                block_name=self.display_name,
            )
        activity.record_activity(
            course_key_for(self), usage_key, workflow.BLOCK_TYPE, learner, "submitted"
        )
        self.runtime.publish(
            self,
            workflow.EVENT_PREFIX + "submitted",
            {"late": window.late, "links": len(links), "files": len(files)},
        )
        self.runtime.publish(self, "completion", {"completion": 1.0})
        gettext = gettext_for(self)
        answer = {"focus": "work", "announce": gettext("Your work is submitted.")}
        if reviews_open:
            return {**answer, "html": self.learner_html(viewer, now)}
        work = api.submissions.Work(
            learner, True, text, tuple(links), files, submission_id, now, window.late
        )
        context = {
            "block_id": html_id(self),
            "work": work,
            "submitted": True,
            "can_write": True,
            "files": self.file_rules_context(submission_rules(self)) if files else None,
            "steps": self.phase_steps(phase),
            "expected": self._expected(phase, schedule, extension, work, window, None, None),
        }
        parts = self.learner_parts(context, ("expected", "work"))
        return {
            **answer,
            "sections": {"work": parts["work_html"], "expected": parts["expected_html"]},
        }

    @spoc_handler(REMINDER_SHAPE)
    def dismiss_reminder(self, data, viewer):
        if not api.workshop.dismiss_reminder(
            usage_key_for(self), viewer.anonymous_id, data["reminder_id"]
        ):
            raise HandlerError(_("This message was already dismissed."))
        gettext = gettext_for(self)
        return {"dismissed": True, "announce": gettext("Message dismissed.")}
