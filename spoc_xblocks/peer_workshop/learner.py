"""The learner's own work (drafts saved as they type, then submitted for good) and the reminders
their trainer sent."""

from __future__ import annotations

import re

from django.utils import timezone

from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.payloads import Integer, ListOf, Object, String
from spoc_xblocks.common.rendering import html_id
from spoc_xblocks.common.sanitize import sanitize_html
from spoc_xblocks.common.text import _

from . import api, workflow
from .learner_files import file_rules_context
from .learner_page import (
    MAX_LINKS,
    expected,
    learner_html,
    learner_parts,
    phase_steps,
    reminders_html,
)
from .logic import phases
from .rules import learner_extension, review_rules, submission_rules

MAX_TEXT_LENGTH = 50_000
LINK = Object({"title": String(max_length=200, required=False), "url": String(max_length=2000)})
WORK_SHAPE = {
    "text": String(max_length=MAX_TEXT_LENGTH, required=False),
    "links": ListOf(LINK, max_items=MAX_LINKS, required=False),
}
REMINDER_SHAPE = {"reminder_id": Integer(minimum=1)}
URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
ALREADY_SUBMITTED = _("Your work is already submitted: it can no longer be changed.")


def clean_links(links) -> list[dict]:
    """Links as stored: only http(s) addresses, titles trimmed; a bad address is refused, not
    dropped."""
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
    """The handlers for the learner's own work and reminders."""

    @spoc_handler({}, writes=False)
    def learner_panel(self, data, viewer):
        """The learner's page as it stands on the server."""
        return {"html": learner_html(self, viewer, timezone.now())}

    @spoc_handler(WORK_SHAPE)
    def save_work(self, data, viewer):
        """Autosave of the learner's draft (text and links)."""
        now = timezone.now()
        _phase, _schedule, member, _window = workflow.writable_work(self, viewer, now)
        usage_key, learner = self.usage_key, viewer.anonymous_id
        if api.submissions.has_submitted(usage_key, learner):
            raise HandlerError(ALREADY_SUBMITTED)
        previous = api.submissions.save_draft(
            usage_key, learner, sanitize_html(data["text"]), clean_links(data["links"])
        )
        if not member.started:
            api.workshop.mark_started(usage_key, learner)
        if previous is None:
            api.submissions.register(workflow.student_item(self, learner))
        first_today = previous is None or previous.date() != now.date()
        if first_today or not member.started:
            self.learner_did(
                viewer, "draft_saved", event=False, record=first_today, started=not member.started
            )
        return {"saved": True, "message": self.gettext("Draft saved.")}

    @spoc_handler(WORK_SHAPE)
    def submit_work(self, data, viewer):
        """Submit the learner's piece for good; it is then what their peers review."""
        now = timezone.now()
        phase, schedule, member, window = workflow.writable_work(self, viewer, now)
        usage_key, learner = self.usage_key, viewer.anonymous_id
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
            raise HandlerError(ALREADY_SUBMITTED) from error
        reviews_open = phases.at_least(phase, phases.REVIEW)
        if reviews_open:
            workflow.allocate_late(self, learner, submission_id, now)
            if review_rules(self).self_assessment:
                api.reviews.add_self_slot(usage_key, submission_id, learner)
        if not member.started:
            api.workshop.mark_started(usage_key, learner)
        reviews_left = (
            sum(slot.pending for slot in api.reviews.reviews_by(usage_key, learner))
            if reviews_open
            else 0
        )
        extension = learner_extension(self, member.extension)
        due = phases.learner_deadline(phase, True, reviews_left, schedule, extension)
        if due != phases.learner_deadline(phase, False, 0, schedule, extension):
            workflow.set_learner_due(self, learner, due)
        self.learner_did(
            viewer,
            "submitted",
            {"late": window.late, "links": len(links), "files": len(files)},
            started=not member.started,
        )
        # Completion is the LMS's "done": the work is in. The progress row is done once graded.
        self.runtime.publish(self, "completion", {"completion": 1.0})
        answer = {"focus": "work", "announce": self.gettext("Your work is submitted.")}
        if reviews_open:
            return {**answer, "html": learner_html(self, viewer, now)}
        work = api.submissions.Work(
            learner, True, text, tuple(links), files, submission_id, now, window.late
        )
        context = {
            "block_id": html_id(self),
            "work": work,
            "submitted": True,
            "can_write": True,
            "files": file_rules_context(self, submission_rules(self)) if files else None,
            "steps": phase_steps(self, phase),
            "expected": expected(self, phase, schedule, extension, work, window, None, None),
        }
        parts = learner_parts(self, context, ("expected", "work"))
        return {
            **answer,
            "sections": {"work": parts["work_html"], "expected": parts["expected_html"]},
        }

    @spoc_handler(REMINDER_SHAPE)
    def dismiss_reminder(self, data, viewer):
        if not api.workshop.dismiss_reminder(
            self.usage_key, viewer.anonymous_id, data["reminder_id"]
        ):
            raise HandlerError(_("This message was already dismissed."))
        return {
            "sections": {"reminders": reminders_html(self, viewer)},
            "focus": html_id(self, "title"),
            "announce": self.gettext("Message dismissed."),
        }
