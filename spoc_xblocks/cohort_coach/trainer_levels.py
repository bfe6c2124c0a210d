"""The four evaluation levels on the trainer's KPI section: reaction, learning, behaviour and
results, each with its figures, or the block that would measure it."""

from __future__ import annotations

from spoc_xblocks.common.rendering import html_id, render_template

from . import workflow
from .logic.levels import BEHAVIOUR, LEARNING, REACTION, RESULTS, evaluation_levels
from .workflow import CohortSnapshot


def level_figures(snapshot: CohortSnapshot, figures: dict) -> dict[str, dict | None]:
    """The four levels from the KPI figures (the skills follow-up's among them) and the learners'
    scores; the results' benefits keyed by learner id."""
    rows = snapshot.view.rows
    return evaluation_levels(
        figures["satisfaction"],
        figures["skills"],
        figures["skills_followup"],
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
    levels = level_figures(snapshot, figures)
    return render_template(
        block,
        "templates/trainer_levels.html",
        {
            "block_id": html_id(block),
            "levels": levels,
            "benefits": named_benefits(block, snapshot, levels[RESULTS]),
        },
    )


def level_rows(levels: dict[str, dict | None], benefits: list[dict]):
    """The four levels as rows of the KPI CSV (measure, detail, value, out of); a level nothing
    measures says so."""
    for level, figures in levels.items():
        if figures is None:
            yield [level, "not measured yet", "", ""]
            continue
        yield from _LEVEL_ROWS[level](figures)
    for entry in benefits:
        yield [RESULTS, f"benefit reported by {entry['name']}", entry["text"], ""]


def _reaction_rows(figures: dict):
    yield [REACTION, "average satisfaction percent", figures["average_percent"], 100]
    yield [REACTION, "learners who answered a rating", figures["responses"], ""]


def _learning_rows(figures: dict):
    yield [
        LEARNING,
        "average change from before to after (1 to 5 scale)",
        figures["average_change"],
        "",
    ]
    yield [LEARNING, "learners who answered both checks", figures["learners"], ""]


def _behaviour_rows(figures: dict):
    yield [
        BEHAVIOUR,
        "follow-up answers applying a competency monthly or more often, percent",
        figures["applying_percent"],
        100,
    ]
    yield [BEHAVIOUR, "learners who answered the follow-up", figures["learners"], ""]
    for item in figures["competencies"]:
        label = item["label"] or item["id"]
        yield [
            BEHAVIOUR,
            f"{label}: apply it monthly or more often",
            item["applying"],
            item["learners"],
        ]


def _results_rows(figures: dict):
    yield [
        RESULTS,
        "learners who reported a benefit in the follow-up",
        figures["benefit_learners"],
        figures["followup_learners"],
    ]
    yield [RESULTS, "average workshop score percent", figures["workshop_average"], 100]
    yield [RESULTS, "learners with a workshop score", figures["workshop_learners"], ""]
    yield [RESULTS, "average serious game score percent", figures["game_average"], 100]
    yield [RESULTS, "learners with a serious game score", figures["game_learners"], ""]


_LEVEL_ROWS = {
    REACTION: _reaction_rows,
    LEARNING: _learning_rows,
    BEHAVIOUR: _behaviour_rows,
    RESULTS: _results_rows,
}
