"""What the skills check shows: competencies as radio groups, a learner's change, the cohort's
levels and change.

Plain dicts for the templates; every chart comes with a table of the same figures.
"""

from __future__ import annotations

from django.utils.safestring import mark_safe

from spoc_xblocks.common.charts import bar_chart_svg, diverging_bar_chart_svg
from spoc_xblocks.common.numbers import percent_text
from spoc_xblocks.common.rendering import html_id
from spoc_xblocks.common.text import _

from .logic.skills import (
    AFTER,
    BEFORE,
    FOLLOWUP,
    LEVELS,
    PHASES,
    USES,
    SkillsDefinition,
    cohort_change,
    cohort_followup,
    cohort_levels,
    learner_change,
)

USE_LABELS = {
    "never": _("Never"),
    "once": _("Once or twice"),
    "monthly": _("About once a month"),
    "weekly": _("Every week"),
    "daily": _("Every day"),
}


def form_competencies(block, definition: SkillsDefinition) -> list[dict]:
    """Each competency as a group of five labelled radio buttons, one per level and its
    description; in a follow-up, also how often it was used at work and an example."""
    gettext = block.gettext
    competencies = []
    for number, competency in enumerate(definition.competencies, start=1):
        item = {
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
            "uses": [],
        }
        if definition.phase == FOLLOWUP:
            item["uses"] = [
                {
                    "value": use,
                    "label": gettext(USE_LABELS[use]),
                    "html_id": html_id(block, f"c{number}-{use}"),
                }
                for use in USES
            ]
            item["example_id"] = html_id(block, f"c{number}-example")
        competencies.append(item)
    return competencies


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
    latest = {phase: {} for phase in PHASES}
    for response in responses:
        latest[response["phase"]][response["learner_id"]] = response["levels"]
    return latest


def _followups(responses: list[dict]) -> dict[str, dict]:
    """Each learner's latest follow-up response (levels, application, benefit)."""
    return {
        response["learner_id"]: response for response in responses if response["phase"] == FOLLOWUP
    }


def own_followup(definition: SkillsDefinition, before, after, answer: dict, gettext) -> dict:
    """A learner's levels before, after and now, and how they used each competency at work."""
    rows = []
    for competency in definition.competencies:
        applied = answer["application"].get(competency.id, {})
        rows.append(
            {
                "label": competency.label,
                "before": (before or {}).get(competency.id),
                "after": (after or {}).get(competency.id),
                "now": answer["levels"].get(competency.id),
                "use": gettext(USE_LABELS[applied["use"]]) if applied.get("use") else "",
                "example": applied.get("example", ""),
            }
        )
    return {"rows": rows, "benefit": answer.get("benefit", "")}


def followup_view(block, definition: SkillsDefinition, responses: list[dict], names, gettext):
    """The trainer's figures for a follow-up: per competency, the levels at the three checks of
    those who answered it and how many apply it at work; and what each learner said, by name
    (learners are told the trainer sees their answers with their name)."""
    latest, followups = _latest(responses), _followups(responses)
    learners = [
        {
            "before": latest[BEFORE].get(learner),
            "after": latest[AFTER].get(learner),
            "followup": answer["levels"],
            "application": answer["application"],
        }
        for learner, answer in followups.items()
    ]
    rows = [row for row in cohort_followup(definition.labels, learners) if row["learners"]]
    for row in rows:
        row["applying_text"] = gettext("{count} of {total} ({percent})").format(
            count=row["applying"],
            total=row["learners"],
            percent=percent_text(row["applying_percent"], gettext),
        )
    chart = ""
    if rows:
        # The chart escapes every text it draws.
        chart = mark_safe(
            bar_chart_svg(
                [(row["label"], row["applying_percent"]) for row in rows],
                100,
                title=gettext("Learners who apply each competency at work"),
                written=lambda value: percent_text(value, gettext),
                description=gettext(
                    "The share of learners who answered the follow-up and use the competency at "
                    "work about once a month or more often; the table that follows gives the "
                    "same figures."
                ),
                svg_id=html_id(block, "applying"),
            )
        )
    labels = dict(definition.labels)
    said = [
        {
            "name": names.get(learner, ""),
            "examples": [
                {"label": labels[competency_id], "text": applied["example"]}
                for competency_id, applied in answer["application"].items()
                if applied.get("example") and competency_id in labels
            ],
            "benefit": answer["benefit"],
        }
        for learner, answer in sorted(followups.items(), key=lambda item: names.get(item[0], ""))
    ]
    return {
        "answered": len(followups),
        "rows": rows,
        "chart": chart,
        "said": [entry for entry in said if entry["examples"] or entry["benefit"]],
    }


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


def export_header(definition: SkillsDefinition, gettext) -> list[str]:
    """The CSV's columns after the learner's: before, after and change per competency, and in a
    follow-up the level then, the use at work and the example, and the benefit seen."""
    columns = (BEFORE, AFTER, "change")
    if definition.phase == FOLLOWUP:
        columns += (FOLLOWUP, gettext("use at work"), gettext("example"))
    header = [
        f"{competency.label} ({column})"
        for competency in definition.competencies
        for column in columns
    ]
    return header + ([gettext("benefit seen")] if definition.phase == FOLLOWUP else [])


def export_rows(definition: SkillsDefinition, responses: list[dict]):
    """One CSV row per learner, in export_header's columns."""
    latest, followups = _latest(responses), _followups(responses)
    followup = definition.phase == FOLLOWUP
    for learner in sorted(set(latest[BEFORE]) | set(latest[AFTER]) | set(latest[FOLLOWUP])):
        answer = followups.get(learner) or {"levels": {}, "application": {}, "benefit": ""}
        cells = []
        for competency, levels in zip(
            definition.competencies, _levels_of(definition, latest, learner), strict=True
        ):
            cells += levels
            if followup:
                applied = answer["application"].get(competency.id, {})
                cells += [
                    answer["levels"].get(competency.id),
                    applied.get("use", ""),
                    applied.get("example", ""),
                ]
        yield [learner, *cells, *([answer["benefit"]] if followup else [])]
