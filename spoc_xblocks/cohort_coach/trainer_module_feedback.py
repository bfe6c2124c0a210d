"""The trainer's relevance and difficulty per module: what learners answered to the one-click
module checks (pulses) the author dropped at the end of the course's modules."""

from __future__ import annotations

from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.engagement import api as engagement_api
from spoc_xblocks.engagement.logic.pulse import MODULE_CHECK_OPTIONS
from spoc_xblocks.module_time.outline import Outline, course_outline

from .logic.kpis import module_feedback
from .workflow import CohortSnapshot


def option_labels(gettext) -> dict[str, str]:
    return {
        "relevant": gettext("Relevant, right level"),
        "too-easy": gettext("Too easy"),
        "too-hard": gettext("Too hard"),
        "not-relevant": gettext("Not relevant"),
    }


def module_feedback_html(block, snapshot: CohortSnapshot) -> str:
    """The section; kept with the cohort's figures (at most a minute old)."""
    rows = snapshot.computed.derive(("module_feedback",), lambda: _rows(block))
    return render_template(
        block,
        "templates/trainer_module_feedback.html",
        {
            "block_id": html_id(block),
            "labels": [option_labels(block.gettext)[option] for option in MODULE_CHECK_OPTIONS],
            "rows": rows,
        },
    )


def _rows(block) -> list[dict]:
    outline = course_outline(block.course_key) or Outline()
    names = {module.key: module.name for module in outline.modules}
    rows = module_feedback(
        engagement_api.module_checks(block.course_key),
        outline.parents,
        MODULE_CHECK_OPTIONS,
        [module.key for module in outline.modules],
    )
    return [{**row, "name": names.get(row["module"], "")} for row in rows]
