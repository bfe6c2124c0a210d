"""The four evaluation levels on the trainer's KPI section: reaction, learning, behaviour and
results, each with its figures, or the block that would measure it."""

from __future__ import annotations

from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.engagement import api as engagement_api

from . import workflow
from .logic.levels import RESULTS, evaluation_levels
from .workflow import CohortSnapshot


def level_figures(block, snapshot: CohortSnapshot, figures: dict) -> dict[str, dict | None]:
    """The four levels from the KPI figures, the skills follow-up and the learners' scores; the
    results' benefits keyed by learner id."""
    rows = snapshot.view.rows
    return evaluation_levels(
        figures["satisfaction"],
        figures["skills"],
        engagement_api.skills_followup(block.course_key),
        [row.game_score for row in rows],
        [row.workshop_score for row in rows],
    )


def named_benefits(block, snapshot: CohortSnapshot, results: dict | None) -> list[dict]:
    """The benefits learners reported, with their names (the follow-up tells them the trainer sees
    their answers with their name), by name."""
    benefits = (results or {}).get("benefits") or {}
    names = workflow.learner_names(block, list(benefits), snapshot.usernames)
    named = [
        {"learner_id": learner, "name": names.get(learner) or learner[:8], "text": text}
        for learner, text in benefits.items()
    ]
    return sorted(named, key=lambda entry: entry["name"].lower())


def levels_html(block, snapshot: CohortSnapshot, figures: dict) -> str:
    levels = level_figures(block, snapshot, figures)
    return render_template(
        block,
        "templates/trainer_levels.html",
        {
            "block_id": html_id(block),
            "levels": levels,
            "benefits": named_benefits(block, snapshot, levels[RESULTS]),
        },
    )
