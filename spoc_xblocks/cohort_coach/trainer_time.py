"""The trainer's time per module: the cohort's median and quartiles per section, subsection and
unit beside the author's design estimate, and one learner's own time beside the median."""

from __future__ import annotations

from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.module_time import api as module_time
from spoc_xblocks.module_time.logic.estimates import estimates_in_seconds
from spoc_xblocks.module_time.logic.figures import OVER_ESTIMATE

from . import cohort_memo
from .workflow import CohortSnapshot


def _minutes(seconds: float | None):
    return None if seconds is None else round(seconds / 60)


def kept_cohort_time(block, snapshot: CohortSnapshot) -> dict:
    """The cohort's time per module (`module_time.cohort_time`), at most a minute old."""
    learner_ids, estimates = tuple(snapshot.learner_ids), block.module_time_estimates
    return cohort_memo.COHORT_TIME.computed(
        block.usage_key,
        (learner_ids, estimates),
        snapshot.now,
        lambda: module_time.cohort_time(
            block.course_key, learner_ids, estimates_in_seconds(estimates)
        ),
    )


def _module_rows(block, snapshot: CohortSnapshot, learner_id: str = "") -> list[dict]:
    found = kept_cohort_time(block, snapshot)
    own = found["learners"].get(learner_id, {})
    return [
        {
            "name": module.name or module.block_id,
            "kind": module.kind,
            "depth": module.depth,
            "estimate": _minutes(figures.estimate),
            "median": _minutes(figures.median),
            "lower": _minutes(figures.lower_quartile),
            "upper": _minutes(figures.upper_quartile),
            "over": figures.over_estimate,
            "own": _minutes(own.get(module.key, 0.0)),
        }
        for module, figures in found["modules"]
    ]


def module_time_html(block, snapshot: CohortSnapshot) -> str:
    """The cohort's "Time per module" section."""
    return render_template(
        block,
        "templates/trainer_time.html",
        {
            "block_id": html_id(block),
            "rows": _module_rows(block, snapshot),
            "over_estimate": OVER_ESTIMATE,
            "learners": len(snapshot.learner_ids),
        },
    )


def learner_time_html(block, snapshot: CohortSnapshot, learner_id: str) -> str:
    """One learner's time per module beside the cohort's median, for their detail."""
    return render_template(
        block,
        "templates/trainer_learner_time.html",
        {"block_id": html_id(block), "rows": _module_rows(block, snapshot, learner_id)},
    )
