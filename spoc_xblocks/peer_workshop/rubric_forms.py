"""The rubric on the page, for learners and the trainer alike: a form to assess a piece of work, the
review as its reader sees it, and the check of what a reviewer sent."""

from __future__ import annotations

import json

from spoc_xblocks.common.handlers import HandlerError
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.common.text import _

from . import api
from .grades import rubric_of
from .logic.rubric import check_review


def rubric_form(block, rubric, slot, prefix: str, handler: str, payload: dict) -> dict:
    """The rubric as form controls, filled with the slot's saved draft, sent to `handler` with
    `payload` beside the levels and comments."""
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
        "overall_placeholder": rubric.overall_placeholder,
        "handler": handler,
        "payload": json.dumps(payload),
    }


def review_summary(rubric, options: dict, comments: dict, overall: str) -> list[dict]:
    """A review as the reader sees it: per criterion the level chosen, its points and the
    comment."""
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


def summary_html(block, rubric, options: dict, comments: dict, overall: str) -> str:
    return render_template(
        block,
        "templates/review_summary.html",
        {"summary": review_summary(rubric, options, comments, overall), "overall": overall},
    )


def form_html(block, form: dict, submit_label: str, can_write: bool = True, draft: bool = False):
    """The rubric form; with `draft`, a second button saves it as a draft (the trainer's)."""
    return render_template(
        block,
        "templates/rubric_form.html",
        {"form": form, "submit_label": submit_label, "can_write": can_write, "draft": draft},
    )


def slot_parts(block, rubric, slot, can_write: bool) -> dict:
    """A learner's slot: its rubric form while pending, or the review written once done."""
    if slot.pending:
        label = (
            block.gettext("Submit my self-assessment")
            if slot.kind == api.reviews.SELF
            else block.gettext("Submit my review")
        )
        prefix = f"{html_id(block)}-r{slot.id}"
        form = rubric_form(block, rubric, slot, prefix, "submit_review", {"review_id": slot.id})
        return {"form_html": form_html(block, form, label, can_write), "summary_html": ""}
    return {
        "form_html": "",
        "summary_html": summary_html(block, rubric, slot.options, slot.comments, slot.overall),
    }


def checked_points(block, options: dict, comments: dict, overall: str, final: bool) -> dict:
    """The points of a review on the block's rubric, or a HandlerError saying what is missing."""
    check = check_review(rubric_of(block), options, comments, overall, final)
    if check.problems:
        raise HandlerError(
            _("The review cannot be saved: {problems}"),
            problems=" ".join(problem.text(block.gettext) for problem in check.problems),
        )
    return check.points
