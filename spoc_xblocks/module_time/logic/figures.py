"""The cohort's time per module: median and quartiles over learners, beside the author's design
estimate, rolled up from the blocks the events name to their unit, subsection and section."""

from __future__ import annotations

from dataclasses import dataclass

OVER_ESTIMATE = 1.5


@dataclass(frozen=True)
class ModuleFigures:
    """One module's time over the cohort, in seconds."""

    module: str
    learners: int
    median: float
    lower_quartile: float
    upper_quartile: float
    estimate: float | None
    over_estimate: bool


def quantile(sorted_values: list[float], fraction: float) -> float:
    """The value at `fraction` (0 to 1) of sorted values, interpolated between neighbours."""
    if not sorted_values:
        return 0.0
    position = (len(sorted_values) - 1) * fraction
    below = int(position)
    above = min(below + 1, len(sorted_values) - 1)
    share = position - below
    return sorted_values[below] + (sorted_values[above] - sorted_values[below]) * share


def roll_up(seconds: dict[str, float], parents: dict[str, list[str]]) -> dict[str, float]:
    """Seconds per module, with each block's time added to every module that holds it (`parents`:
    block → its unit, subsection and section). A block the outline does not know counts alone."""
    totals: dict[str, float] = {}
    for block, value in seconds.items():
        for module in parents.get(block, [block]):
            totals[module] = totals.get(module, 0.0) + value
    return totals


def cohort_figures(
    per_learner: dict[str, dict[str, float]],
    modules: list[str],
    estimates: dict[str, float],
) -> list[ModuleFigures]:
    """Per module (in the order given), the median and quartiles of the learners' seconds: every
    learner of `per_learner` counts, a learner with no time on the module as 0. A module is over
    its estimate (seconds) when the median passes `OVER_ESTIMATE` times it."""
    figures = []
    for module in modules:
        values = sorted(times.get(module, 0.0) for times in per_learner.values())
        median = quantile(values, 0.5)
        estimate = estimates.get(module)
        figures.append(
            ModuleFigures(
                module=module,
                learners=len(values),
                median=median,
                lower_quartile=quantile(values, 0.25),
                upper_quartile=quantile(values, 0.75),
                estimate=estimate,
                over_estimate=bool(estimate) and median > OVER_ESTIMATE * estimate,
            )
        )
    return figures
