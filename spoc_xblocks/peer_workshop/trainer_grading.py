"""What the trainer does about grades: assess a piece of work on the rubric, set a peer review aside
or replace its levels, set a grade by hand, keep a moderation item as it is.

Each action answers with the dashboard redrawn; once grades are published, an action that changes a
grade publishes again (only the grades that changed are sent to edx-submissions).
"""

from __future__ import annotations

from django.utils import timezone

from spoc_xblocks.common.confirmations import CONFIRMED
from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.payloads import Boolean, Integer, MapOf, Number, String
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.common.sanitize import safe_html
from spoc_xblocks.common.text import _

from . import api
from .grades import compute_grades, percent, republish_if_closed, rubric_of
from .learner_files import file_rows
from .learner_reviews import REVIEW_SHAPE
from .logic.allocation import TRAINER
from .logic.moderation import keys_about
from .moderation_questions import keep_question, open_item, set_aside_question
from .rubric_forms import checked_points, form_html, rubric_form
from .rules import grading_rules
from .trainer import dashboard_answer

LEARNER = String(max_length=255)
OPTIONS = MapOf(String(max_length=100), String(max_length=100), max_items=50)
NO_SUCH_SUBMISSION = _("There is no such submission.")


def trainer_slot(block, work) -> api.reviews.ReviewInfo:
    """The trainer's assessment of a piece of work: the one begun, or a new, empty one."""
    existing = next(
        (
            row
            for row in api.reviews.reviews_of(block.usage_key, work.learner_id)
            if row.reviewer_id == TRAINER
        ),
        None,
    )
    return existing or api.reviews.ReviewInfo(
        id=0,
        submission_id=work.submission_id,
        author_id=work.learner_id,
        reviewer_id=TRAINER,
        kind=api.reviews.TRAINER_KIND,
        status=api.reviews.PENDING,
        due=None,
        started=False,
        submitted_at=None,
        options={},
        comments={},
        overall="",
        points={},
        comment_length=0,
        helpfulness=None,
        flagged=False,
        flag_reason="",
        excluded=False,
        override_options=None,
        withdrawn_reason="",
    )


def settle_items_about(block, submission_id: int, action: str) -> None:
    """Every moderation item about a piece of work leaves the queue: the trainer settled it."""
    reviews = [
        row
        for row in api.reviews.all_reviews(block.usage_key)
        if row.submission_id == submission_id
    ]
    if not reviews:
        return
    exact, _prefix = keys_about(reviews[0].author_id, [str(row.id) for row in reviews])
    for key in exact:
        api.grades.decide(block.usage_key, key, action)


def how_assessment_counts(block) -> str:
    """What the trainer's assessment will do to the work's grade, said before they start."""
    share = grading_rules(block).rules.peer_weight
    if share >= 1:
        return block.gettext(
            "Grades count peers only: your assessment, once saved, decides this work's grade in "
            "place of the peers' scores."
        )
    if share <= 0:
        return block.gettext("Your assessment is this work's grade.")
    return block.gettext(
        "Your assessment counts for {trainer} of each criterion, the peers' scores for {peers}."
    ).format(trainer=percent(1 - share), peers=percent(share))


class TrainerGradingMixin:
    @spoc_handler({"submission_id": Integer(minimum=1)}, trainer_only=True, writes=False)
    def trainer_form(self, data, viewer):
        """The rubric to assess one submission as the trainer, with the work itself."""
        submission_id = data["submission_id"]
        work = api.submissions.contents([submission_id]).get(submission_id)
        if work is None or not any(
            row.id == submission_id for row in api.submissions.all_submissions(self.usage_key)
        ):
            raise HandlerError(NO_SUCH_SUBMISSION)
        slot = trainer_slot(self, work)
        payload = {"submission_id": submission_id, "final": True}
        form = rubric_form(
            self, rubric_of(self), slot, html_id(self, "assess"), "trainer_review", payload
        )
        return {
            "html": render_template(
                self,
                "templates/trainer_assess.html",
                {
                    "work": work,
                    "work_text": safe_html(work.text, learner=True),
                    "file_rows": file_rows(work.files, self.gettext),
                    "done": slot.done,
                    "counts": how_assessment_counts(self),
                    "download_url": self.runtime.handler_url(self, "download_file").rstrip("/?"),
                    "form_html": form_html(
                        self, form, self.gettext("Save my assessment"), draft=True
                    ),
                },
            )
        }

    @spoc_handler(
        {
            **{key: value for key, value in REVIEW_SHAPE.items() if key != "review_id"},
            "submission_id": Integer(minimum=1),
            "final": Boolean(),
        },
        trainer_only=True,
    )
    def trainer_review(self, data, viewer):
        """The trainer assesses a submission (a draft, or final: it then counts as the trainer's
        share)."""
        usage_key = self.usage_key
        submissions = api.submissions.all_submissions(usage_key)
        if data["submission_id"] not in {row.id for row in submissions}:
            raise HandlerError(NO_SUCH_SUBMISSION)
        points = checked_points(
            self, data["options"], data["comments"], data["overall"], data["final"]
        )
        api.reviews.trainer_assess(
            usage_key,
            data["submission_id"],
            data["options"],
            data["comments"],
            data["overall"],
            points,
            data["final"],
            timezone.now(),
        )
        if data["final"]:
            settle_items_about(self, data["submission_id"], "assessed")
            self.publish_event("trainer_assessed", {"submission_id": data["submission_id"]})
            republish_if_closed(self, timezone.now())
        message = self.gettext("Draft saved.")
        if data["final"]:
            author = next(row.learner_id for row in submissions if row.id == data["submission_id"])
            grade = compute_grades(self).grades.get(author)
            message = self.gettext("Your assessment is saved: this work's grade is now {grade}.")
            message = message.format(grade=percent(grade.value if grade else None) or "–")
        return dashboard_answer(self, message, "assess")

    @spoc_handler(
        {
            "review_id": Integer(minimum=1),
            "action": String(choices=("exclude", "include", "replace", "restore")),
            "options": OPTIONS,
            **CONFIRMED,
        },
        trainer_only=True,
    )
    def override_review(self, data, viewer):
        """Set one peer review aside (once confirmed), bring it back, or replace its levels with
        the trainer's."""
        usage_key = self.usage_key
        slot = api.reviews.review(usage_key, data["review_id"])
        if slot is None or not slot.done or slot.kind != api.reviews.PEER:
            raise HandlerError(_("Only a submitted peer review can be overridden."))
        if data["action"] == "exclude" and slot.excluded:
            message = self.gettext("This review was set aside already.")
            return dashboard_answer(self, message, "moderation")
        if data["action"] == "exclude" and not data["confirmed"]:
            return set_aside_question(self, slot)
        options = None
        if data["action"] == "replace":
            checked_points(self, data["options"], slot.comments, slot.overall, final=True)
            options = data["options"]
        excluded = data["action"] == "exclude"
        keep = slot.override_options if data["action"] in ("exclude", "include") else options
        api.reviews.override(usage_key, slot.id, excluded, keep)
        for key in (f"flag:{slot.id}", f"short:{slot.id}"):
            api.grades.decide(usage_key, key, data["action"])
        self.publish_event("review_overridden", {"review_id": slot.id, "excluded": excluded})
        republish_if_closed(self, timezone.now())
        message = self.gettext("The review is overridden and the grade recomputed.")
        return dashboard_answer(self, message, "moderation")

    @spoc_handler(
        {
            "learner_id": LEARNER,
            "percent": Number(minimum=0, maximum=100, required=False),
            "reason": String(max_length=2000, required=False),
        },
        trainer_only=True,
    )
    def override_grade(self, data, viewer):
        """Set a learner's final grade by hand (empty: back to the computed grade)."""
        value = None if data["percent"] is None else data["percent"] / 100
        if not api.submissions.set_grade_override(
            self.usage_key, data["learner_id"], value, data["reason"].strip()
        ):
            raise HandlerError(
                _("This learner has not submitted work: there is no grade to override."),
                field="learner_id",
            )
        self.publish_event("grade_overridden", {"cleared": value is None})
        republish_if_closed(self, timezone.now())
        message = (
            self.gettext("The grade is set.")
            if value is not None
            else self.gettext("The override is removed.")
        )
        return dashboard_answer(self, message, "grade")

    @spoc_handler({"item_key": String(max_length=255), **CONFIRMED}, trainer_only=True)
    def dismiss_item(self, data, viewer):
        """Keep things as they are (once confirmed): the item leaves the moderation queue."""
        item, computed = open_item(self, data["item_key"])
        if item is None:
            message = self.gettext("This item was dealt with already.")
            return dashboard_answer(self, message, "moderation")
        if not data["confirmed"]:
            return keep_question(self, item, computed)
        api.grades.decide(self.usage_key, data["item_key"], "kept")
        message = self.gettext("The item is marked as dealt with.")
        return dashboard_answer(self, message, "moderation")
