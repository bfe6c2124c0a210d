"""The learner's reviews: drafts saved as they go, reviews submitted on the rubric, and the rating
of the reviews they received."""

from __future__ import annotations

from django.utils import timezone

from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.payloads import Boolean, Integer, MapOf, String
from spoc_xblocks.common.rendering import html_id
from spoc_xblocks.common.text import _

from . import api, workflow
from .learner_page import learner_html, learner_parts, reviews_context
from .logic import phases
from .logic.rubric import MAX_COMMENT_LENGTH
from .rubric_forms import checked_points

CRITERION_KEY = String(max_length=100)
REVIEW_SHAPE = {
    "review_id": Integer(minimum=1),
    "options": MapOf(CRITERION_KEY, String(max_length=100), max_items=50),
    "comments": MapOf(CRITERION_KEY, String(max_length=MAX_COMMENT_LENGTH), max_items=50),
    "overall": String(max_length=10_000, required=False),
}
RATE_SHAPE = {
    "review_id": Integer(minimum=1),
    "helpfulness": Integer(minimum=1, maximum=5, required=False),
    "flagged": Boolean(required=False),
    "reason": String(max_length=2000, required=False),
}
NOT_YOURS = _("This review is not one of yours, or it was submitted already.")


def writable_slot(block, viewer, review_id: int, now):
    """The viewer's pending slot, or a HandlerError saying why it cannot be written."""
    slot = api.reviews.review(block.usage_key, review_id)
    if slot is None or slot.reviewer_id != viewer.anonymous_id or not slot.pending:
        raise HandlerError(NOT_YOURS)
    phase, _state = workflow.current_phase(block, now)
    allowed = (phases.REVIEW, phases.GRADING) if slot.kind == api.reviews.SELF else (phases.REVIEW,)
    if phase not in allowed:
        raise HandlerError(_("Reviews are not open."))
    return slot


def _points(block, data, final: bool) -> dict:
    return checked_points(block, data["options"], data["comments"], data["overall"], final)


class ReviewMixin:
    """Handlers for writing reviews (drafts saved as the learner goes, then submitted) and rating
    them."""

    @spoc_handler(REVIEW_SHAPE)
    def save_review(self, data, viewer):
        """Autosave of a review in progress."""
        slot = writable_slot(self, viewer, data["review_id"], timezone.now())
        _points(self, data, final=False)
        if not api.reviews.save_draft(
            data["review_id"],
            viewer.anonymous_id,
            data["options"],
            data["comments"],
            data["overall"],
            first=not slot.started,
        ):
            raise HandlerError(NOT_YOURS)
        return {"saved": True, "message": self.gettext("Review draft saved.")}

    @spoc_handler(REVIEW_SHAPE)
    def submit_review(self, data, viewer):
        """A review submitted for good: the learner's reviews are redrawn, or, after their last
        one, the whole page with the feedback they received."""
        now = timezone.now()
        slot = writable_slot(self, viewer, data["review_id"], now)
        points = _points(self, data, final=True)
        usage_key, learner = self.usage_key, viewer.anonymous_id
        if not api.reviews.submit(
            slot.id, learner, data["options"], data["comments"], data["overall"], points, now
        ):
            raise HandlerError(NOT_YOURS)
        is_self = slot.kind == api.reviews.SELF
        self.learner_did(
            viewer,
            "self_assessed" if is_self else "review_submitted",
            {"review_id": slot.id, "points": sum(points.values())},
        )
        remaining = [
            other
            for other in api.reviews.reviews_by(usage_key, learner)
            if other.pending and other.kind == api.reviews.PEER
        ]
        if is_self:
            announce = self.gettext("Your self-assessment is submitted.")
        else:
            announce = self.gettext("Your review is submitted. {count} left to do.").format(
                count=len(remaining)
            )
        if not is_self and not remaining:
            workflow.set_learner_due(self, learner, None)
            return {
                "html": learner_html(self, viewer, now),
                "focus": "received",
                "announce": announce,
            }
        context = {"block_id": html_id(self), "reviewing": reviews_context(self, viewer, True)}
        return {
            "sections": {"reviews": learner_parts(self, context, ("reviews",))["reviews_html"]},
            "focus": html_id(self, f"review-{slot.id}-title"),
            "announce": announce,
        }

    @spoc_handler(RATE_SHAPE)
    def rate_review(self, data, viewer):
        """The author says how helpful a review of their work was, and may flag it as unfair."""
        if data["helpfulness"] is None:
            raise HandlerError(
                _("Choose how helpful the review was, from 1 to 5."), field="helpfulness"
            )
        reason = data["reason"].strip()
        if data["flagged"] and not reason:
            raise HandlerError(
                _("Say briefly why you find this review unfair: the trainer will read it."),
                field="reason",
            )
        if not api.reviews.rate(
            self.usage_key,
            data["review_id"],
            viewer.anonymous_id,
            data["helpfulness"],
            data["flagged"],
            reason,
        ):
            raise HandlerError(_("You can rate only the reviews of your own work."))
        self.learner_did(
            viewer,
            "review_rated",
            {
                "review_id": data["review_id"],
                "helpfulness": data["helpfulness"],
                "flagged": data["flagged"],
            },
        )
        message = (
            self.gettext("Thank you: the trainer will look at your flag.")
            if data["flagged"]
            else self.gettext("Thank you for your rating.")
        )
        return {"saved": True, "message": message, "announce": message}
