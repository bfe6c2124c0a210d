"""What the skills check shows: competencies as radio groups, a learner's change, the cohort's
levels and change.

Plain dicts for the templates; every chart comes with a table of the same figures.
"""

from __future__ import annotations

from django.utils.safestring import mark_safe

from spoc_xblocks.common.charts import bar_chart_svg, diverging_bar_chart_svg
from spoc_xblocks.common.rendering import html_id

from .logic.skills import (
    AFTER,
    BEFORE,
    LEVELS,
    SkillsDefinition,
    cohort_change,
    cohort_levels,
    learner_change,
)


def form_competencies(block, definition: SkillsDefinition) -> list[dict]:
    """Each competency as a group of five labelled radio buttons, one per level and its
    description."""
    return [
        {
            "number": number,
            "id": competency.id,
            "label": competency.label,
            "html_id": html_id(block, f"c{number}"),
            "levels": [
                {
                    "value": value,
                    "description": description,
                    "html_id": html_id(block, f"c{number}-{value}"),
                }
                for value, description in zip(LEVELS, competency.levels)
            ],
        }
        for number, competency in enumerate(definition.competencies, start=1)
    ]


def _change_limit(values: list[float]) -> float:
    """The chart's half-width: the largest change (with its spread) shown, at least one level."""
    return max([1.0, *values])


def own_levels(definition: SkillsDefinition, levels: dict) -> list[dict]:
    """A learner's levels with what each means, for competencies still in the check."""
    return [
        {
            "label": competency.label,
            "level": levels[competency.id],
            "description": competency.levels[levels[competency.id] - 1],
        }
        for competency in definition.competencies
        if competency.id in levels
    ]


def own_change(block, definition: SkillsDefinition, before: dict, after: dict, gettext) -> dict:
    """A learner's before and after levels and their change per competency, as a chart and a
    table."""
    rows = [
        row for row in learner_change(definition.labels, before, after) if row["delta"] is not None
    ]
    chart = diverging_bar_chart_svg(
        [(row["label"], row["delta"]) for row in rows],
        _change_limit([abs(row["delta"]) for row in rows]),
        title=gettext("Your change per competency"),
        description=gettext(
            "Your level after the course minus your level before it, per competency; the table "
            "that follows gives the same figures."
        ),
        svg_id=html_id(block, "own-change"),
    )
    # The chart escapes every text it draws.
    return {"rows": rows, "chart": mark_safe(chart)}


def _latest(responses: list[dict]) -> dict[str, dict[str, dict]]:
    """{phase: {learner id: levels}}, keeping each learner's latest response per phase (oldest first
    in)."""
    latest = {BEFORE: {}, AFTER: {}}
    for response in responses:
        latest[response["phase"]][response["learner_id"]] = response["levels"]
    return latest


def cohort_view(block, definition: SkillsDefinition, responses: list[dict], gettext) -> dict:
    """The trainer's figures for a check: this phase's average levels, and the change of learners
    with both."""
    latest = _latest(responses)
    labels = definition.labels
    levels = cohort_levels(labels, list(latest[definition.phase].values()))
    answered_levels = [row for row in levels if row["average"] is not None]
    view = {"answered": len(latest[definition.phase]), "levels": levels, "levels_chart": ""}
    if answered_levels:
        # The chart escapes every text it draws.
        view["levels_chart"] = mark_safe(
            bar_chart_svg(
                [(row["label"], row["average"]) for row in answered_levels],
                LEVELS[-1],
                title=gettext("Average level per competency"),
                suffix=" / 5",
                description=gettext(
                    "The cohort's average self-assessed level, from 1 to 5, per competency; the "
                    "table that follows gives the same figures."
                ),
                svg_id=html_id(block, "levels"),
            )
        )
    paired = [
        (latest[BEFORE][learner], after)
        for learner, after in latest[AFTER].items()
        if learner in latest[BEFORE]
    ]
    change = [row for row in cohort_change(labels, paired) if row["learners"]]
    view.update(paired=len(paired), change=change, change_chart="")
    if change:
        # The chart escapes every text it draws.
        view["change_chart"] = mark_safe(
            diverging_bar_chart_svg(
                [(row["label"], row["delta_average"]) for row in change],
                _change_limit([abs(row["delta_average"]) + row["delta_spread"] for row in change]),
                spreads=[row["delta_spread"] for row in change],
                title=gettext("Average change per competency"),
                description=gettext(
                    "The average of each learner's after level minus their before level; the line "
                    "across each bar spans one standard deviation either side. The table that "
                    "follows gives the same figures."
                ),
                svg_id=html_id(block, "change"),
            )
        )
    return view


def learner_rows(
    definition: SkillsDefinition, responses: list[dict], names: dict[str, str], most: int
) -> dict:
    """Each learner's before and after level and change per competency, by name, for the trainer
    (learners are told the trainer sees their self-assessment with their name): the first `most`
    by name, and how many more the CSV export holds."""
    latest = _latest(responses)
    learners = sorted(
        set(latest[BEFORE]) | set(latest[AFTER]), key=lambda learner: names.get(learner, "")
    )
    rows = [
        {
            "name": names.get(learner, ""),
            "cells": [
                {"before": was, "after": now, "change": change}
                for was, now, change in _levels_of(definition, latest, learner)
            ],
        }
        for learner in learners[:most]
    ]
    return {"rows": rows, "more": max(0, len(learners) - most)}


def _levels_of(definition: SkillsDefinition, latest: dict, learner: str) -> list[tuple]:
    """(before, after, change) per competency of one learner; None where a check was not taken."""
    before, after = latest[BEFORE].get(learner, {}), latest[AFTER].get(learner, {})
    levels = []
    for competency in definition.competencies:
        was, now = before.get(competency.id), after.get(competency.id)
        levels.append((was, now, None if was is None or now is None else now - was))
    return levels


def export_rows(definition: SkillsDefinition, responses: list[dict]):
    """One CSV row per learner: their before, after and change for each competency."""
    latest = _latest(responses)
    for learner in sorted(set(latest[BEFORE]) | set(latest[AFTER])):
        yield [
            learner,
            *(level for levels in _levels_of(definition, latest, learner) for level in levels),
        ]
