"""The trainer's debrief figures, computed from the stored counts and the scenario (pure: no
Django)."""

from __future__ import annotations

from collections import Counter, defaultdict

from .heatmap import click_cells, clicks_per_hotspot
from .model import MISS, Scenario


def _share(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def debrief_figures(scenario: Scenario, counts: dict) -> dict:
    """Started, finished, endings, choice shares per decision, sticking points and competency
    averages."""
    finished_runs = counts["finished_runs"]
    ending_counts = Counter(ending_id for _learner, ending_id, *_rest in finished_runs)
    edge_counts = {(row["node_id"], row["choice_id"]): row["count"] for row in counts["choices"]}
    return {
        "learners_started": counts["learners_started"],
        "learners_finished": counts["learners_finished"],
        "completion_percent": _share(counts["learners_finished"], counts["learners_started"]),
        "runs_finished": len(finished_runs),
        "endings": _endings(scenario, ending_counts, len(finished_runs)),
        "decisions": _decisions(scenario, edge_counts),
        "stuck": [
            {
                "node": row["node_id"],
                "title": _title(scenario, row["node_id"]),
                "count": row["count"],
            }
            for row in counts["stuck"]
        ],
        "competencies": _competency_averages(scenario, finished_runs),
        "average_score_percent": _average_score(finished_runs),
        "edge_counts": edge_counts,
        "node_counts": _node_counts(edge_counts, ending_counts),
        "screens": _screens(scenario, counts.get("screens", ()), counts.get("clicks", ())),
    }


def _screens(scenario: Scenario, rows, clicks) -> list[dict]:
    """Per screen and input step: actions, misses, the miss rate, the average time a run spent
    there, and on a screen its clicks (binned for the heat map, and per hotspot)."""
    by_node = {row["node_id"]: row for row in rows}
    points = defaultdict(list)
    for node_id, x, y in clicks:
        points[node_id].append((x, y))
    screens = []
    for node in scenario.nodes:
        if not node.is_simulation:
            continue
        row = by_node.get(node.id, {})
        actions, misses = row.get("actions", 0), row.get("misses", 0)
        runs, seconds = row.get("runs", 0), row.get("seconds") or 0
        here = points.get(node.id, [])
        per_hotspot = clicks_per_hotspot(node, here)
        screens.append(
            {
                "node": node,
                "title": node.title or node.id,
                "actions": actions,
                "misses": misses,
                "miss_percent": _share(misses, actions),
                "average_seconds": round(seconds / runs) if runs else None,
                "clicks": len(here),
                "cells": click_cells(here),
                "hotspots": [
                    {
                        "text": hotspot.text or hotspot.id,
                        "count": count,
                        "percent": _share(count, len(here)),
                    }
                    for hotspot, count in zip(node.hotspots, per_hotspot, strict=False)
                ],
                "beside": per_hotspot[-1],
                "beside_percent": _share(per_hotspot[-1], len(here)),
            }
        )
    return screens


def _title(scenario: Scenario, node_id: str) -> str:
    node = scenario.node(node_id)
    return (node.title or node.id) if node else node_id


def _endings(scenario: Scenario, ending_counts: Counter, total: int) -> list[dict]:
    endings = [node for node in scenario.nodes if node.is_ending]
    known = {node.id for node in endings}
    rows = [
        {
            "id": node.id,
            "title": node.title or node.id,
            "outcome": node.outcome,
            "count": ending_counts.get(node.id, 0),
            "percent": _share(ending_counts.get(node.id, 0), total),
        }
        for node in endings
    ]
    # Endings reached in an earlier version of the scenario still count.
    rows += [
        {
            "id": ending_id,
            "title": ending_id,
            "outcome": "",
            "count": count,
            "percent": _share(count, total),
        }
        for ending_id, count in sorted(ending_counts.items())
        if ending_id not in known
    ]
    return rows


def _decisions(scenario: Scenario, edge_counts: dict) -> list[dict]:
    decisions = []
    for node in scenario.nodes:
        if node.kind != "decision":
            continue
        total = sum(edge_counts.get((node.id, choice.id), 0) for choice in node.choices)
        decisions.append(
            {
                "id": node.id,
                "title": node.title or node.id,
                "total": total,
                "choices": [
                    {
                        "id": choice.id,
                        "text": choice.text or choice.id,
                        "count": edge_counts.get((node.id, choice.id), 0),
                        "percent": _share(edge_counts.get((node.id, choice.id), 0), total),
                    }
                    for choice in node.choices
                ],
            }
        )
    return decisions


def _competency_averages(scenario: Scenario, finished_runs: list) -> list[dict]:
    sums = defaultdict(float)
    for _learner, _ending, _outcome, _score, points in finished_runs:
        for competency, value in (points or {}).items():
            sums[competency] += value
    count = len(finished_runs)
    return [
        {
            "id": competency.id,
            "label": competency.label or competency.id,
            "average": round(sums[competency.id] / count, 1) if count else 0,
        }
        for competency in scenario.competencies
    ]


def _average_score(finished_runs: list) -> int | None:
    scores = [
        score for _learner, _ending, _outcome, score, _points in finished_runs if score is not None
    ]
    return round(100 * sum(scores) / len(scores)) if scores else None


def _node_counts(edge_counts: dict, ending_counts: Counter) -> dict:
    """How many times each node was left by a choice, or reached as an ending."""
    reached = Counter()
    for (node_id, choice_id), count in edge_counts.items():
        if choice_id != MISS:
            reached[node_id] += count
    reached.update(ending_counts)
    return dict(reached)
