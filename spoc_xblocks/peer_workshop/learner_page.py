"""The learner's page: the phase and what is expected by when, their work, the reviews they must do
and the feedback they received, built in a bounded number of queries; each section can be redrawn
alone after an action."""

from __future__ import annotations

import string

from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.common.roster import display_names
from spoc_xblocks.common.sanitize import safe_html
from spoc_xblocks.common.text import _
from spoc_xblocks.common.times import time_html

from . import api, workflow
from .grades import MISSED, formula, rubric_of
from .learner_files import file_rows, file_rules_context
from .logic import phases
from .rubric_forms import slot_parts, summary_html
from .rules import learner_extension, review_rules, schedule_of, submission_rules

MAX_LINKS = 10
# The limit counts the characters the learner sees; the markup around them may take four times as
# many.
MAX_TEXT_LENGTH = 50_000
PHASE_LABELS = {
    phases.SETUP: _("Preparation"),
    phases.SUBMISSION: _("Submission"),
    phases.REVIEW: _("Peer review"),
    phases.GRADING: _("Grading"),
    phases.CLOSED: _("Closed"),
}


def phase_steps(block, phase: str) -> list[dict]:
    current = phases.phase_index(phase)
    return [
        {
            "label": block.gettext(PHASE_LABELS[name]),
            "current": index == current,
            "done": index < current,
        }
        for index, name in enumerate(phases.PHASES)
    ]


def learner_context(block, viewer, now) -> dict:
    """Everything the learner's page shows, read in a bounded number of queries."""
    usage_key, learner = block.usage_key, viewer.anonymous_id
    phase, state = workflow.current_phase(block, now, learner)
    if viewer.can_write:
        workflow.sweep_overdue(block, phase, now)
    schedule, _days = schedule_of(block)
    rules = submission_rules(block)
    member = state.member or api.workshop.ParticipantInfo(learner)
    extension = learner_extension(block, member.extension)
    work = api.submissions.learner_work(usage_key, learner, with_files=rules.allow_files)
    submitted = bool(work and work.submitted)
    window = phases.submit_window(phase, schedule.submission_due, extension, rules.late_policy, now)
    reviewing = reviews_context(block, viewer, submitted) if submitted else None
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
        "block_id": html_id(block),
        "phase": phase,
        "steps": phase_steps(block, phase),
        "expected": expected(block, phase, schedule, extension, work, window, reviewing, state),
        "reminders": api.workshop.open_reminders(usage_key, learner) if viewer.can_write else [],
        "prompt": safe_html(block.prompt),
        "work": work,
        "submitted": submitted,
        "can_edit": window.allowed and not submitted,
        "can_write": viewer.can_write,
        "late_now": window.late,
        "closed_reason": window.reason,
        "files": file_rules_context(block, rules) if rules.allow_files else None,
        "max_links": MAX_LINKS,
        "max_text": MAX_TEXT_LENGTH,
        "reviewing": reviewing,
        "received": received_context(block, viewer, state) if feedback_open else None,
    }


def _expected_text(block, phase, schedule, extension, work, window, reviewing, state) -> dict:
    gettext = block.gettext
    submitted = bool(work and work.submitted)
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
            "due": None if window.late else extension or schedule.submission_due,
            "due_label": gettext("Due"),
            "due_unset": "" if window.late else gettext("when the trainer opens the peer review"),
        }
    if not submitted:
        return {
            "text": gettext("Submissions are closed: you did not submit work to this workshop."),
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
            "due_unset": gettext("when the trainer closes the reviews"),
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
            "text": gettext("The workshop is closed: your grade and its explanation are below."),
            "due": None,
        }
    return {"text": gettext("The workshop is closed."), "due": None}


def expected(block, phase, schedule, extension, work, window, reviewing, state) -> dict:
    """One sentence on what the learner should do now, and the deadline that goes with it (as a
    <time> the browser shows in the learner's zone)."""
    found = _expected_text(block, phase, schedule, extension, work, window, reviewing, state)
    return {**found, "due": time_html(found["due"]) or found.get("due_unset", "")}


PAGE_PARTS = ("expected", "reminders", "work", "reviews", "received")
# The parts shown only with their data (the page leaves them out without it).
PART_DATA = {"reviews": "reviewing", "received": "received"}


def learner_parts(block, context: dict, names=PAGE_PARTS) -> dict:
    """The sections of the learner's page, rendered (each can be re-drawn alone after an action)."""
    work = context.get("work")
    context = {
        **context,
        "work_text": safe_html(work.text, learner=True) if work else "",
        "work_when": time_html(work.when) if work else "",
        "file_rows": file_rows(work.files, block.gettext) if work else [],
    }
    if context.get("files") is not None:
        context["files_html"] = render_template(block, "templates/learner_files.html", context)
    return {
        f"{name}_html": render_template(block, f"templates/learner_{name}.html", context)
        if name not in PART_DATA or context.get(PART_DATA[name]) is not None
        else ""
        for name in names
    }


def learner_html(block, viewer, now) -> str:
    context = learner_context(block, viewer, now)
    return render_template(
        block,
        "templates/learner.html",
        {
            **context,
            **learner_parts(block, context),
            "email_preference": block.email_preference_html(viewer),
        },
    )


def reminders_html(block, viewer) -> str:
    """The trainer's messages the learner has not dismissed."""
    reminders = api.workshop.open_reminders(block.usage_key, viewer.anonymous_id)
    context = {"block_id": html_id(block), "reminders": reminders}
    return learner_parts(block, context, ("reminders",))["reminders_html"]


# ---- reviews to do, feedback received ------------------------------------------------------------


def letter(index: int) -> str:
    letters = string.ascii_uppercase
    return letters[index] if index < len(letters) else str(index + 1)


def reviews_context(block, viewer, submitted: bool) -> dict:
    """The reviews given to a learner: progress, and each piece with its rubric form or the review
    written."""
    gettext = block.gettext
    usage_key = block.usage_key
    given = api.reviews.reviews_by(usage_key, viewer.anonymous_id, MISSED)
    slots = [slot for slot in given if slot.status != api.reviews.WITHDRAWN]
    peers = [slot for slot in slots if slot.kind == api.reviews.PEER]
    own = next((slot for slot in slots if slot.kind == api.reviews.SELF), None)
    missed = sum(1 for slot in given if slot.status == api.reviews.WITHDRAWN)
    if not given:
        return {
            "allocated": False,
            "items": [],
            "self_item": None,
            "done": 0,
            "missed": 0,
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
            "due": time_html(slot.due),
            "label": names.get(slot.author_id)
            or gettext("Submission {letter}").format(letter=letter(index)),
            "work": works.get(slot.submission_id),
            "file_rows": file_rows(works[slot.submission_id].files, gettext),
            "work_text": safe_html(works[slot.submission_id].text, learner=True),
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
        "allocated": bool(peers) or bool(missed),
        "items": items,
        "self_item": self_item,
        "total": len(peers) + missed,
        "done": len(peers) - len(pending),
        "missed": missed,
        "pending": len(pending),
        "next_due": min((slot.due for slot in pending if slot.due), default=None),
        "download_url": block.runtime.handler_url(block, "download_file").rstrip("/?"),
    }


def trainer_decision(block, row, decided: dict) -> str:
    """What the trainer did about a peer review of the learner's work, in a sentence: set aside,
    levels corrected, or, for a flag, kept or settled by their own assessment, or not read yet."""
    gettext = block.gettext
    if row.excluded:
        if row.flagged:
            return gettext(
                "Your flag was upheld: the trainer set this review aside. It does not count in "
                "your grade."
            )
        return gettext("The trainer set this review aside: it does not count in your grade.")
    if row.override_options:
        return gettext(
            "The trainer corrected this review's levels: the levels shown are those that count."
        )
    if not row.flagged:
        return ""
    decision = decided.get(f"flag:{row.id}")
    if decision == "assessed":
        return gettext("The trainer read your flag and assessed your work themselves.")
    if decision:
        return gettext("The trainer read your flag and kept this review as it is.")
    return gettext("Your flag is waiting for the trainer.")


def received_context(block, viewer, state) -> dict:
    """The reviews of the learner's work (anonymous unless the author said otherwise) and their
    published grade."""
    gettext = block.gettext
    usage_key = block.usage_key
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
    decided = api.grades.decisions(usage_key) if any(row.flagged for row in rows) else {}
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
                "summary_html": summary_html(
                    block, rubric, row.override_options or row.options, row.comments, row.overall
                ),
                "set_aside": row.excluded,
                "decision": trainer_decision(block, row, decided),
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
