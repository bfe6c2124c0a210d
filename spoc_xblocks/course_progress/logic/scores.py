"""Scores of the course's graded problems rolled up to the modules that hold them: per learner the
weighted points earned out of possible, and per module the cohort's average over the learners
who have a score there."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModuleScore:
    average_percent: int
    scored: int  # learners with a score in the module


def learner_module_points(
    problems: dict[str, tuple[float, float]], parents: dict[str, list[str]]
) -> dict[str, tuple[float, float]]:
    """Module key -> (earned, possible) summed over the learner's scored problems under it."""
    found: dict[str, tuple[float, float]] = {}
    for problem, (earned, possible) in problems.items():
        for module in parents.get(problem, []):
            had_earned, had_possible = found.get(module, (0.0, 0.0))
            found[module] = (had_earned + earned, had_possible + possible)
    return found


def percent(earned: float, possible: float) -> float | None:
    return 100 * earned / possible if possible > 0 else None


def cohort_scores(
    learners: dict[str, dict[str, tuple[float, float]]], parents: dict[str, list[str]]
) -> dict[str, ModuleScore]:
    """Module key -> the cohort's average percent over the learners scored there."""
    totals: dict[str, list[float]] = {}
    for problems in learners.values():
        for module, points in learner_module_points(problems, parents).items():
            share = percent(*points)
            if share is not None:
                totals.setdefault(module, []).append(share)
    return {
        module: ModuleScore(round(sum(shares) / len(shares)), len(shares))
        for module, shares in totals.items()
    }
