"""Reviewing on the rubric: the reviews a learner must do, the feedback they received, and their handlers."""

from __future__ import annotations

import string

from django.utils import timezone
from django.utils.safestring import mark_safe

from spoc_xblocks.common import activity, progress
from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.i18n import gettext_for
from spoc_xblocks.common.keys import course_key_for, usage_key_for
from spoc_xblocks.common.payloads import Boolean, Integer, MapOf, String
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.common.roster import display_names
from spoc_xblocks.common.sanitize import safe_html
from spoc_xblocks.common.text import _

from . import api, workflow
from .grades import formula, rubric_of
from .logic import phases
from .logic.rubric import MAX_COMMENT_LENGTH, check_review
from .rules import review_rules

CRITERION_KEY = String(max_length=100)
REVIEW_SHAPE = {
    "review_id": Integer(minimum=1),
    "options": MapOf(CRITERION_KEY, String(max_length=100), max_items=50),
    "comments": MapOf(CRITERION_KEY, String(max_length=MAX_COMMENT_LENGTH), max_items=50),
    "overall": String(max_length=10_000, required=False),
}
RATE_SHAPE = {
    "review_id": Integer(minimum=1),
    "helpfulness": Integer(minimum=1, maximum=5),
    "flagged": Boolean(required=False),
    "reason": String(max_length=2000, required=False),
}
NOT_YOURS = _("This review is not one of yours, or it was submitted already.")


def letter(index: int) -> str:
    letters = string.ascii_uppercase
    return letters[index] if index < len(letters) else str(index + 1)


def rubric_form(block, rubric, slot, prefix: str) -> dict:
    """The rubric as form controls, filled with the slot's saved draft."""
    criteria = []
    for index, criterion in enumerate(rubric.criteria):
        chosen = (slot.options or {}).get(criterion.name, "")
        criteria.append(
            {
                "name": criterion.name,
                "label": criterion.label,
                "prompt": criterion.prompt,
                "feedback": criterion.feedback,
                "id": f"{prefix}-c{index}",
                "comment": (slot.comments or {}).get(criterion.name, ""),
                "options": [
                    {
                        "name": option.name,
                        "label": option.label,
                        "points": option.points,
                        "explanation": option.explanation,
                        "checked": option.name == chosen,
                        "id": f"{prefix}-c{index}-o{number}",
                    }
                    for number, option in enumerate(criterion.options)
                ],
            }
        )
    return {
        "id": prefix,
        "criteria": criteria,
        "overall": slot.overall,
        "overall_rule": rubric.overall_feedback,
        "overall_prompt": rubric.overall_prompt,
        "review_id": slot.id,
    }


def review_summary(rubric, options: dict, comments: dict, overall: str) -> list[dict]:
    """A review as the reader sees it: per criterion the level chosen, its points and the comment."""
    rows = []
    for criterion in rubric.criteria:
        option = criterion.option((options or {}).get(criterion.name, ""))
        rows.append(
            {
                "label": criterion.label,
                "level": option.label if option else "",
                "points": option.points if option else None,
                "max": criterion.max_points,
                "comment": (comments or {}).get(criterion.name, ""),
            }
        )
    return rows


def reviews_context(block, viewer, submitted: bool) -> dict:
    """The reviews given to a learner: progress, and each piece with its rubric form or the review written."""
    gettext = gettext_for(block)
    usage_key = usage_key_for(block)
    slots = api.reviews.reviews_by(usage_key, viewer.anonymous_id)
    peers = [slot for slot in slots if slot.kind == api.reviews.PEER]
    own = next((slot for slot in slots if slot.kind == api.reviews.SELF), None)
    if not slots:
        return {
            "allocated": False,
            "items": [],
            "self_item": None,
            "done": 0,
            "total": 0,
            "pending": 0,
            "next_due": None,
        }
    rubric = rubric_of(block)
    rules = review_rules(block)
    works = api.submissions.contents([slot.submission_id for slot in peers])
    names = (
        display_names(block, [slot.author_id for slot in peers])
        if rules.reviewers_see_authors
        else {}
    )
    items = [
        {
            "id": slot.id,
            "status": slot.status,
            "started": slot.started,
            "due": slot.due,
            "label": names.get(slot.author_id)
            or gettext("Submission {letter}").format(letter=letter(index)),
            "work": works.get(slot.submission_id),
            "work_text": safe_html(works[slot.submission_id].text),
            **slot_parts(block, rubric, slot, viewer.can_write),
        }
        for index, slot in enumerate(peers)
    ]
    self_item = None
    if own is not None:
        self_item = {
            "id": own.id,
            "status": own.status,
            **slot_parts(block, rubric, own, viewer.can_write),
        }
    pending = [slot for slot in peers if slot.pending]
    return {
        "allocated": bool(peers),
        "items": items,
        "self_item": self_item,
        "total": len(peers),
        "done": len(peers) - len(pending),
        "pending": len(pending),
        "next_due": min((slot.due for slot in pending if slot.due), default=None),
        "download_url": block.runtime.handler_url(block, "download_file").rstrip("/?"),
    }


def summary_html(block, rubric, options: dict, comments: dict, overall: str):
    return mark_safe(
        render_template(
            block,
            "templates/review_summary.html",
            {  # noqa: S308 - autoescaped
                "summary": review_summary(rubric, options, comments, overall),
                "overall": overall,
            },
        )
    )


def form_html(block, form: dict, submit_label: str, can_write: bool = True):
    return mark_safe(
        render_template(
            block,
            "templates/rubric_form.html",
            {  # noqa: S308 - autoescaped
                "form": form,
                "submit_label": submit_label,
                "can_write": can_write,
            },
        )
    )


def slot_parts(block, rubric, slot, can_write: bool) -> dict:
    """A slot's rubric form while pending, or the review written once done."""
    gettext = gettext_for(block)
    if slot.pending:
        label = (
            gettext("Submit my self-assessment")
            if slot.kind == api.reviews.SELF
            else gettext("Submit my review")
        )
        form = rubric_form(block, rubric, slot, f"{html_id(block)}-r{slot.id}")
        return {"form_html": form_html(block, form, label, can_write), "summary_html": ""}
    return {
        "form_html": "",
        "summary_html": summary_html(block, rubric, slot.options, slot.comments, slot.overall),
    }


def received_context(block, viewer, state) -> dict:
    """The reviews of the learner's work (anonymous unless the author said otherwise) and their published grade."""
    gettext = gettext_for(block)
    usage_key = usage_key_for(block)
    rows = [
        row
        for row in api.reviews.reviews_of(usage_key, viewer.anonymous_id)
        if row.done and row.kind != api.reviews.SELF
    ]
    rubric = rubric_of(block) if rows else None
    rules = review_rules(block)
    names = (
        display_names(block, [row.reviewer_id for row in rows if row.kind == api.reviews.PEER])
        if rules.authors_see_reviewers
        else {}
    )
    block_id = html_id(block)
    reviews, number = [], 0
    for row in rows:
        if row.kind == api.reviews.TRAINER_KIND:
            label = gettext("The trainer")
        else:
            number += 1
            label = names.get(row.reviewer_id) or gettext("Reviewer {number}").format(number=number)
        reviews.append(
            {
                "id": row.id,
                "label": label,
                "is_peer": row.kind == api.reviews.PEER,
                "overall": row.overall,
                "summary_html": summary_html(block, rubric, row.options, row.comments, row.overall),
                "helpfulness": row.helpfulness,
                "flagged": row.flagged,
                "flag_reason": row.flag_reason,
                "form_id": f"{block_id}-rate{row.id}",
            }
        )
    grade = None
    if state.published_at:
        published = api.grades.published_grade(usage_key, viewer.anonymous_id)
        if published and published["value"] is not None:
            grade = formula(published["details"], gettext, published["points_possible"])
    return {"reviews": reviews, "grade": grade, "scale": range(1, 6)}


class ReviewMixin:
    """Handlers for writing reviews (drafts saved as the learner goes, then submitted) and rating them."""

    def _slot_for(self, viewer, review_id: int, now):
        """The viewer's pending slot and the phase, or a HandlerError saying why it cannot be written."""
        slot = api.reviews.review(usage_key_for(self), review_id)
        if slot is None or slot.reviewer_id != viewer.anonymous_id or not slot.pending:
            raise HandlerError(NOT_YOURS)
        phase, _state = workflow.current_phase(self, now)
        allowed = (
            (phases.REVIEW, phases.GRADING) if slot.kind == api.reviews.SELF else (phases.REVIEW,)
        )
        if phase not in allowed:
            raise HandlerError(_("Reviews are not open."))
        return slot, phase

    def _checked(self, data, final: bool):
        check = check_review(
            rubric_of(self), data["options"], data["comments"], data["overall"], final
        )
        if check.problems:
            gettext = gettext_for(self)
            raise HandlerError(
                _("The review cannot be saved: {problems}"),
                problems=" ".join(problem.text(gettext) for problem in check.problems),
            )
        return check.points

    @spoc_handler(REVIEW_SHAPE)
    def save_review(self, data, viewer):
        """Autosave of a review in progress."""
        self._slot_for(viewer, data["review_id"], timezone.now())
        self._checked(data, final=False)
        if not api.reviews.save_draft(
            data["review_id"],
            viewer.anonymous_id,
            data["options"],
            data["comments"],
            data["overall"],
        ):
            raise HandlerError(NOT_YOURS)
        gettext = gettext_for(self)
        return {"saved": True, "message": gettext("Review draft saved.")}

    @spoc_handler(REVIEW_SHAPE)
    def submit_review(self, data, viewer):
        now = timezone.now()
        slot, phase = self._slot_for(viewer, data["review_id"], now)
        points = self._checked(data, final=True)
        usage_key, learner = usage_key_for(self), viewer.anonymous_id
        if not api.reviews.submit(
            slot.id, learner, data["options"], data["comments"], data["overall"], points, now
        ):
            raise HandlerError(NOT_YOURS)
        is_self = slot.kind == api.reviews.SELF
        verb = "self_assessed" if is_self else "review_submitted"
        activity.record_activity(
            course_key_for(self), usage_key, workflow.BLOCK_TYPE, learner, verb
        )
        self.runtime.publish(
            self,
            workflow.EVENT_PREFIX + verb,
            {"review_id": slot.id, "points": sum(points.values())},
        )
        remaining = [
            other
            for other in api.reviews.reviews_by(usage_key, learner)
            if other.pending and other.kind == api.reviews.PEER
        ]
        if not is_self and not remaining:
            progress.set_due(course_key_for(self), usage_key, workflow.BLOCK_TYPE, {learner: None})
        gettext = gettext_for(self)
        html = summary_html(
            self, rubric_of(self), data["options"], data["comments"], data["overall"]
        )
        announce = (
            gettext("Your self-assessment is submitted.")
            if is_self
            else gettext("Your review is submitted. {count} left to do.").format(
                count=len(remaining)
            )
        )
        return {
            "summary_html": html,
            "remaining": len(remaining),
            "reload": not is_self and not remaining,
            "announce": announce,
        }

    @spoc_handler(RATE_SHAPE)
    def rate_review(self, data, viewer):
        """The author says how helpful a review of their work was, and may flag it as unfair."""
        reason = data["reason"].strip()
        if data["flagged"] and not reason:
            raise HandlerError(
                _("Say briefly why you find this review unfair: the trainer will read it.")
            )
        if not api.reviews.rate(
            usage_key_for(self),
            data["review_id"],
            viewer.anonymous_id,
            data["helpfulness"],
            data["flagged"],
            reason,
        ):
            raise HandlerError(_("You can rate only the reviews of your own work."))
        activity.record_activity(
            course_key_for(self),
            usage_key_for(self),
            workflow.BLOCK_TYPE,
            viewer.anonymous_id,
            "review_rated",
        )
        self.runtime.publish(
            self,
            workflow.EVENT_PREFIX + "review_rated",
            {
                "review_id": data["review_id"],
                "helpfulness": data["helpfulness"],
                "flagged": data["flagged"],
            },
        )
        gettext = gettext_for(self)
        message = (
            gettext("Thank you: the trainer will look at your flag.")
            if data["flagged"]
            else gettext("Thank you for your rating.")
        )
        return {"saved": True, "announce": message}
