"""The trainer's progress through the whole course: completed blocks per section, subsection and
unit (cohort median, and one learner's own), the graded problems' average score per module, and
where stalled learners stop, named by module and unit."""

from __future__ import annotations

from spoc_xblocks.common.numbers import percent_text
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.course_progress import api as course_progress

from . import cohort_memo
from .workflow import CohortSnapshot, thresholds


def completion_tracking(block) -> bool | None:
    """Whether the LMS records the course's completions (Tutor switches it on); None where no
    completion service is offered (the workbench, Studio)."""
    service = block.runtime.service(block, "completion")
    return None if service is None else bool(service.completion_tracking_enabled())


def read_course_progress(block, snapshot: CohortSnapshot) -> course_progress.CourseProgress:
    """The cohort's progress through the course, at most a minute old."""
    inactive_days = thresholds(block).inactive_days
    learner_ids = tuple(snapshot.learner_ids)
    return cohort_memo.COURSE_PROGRESS.computed(
        block.usage_key,
        (learner_ids, inactive_days),
        snapshot.now,
        lambda: course_progress.course_progress(block.course_key, learner_ids, inactive_days),
    )


def _name(module) -> str:
    return module.name or module.block_id


def _stops(block, found) -> list[dict]:
    sections = [row.module.key for row in found.modules if row.module.kind == "section"]
    return [
        {
            "percent": percent_text(stop.percent, block.gettext),
            "number": sections.index(section.key) + 1 if section else 0,
            "module": _name(section) if section else "",
            "unit": _name(unit),
        }
        for stop, unit, section in found.stops
    ]


def course_progress_html(block, snapshot: CohortSnapshot) -> str:
    """The cohort's "Progress through the course" section."""
    found = read_course_progress(block, snapshot)
    rows = [
        {
            "name": _name(row.module),
            "depth": row.module.depth,
            "blocks": row.blocks,
            "median": row.median_done,
            "score": row.average_score,
            "scored": row.scored,
        }
        for row in found.modules
        if row.blocks
    ]
    return render_template(
        block,
        "templates/trainer_progress.html",
        {
            "block_id": html_id(block),
            "rows": rows,
            "stops": _stops(block, found),
            "learners": len(snapshot.learner_ids),
        },
    )


def learner_progress_html(block, snapshot: CohortSnapshot, learner_id: str) -> str:
    """One learner's completed blocks and scores per module beside the cohort's."""
    found = read_course_progress(block, snapshot)
    own = found.learners.get(learner_id, {})
    scores = found.learner_scores.get(learner_id, {})
    rows = [
        {
            "name": _name(row.module),
            "depth": row.module.depth,
            "blocks": row.blocks,
            "own": own[row.module.key].done if row.module.key in own else 0,
            "median": row.median_done,
            "score": scores.get(row.module.key),
            "average": row.average_score,
        }
        for row in found.modules
        if row.blocks
    ]
    return render_template(
        block,
        "templates/trainer_learner_progress.html",
        {"block_id": html_id(block), "rows": rows},
    )
