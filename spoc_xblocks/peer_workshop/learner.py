"""The learner's own work (drafts saved as they type, then submitted for good) and the reminders
their trainer sent."""

from __future__ import annotations

from django.utils import timezone

from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.numbers import Figure
from spoc_xblocks.common.payloads import Integer, ListOf, Object, String
from spoc_xblocks.common.rendering import html_id
from spoc_xblocks.common.sanitize import sanitize_html, visible_length
from spoc_xblocks.common.text import _

from . import api, workflow
from .learner_files import file_rules_context
from .learner_page import (
    MAX_LINKS,
    MAX_TEXT_LENGTH,
    expected,
    learner_html,
    learner_parts,
    phase_steps,
    reminders_html,
)
from .logic import phases
from .logic.links import web_address
from .rules import learner_extension, review_rules, submission_rules

MAX_HTML_LENGTH = 4 * MAX_TEXT_LENGTH
WORK_MAX_BYTES = 1024 * 1024
LINK = Object({"title": String(max_length=200, required=False), "url": String(max_length=2000)})
WORK_SHAPE = {
    "text": String(max_length=MAX_HTML_LENGTH, required=False),
    "links": ListOf(LINK, max_items=MAX_LINKS, required=False),
}
REMINDER_SHAPE = {"reminder_id": Integer(minimum=1)}
ALREADY_SUBMITTED = _("Your work is already submitted: it can no longer be changed.")
NOT_SAVED_LINK = _("This address was not saved: a web address starts with http:// or https://.")


def checked_text(html: str) -> str:
    """The learner's text, sanitised; refused next to the editor when it is over the limit."""
    text = sanitize_html(html, learner=True)
    length = visible_length(text)
    if length > MAX_TEXT_LENGTH:
        raise HandlerError(
            _("Your text has {length} characters: the limit is {limit}. Shorten it to save it."),
            field="text",
            length=Figure(length),
            limit=Figure(MAX_TEXT_LENGTH),
        )
    return text


def checked_links(links) -> list[tuple[str, dict | None, bool]]:
    """Each typed link (rows left blank skipped): the address typed, the link as it would be
    stored (None when the address is not a web address) and whether https:// was added."""
    checked = []
    for link in links or []:
        typed, title = link["url"].strip(), (link.get("title") or "").strip()
        if typed or title:
            url, completed = web_address(typed)
            checked.append((typed, {"title": title or url, "url": url} if url else None, completed))
    return checked


def clean_links(links) -> list[dict]:
    """Links as submitted: web addresses only (https:// added to a bare `www.…`); a bad address
    is refused, not dropped."""
    cleaned = []
    for typed, link, _completed in checked_links(links):
        if link is None:
            raise HandlerError(
                _("'{url}' is not a web address: it must start with http:// or https://."),
                url=typed[:80],
            )
        cleaned.append(link)
    return cleaned


class LearnerMixin:
    """The handlers for the learner's own work and reminders."""

    @spoc_handler({}, writes=False)
    def learner_panel(self, data, viewer):
        """The learner's page as it stands on the server."""
        return {"html": learner_html(self, viewer, timezone.now())}

    @spoc_handler(WORK_SHAPE, max_bytes=WORK_MAX_BYTES)
    def save_work(self, data, viewer):
        """Autosave of the learner's draft (text and links). A link that is not a web address is
        left out and marked; it never stops the rest of the draft from being saved."""
        now = timezone.now()
        _phase, _schedule, member, _window = workflow.writable_work(self, viewer, now)
        usage_key, learner = self.usage_key, viewer.anonymous_id
        if api.submissions.has_submitted(usage_key, learner):
            raise HandlerError(ALREADY_SUBMITTED)
        text = checked_text(data["text"])
        checked = checked_links(data["links"])
        previous = api.submissions.save_draft(
            usage_key, learner, text, [link for _typed, link, _completed in checked if link]
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
        return {
            "saved": True,
            "message": self._draft_message(checked),
            "links": [
                {"url": link["url"], "error": ""}
                if link
                else {"url": typed, "error": self.gettext(NOT_SAVED_LINK)}
                for typed, link, _completed in checked
            ],
        }

    def _draft_message(self, checked) -> str:
        """What the draft's status line says: saved, and what happened to the links."""
        refused = sum(1 for _typed, link, _completed in checked if link is None)
        completed = sum(1 for _typed, link, completed in checked if link and completed)
        if refused:
            return self.ngettext(
                "Draft saved, except {count} link: its address is not a web address.",
                "Draft saved, except {count} links: their addresses are not web addresses.",
                refused,
            ).format(count=refused)
        if completed:
            return self.ngettext(
                "Draft saved. https:// was added in front of {count} web address.",
                "Draft saved. https:// was added in front of {count} web addresses.",
                completed,
            ).format(count=completed)
        return self.gettext("Draft saved.")

    @spoc_handler(WORK_SHAPE, max_bytes=WORK_MAX_BYTES)
    def submit_work(self, data, viewer):
        """Submit the learner's piece for good; it is then what their peers review."""
        now = timezone.now()
        phase, schedule, member, window = workflow.writable_work(self, viewer, now)
        usage_key, learner = self.usage_key, viewer.anonymous_id
        text = checked_text(data["text"]).strip()
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
