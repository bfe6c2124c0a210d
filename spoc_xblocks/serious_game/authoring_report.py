"""What the authoring views say about a scenario: its problems, its map, its paths and its score
range, translated.

Plain data for the Studio editor, the author view and the XBlock validation; the scenario checks are
pure functions of the XML text, so they are cached by it, like `workflow.load_scenario`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spoc_xblocks.common.olx import OlxError
from spoc_xblocks.common.text import _

from .logic.messages import ERROR, INFO, WARNING, Problem
from .logic.model import Scenario
from .logic.paths import list_paths
from .logic.scoring import best_totals, score_range
from .logic.validate import validate
from .olx import scenario_from_xml
from .svg import scenario_map_svg, svg_labels

PATHS_LISTED = 100
ROUTE_NODES_SHOWN = 40
UNREADABLE = _("The scenario XML cannot be read: {error}")


@dataclass(frozen=True)
class ScenarioCheck:
    """A scenario text checked: the scenario and its problems, or why the XML cannot be read."""

    scenario: Scenario | None
    problems: tuple[Problem, ...]
    olx_error: OlxError | None

    @property
    def errors(self) -> list[Problem]:
        return [found for found in self.problems if found.level == ERROR]

    def unreadable_text(self, gettext) -> str:
        return gettext(UNREADABLE).format(error=self.olx_error.text(gettext))

    def error_texts(self, gettext) -> list[str]:
        """Every reason the scenario cannot be saved, translated (empty when it can)."""
        if self.olx_error is not None:
            return [self.unreadable_text(gettext)]
        return [found.text(gettext) for found in self.errors]


@functools.lru_cache(maxsize=8)
def check_scenario(scenario_xml: str) -> ScenarioCheck:
    """Parse and validate a scenario text."""
    try:
        scenario = scenario_from_xml(scenario_xml)
    except OlxError as error:
        return ScenarioCheck(None, (), error)
    return ScenarioCheck(scenario, tuple(validate(scenario)), None)


def problem_item(found: Problem, gettext) -> dict:
    return {
        "level": found.level,
        "code": found.code,
        "text": found.text(gettext),
        "node_id": found.node_id,
        "choice_id": found.choice_id,
    }


def problems_by_level(check: ScenarioCheck, gettext) -> dict[str, list[dict]]:
    """Errors, warnings and information, translated; an unreadable XML is one error with its
    line."""
    levels: dict[str, list[dict]] = {ERROR: [], WARNING: [], INFO: []}
    if check.olx_error is not None:
        levels[ERROR].append(
            {
                "level": ERROR,
                "code": "olx",
                "text": check.unreadable_text(gettext),
                "node_id": None,
                "choice_id": None,
                "line": check.olx_error.line,
            }
        )
    for found in check.problems:
        levels[found.level].append(problem_item(found, gettext))
    return levels


def map_svg(check: ScenarioCheck, gettext, svg_id: str) -> str:
    """The scenario map with its errors and warnings marked on their nodes ('' when the XML cannot
    be read)."""
    if check.scenario is None:
        return ""
    marked: dict[str, list[tuple[str, str]]] = {}
    for found in check.problems:
        if found.node_id and found.level != INFO:
            marked.setdefault(found.node_id, []).append((found.level, found.text(gettext)))
    return scenario_map_svg(check.scenario, marked, svg_labels(gettext), svg_id=svg_id)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _percent(fraction: float | None) -> int | None:
    return None if fraction is None else round(100 * fraction)


def _route(nodes: tuple[str, ...]) -> str:
    if len(nodes) <= ROUTE_NODES_SHOWN:
        return " → ".join(nodes)
    return " → ".join(nodes[: ROUTE_NODES_SHOWN - 2]) + " → … → " + nodes[-1]


def path_table(scenario: Scenario, grading_mode: str, gettext) -> dict:
    """Every start-to-ending path (up to PATHS_LISTED): steps, ending, outcome, points and share of
    each competency, and the score in the block's grading mode."""
    listing = list_paths(scenario, limit=PATHS_LISTED)
    outcomes = svg_labels(gettext)
    rows = []
    for number, path in enumerate(listing.paths, start=1):
        ending = scenario.node(path.ending)
        score = {"ending": path.score_by_ending, "path": path.score_by_path}.get(grading_mode)
        rows.append(
            {
                "number": number,
                "steps": len(path.choices),
                "route": _route(path.nodes),
                "ending": ending.title or ending.id,
                "ending_id": ending.id,
                "outcome": path.outcome,
                "outcome_label": outcomes[path.outcome],
                "competencies": [
                    {
                        "points": _number(path.points.get(competency.id, 0)),
                        "percent": _percent(path.competency_scores.get(competency.id, 0)),
                    }
                    for competency in scenario.competencies
                ],
                "score_percent": _percent(score),
            }
        )
    return {
        "rows": rows,
        "competencies": [competency.label or competency.id for competency in scenario.competencies],
        "graded": grading_mode != "ungraded",
        "truncated": listing.truncated,
        "loops_cut": listing.loops_cut,
        "limit": PATHS_LISTED,
    }


def score_table(scenario: Scenario, grading_mode: str, gettext) -> dict:
    """The lowest and highest score a finished run can get, overall in the block's mode and per
    competency."""
    scores = score_range(scenario)
    best = best_totals(scenario)
    rows = []
    overall = {"ending": scores.by_ending, "path": scores.by_path}.get(grading_mode)
    if overall is not None:
        label = (
            gettext("Score (by ending)") if grading_mode == "ending" else gettext("Score (by path)")
        )
        rows.append(
            {
                "label": label,
                "low": _percent(overall.low),
                "high": _percent(overall.high),
                "maximum": _number(best.total) if grading_mode == "path" else None,
            }
        )
    for competency in scenario.competencies:
        band = scores.competencies.get(competency.id)
        if band is not None:
            rows.append(
                {
                    "label": competency.label or competency.id,
                    "low": _percent(band.low),
                    "high": _percent(band.high),
                    "maximum": _number(best.per_competency.get(competency.id, 0)),
                }
            )
    return {"rows": rows, "complete": scores.complete, "reachable": scores.by_ending is not None}
