"""The trainer's dashboard: every learner's state, groups, allocation, moderation queue, phase
controls.

The whole cohort is read in a constant number of queries; the tables show one page of learners at a
time.
"""

from __future__ import annotations

from django.utils import timezone

from spoc_xblocks.common.handlers import spoc_handler
from spoc_xblocks.common.jobs import latest_jobs
from spoc_xblocks.common.notify import email_configured, email_off_text, email_report
from spoc_xblocks.common.payloads import Integer
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.common.roster import course_roster, display_names, usernames_of
from spoc_xblocks.common.text import _
from spoc_xblocks.common.times import time_html

from . import api, workflow
from .emails import send_reminder_emails
from .grades import (
    percent,
    publish_grades,
    rubric_of,
    send_grades_to_gradebook,
    workshop_points,
)
from .grades_memo import dashboard_grades
from .learner_page import PHASE_LABELS
from .logic import phases
from .logic.allocation import TRAINER
from .logic.groups import sorted_labels
from .logic.moderation import FLAGGED, SHORT, SPREAD, TRAINER_NEEDED, UNREVIEWED
from .rules import review_rules, schedule_of

PAGE_SIZE = 100
MAX_ITEMS_SHOWN = 50
ITEM_TEXTS = {
    FLAGGED: _("The author flagged this review as unfair."),
    SPREAD: _("Reviewers disagree strongly on this work."),
    SHORT: _("This review's comments are very short."),
    UNREVIEWED: _("Nobody reviewed this work: it needs your assessment."),
    TRAINER_NEEDED: _("The grade rests on your assessment, which is missing."),
}


def _learner_rows(dashboard, members, learners, published, names, phase, gettext):
    """One row per learner of `learners` (a page): group, work, reviews done and received, grade,
    flags."""
    computed, counts = dashboard.computed, dashboard.counts
    submissions = {row.learner_id: row for row in computed.submissions}
    rows = []
    for learner in learners:
        member = members.get(learner, api.workshop.ParticipantInfo(learner))
        submission = submissions.get(learner)
        grade = computed.grades.get(learner)
        rows.append(
            {
                "id": learner,
                "name": names.get(learner, learner[:8]),
                "group": member.group,
                "absent": member.absent,
                "extension": time_html(member.extension),
                "submitted": time_html(submission.submitted_at) if submission else "",
                "late": bool(submission and submission.late),
                "given": counts.given[learner],
                "done": counts.done[learner],
                "missed": counts.missed[learner],
                "received": counts.received[learner],
                "grade": percent(grade.value, gettext) if grade and grade.value is not None else "",
                "published": percent(published[learner], gettext)
                if published.get(learner) is not None
                else "",
                "flags": counts.flags[learner],
                "started": member.started or bool(submission),
                "reviewing": phase == phases.REVIEW
                and counts.given[learner] > counts.done[learner],
            }
        )
    return rows


def gradebook_status(block, job) -> dict | None:
    """How far the last publication got in the gradebook (its job), for the trainer."""
    if job is None or not job.total:
        return None
    if job.status == job.FAILED:
        text = block.ngettext(
            "Sending grades to the gradebook stopped after {done} of {total} learner: {error}",
            "Sending grades to the gradebook stopped after {done} of {total} learners: {error}",
            job.total,
        ).format(done=job.done, total=job.total, error=job.error)
    elif job.done >= job.total:
        text = block.ngettext(
            "Grades are in the gradebook for the {total} learner whose grade changed.",
            "Grades are in the gradebook for all {total} learners whose grade changed.",
            job.total,
        ).format(total=job.total)
    else:
        text = block.ngettext(
            "Grades sent to the gradebook: {done} of {total} learner so far.",
            "Grades sent to the gradebook: {done} of {total} learners so far.",
            job.total,
        ).format(done=job.done, total=job.total)
    return {"text": text, "failed": job.status == job.FAILED}


def trainer_context(block, now, page: int = 1) -> dict:
    gettext = block.gettext
    usage_key = block.usage_key
    phase, state = workflow.current_phase(block, now)
    workflow.sweep_overdue(block, phase, now)
    published, points = api.grades.published_grades_and_points(usage_key)
    if phase == phases.CLOSED and points - {workshop_points(block)}:
        publish_grades(block, now)  # the author changed the workshop's points in Studio
        published = api.grades.published_grades(usage_key)
    schedule, review_days = schedule_of(block)
    rules = review_rules(block)
    members = api.workshop.participants(usage_key)
    roster = course_roster(block)
    roster_ids = [learner.anonymous_id for learner in (roster or [])]
    # Dates edited in Studio reach the coach's dashboard (written only when a deadline changed).
    workflow.sync_dues(block, phase, set(roster_ids) | set(members), members=members)
    dashboard = dashboard_grades(block, phases.at_least(phase, phases.GRADING))
    computed, items = dashboard.computed, dashboard.items
    everyone = set(roster_ids) | set(members) | {row.learner_id for row in computed.submissions}
    names = display_names(block, sorted(everyone), usernames_of(roster))
    names[TRAINER] = gettext("Trainer")
    learners = sorted(everyone, key=lambda learner: (names.get(learner, ""), learner))
    pages = max(1, -(-len(learners) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    # only the page's rows are built: the cohort's figures below are counts
    on_page_ids = learners[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    shown = _learner_rows(dashboard, members, on_page_ids, published, names, phase, gettext)
    on_page = set(on_page_ids)
    jobs = latest_jobs(usage_key, [send_grades_to_gradebook, send_reminder_emails])
    block_id = html_id(block, "trainer")
    return {
        "block_id": block_id,
        "phase": phase,
        "phase_label": gettext(PHASE_LABELS[phase]),
        "phases": [
            {"value": name, "label": gettext(PHASE_LABELS[name]), "current": name == phase}
            for name in phases.PHASES
        ],
        "dates": {
            name: time_html(moment)
            for name, moment in {**schedule.__dict__, "published_at": state.published_at}.items()
        },
        "review_days": review_days,
        "rules": rules,
        "published_at": state.published_at,
        "gradebook": gradebook_status(block, jobs[send_grades_to_gradebook]),
        "emailing": email_configured(),
        "email_off": email_off_text(block),
        "reminder_emails": email_report(block, jobs[send_reminder_emails]),
        "allocated_at": state.allocated_at,
        "rows": shown,
        "page": page,
        "pages": pages,
        "learner_count": len(learners),
        "counts": {
            "submitted": len(computed.submissions),
            "learners": len(learners),
            "late": sum(1 for row in computed.submissions if row.late),
            "flagged": sum(1 for item in items if item.kind == FLAGGED),
        },
        "groups": _groups_context(members, names),
        "allocation": _allocation_context(computed, on_page, names),
        "items": [
            _item_context(block, item, computed, names, gettext) for item in items[:MAX_ITEMS_SHOWN]
        ],
        "item_count": len(items),
        # the pickers offer the learners of this page, so every list stays bounded
        "submissions": [
            {"id": row.id, "name": names.get(row.learner_id, row.learner_id[:8])}
            for row in computed.submissions
            if row.learner_id in on_page
        ],
        "learner_options": [{"id": row["id"], "name": row["name"]} for row in shown],
        "reviewer_options": [{"id": TRAINER, "name": names[TRAINER]}]
        + [
            {"id": row.learner_id, "name": names.get(row.learner_id, "")}
            for row in computed.submissions
            if row.learner_id in on_page
        ],
        "exports": {
            kind: block.runtime.handler_url(block, "export_csv", kind)
            for kind in ("submissions", "reviews", "grades")
        },
    }


def _groups_context(members, names) -> list[dict]:
    by_label = {}
    for learner, info in members.items():
        if info.group:
            by_label.setdefault(info.group, []).append(names.get(learner, learner[:8]))
    return [
        {"label": label, "members": sorted(by_label[label])} for label in sorted_labels(by_label)
    ]


def _allocation_context(computed, learners_shown, names) -> list[dict]:
    """Each submission of the learners on this page, with its reviewers and where each review
    stands."""
    slots = {}
    for row in computed.reviews:
        if row.kind != api.reviews.SELF and row.status != api.reviews.WITHDRAWN:
            slots.setdefault(row.submission_id, []).append(row)
    return [
        {
            "author": names.get(row.learner_id, row.learner_id[:8]),
            "submission_id": row.id,
            "reviewers": [
                {
                    "review_id": slot.id,
                    "name": names.get(slot.reviewer_id, slot.reviewer_id[:8]),
                    "status": slot.status,
                    "started": slot.started,
                    "due": time_html(slot.due),
                    "pending": slot.pending,
                }
                for slot in slots.get(row.id, [])
            ],
        }
        for row in computed.submissions
        if row.learner_id in learners_shown
    ]


def _disagreements(block, item, computed, names) -> list[dict]:
    """Each criterion the reviewers disagree on, with the level each counted reviewer chose."""
    rubric = rubric_of(block)
    counted = [
        row
        for row in computed.reviews
        if row.author_id == item.author
        and row.done
        and row.kind == api.reviews.PEER
        and not row.excluded
    ]
    shown = []
    for name in item.criteria:
        criterion = rubric.criterion(name)
        if criterion is None:
            continue
        levels = []
        for row in counted:
            option = criterion.option((row.override_options or row.options).get(name, ""))
            if option is not None:
                chose = block.ngettext(
                    "{reviewer}: {level} ({points} point)",
                    "{reviewer}: {level} ({points} points)",
                    option.points,
                )
                reviewer = names.get(row.reviewer_id, row.reviewer_id[:8])
                levels.append(
                    chose.format(reviewer=reviewer, level=option.label, points=option.points)
                )
        shown.append({"label": criterion.label, "levels": levels})
    return shown


def _item_context(block, item, computed, names, gettext) -> dict:
    review = next((row for row in computed.reviews if str(row.id) == item.review), None)
    submission = next((row for row in computed.submissions if row.learner_id == item.author), None)
    grade = computed.grades.get(item.author)
    return {
        "key": item.key,
        "kind": item.kind,
        "text": gettext(ITEM_TEXTS[item.kind]),
        "author": names.get(item.author, item.author[:8]),
        "author_id": item.author,
        "reviewer": names.get(review.reviewer_id, "") if review else "",
        "review_id": review.id if review else None,
        "flag_reason": review.flag_reason if review else "",
        "disagreements": _disagreements(block, item, computed, names) if item.criteria else [],
        "spread": percent(item.spread, gettext) if item.spread else "",
        "submission_id": submission.id if submission else None,
        "grade": percent(grade.value, gettext) if grade and grade.value is not None else "",
    }


def trainer_html(block, now, page: int = 1, status_at: str = "") -> str:
    """The dashboard; `status_at` names the control (or the section, for moderation and
    assessment) next to which an action's message shows."""
    context = {**trainer_context(block, now, page), "status_at": status_at}
    return render_template(block, "templates/trainer.html", context)


def dashboard_answer(block, message: str, control: str) -> dict:
    """What every trainer action answers: the dashboard redrawn, the message shown next to the
    control acted with (see trainer_html) and said to screen readers."""
    return {
        "html": trainer_html(block, timezone.now(), status_at=control),
        "message": message,
        "announce": message,
    }


class TrainerMixin:
    """The trainer's dashboard (its actions are in trainer_cohort.py and trainer_grading.py)."""

    @spoc_handler(
        {"page": Integer(minimum=1, maximum=100_000, required=False, default=1)},
        trainer_only=True,
        writes=False,
    )
    def trainer_panel(self, data, viewer):
        """The dashboard as it stands now (a page of the learner table)."""
        return {"html": trainer_html(self, timezone.now(), data["page"])}
