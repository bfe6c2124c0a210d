"""Completed blocks per module of the whole course: a learner's own, the cohort's median, and
where learners stop.

A module's blocks are the outline's blocks under it that are not modules themselves (sections,
subsections and units only hold blocks); a block counts as completed when the platform recorded
it complete (edx-completion's completion of 1.0).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import median


@dataclass(frozen=True)
class ModuleCount:
    done: int
    total: int


@dataclass(frozen=True)
class Stop:
    """Learners whose progress stops in `unit` (of `section`), out of `learners`."""

    unit: str
    section: str
    stopped: int
    learners: int

    @property
    def percent(self) -> int:
        return round(100 * self.stopped / self.learners) if self.learners else 0


def blocks_per_module(parents: dict[str, list[str]], module_keys) -> dict[str, list[str]]:
    """Module key -> its blocks (outline order), for every module of `module_keys`."""
    modules = set(module_keys)
    found: dict[str, list[str]] = {key: [] for key in module_keys}
    for block, holders in parents.items():
        if block in modules:
            continue
        for holder in holders:
            if holder in found:
                found[holder].append(block)
    return found


def learner_counts(completed, blocks: dict[str, list[str]]) -> dict[str, ModuleCount]:
    """One learner's completed blocks out of each module's blocks."""
    done = set(completed)
    return {
        module: ModuleCount(len(done.intersection(held)), len(held))
        for module, held in blocks.items()
    }


def cohort_medians(counts: dict[str, dict[str, ModuleCount]], modules) -> dict[str, float]:
    """Module key -> the cohort's median count of completed blocks (the learners' `learner_counts`),
    every learner counting (0 for one who completed nothing there); 0 for an empty cohort."""
    return {
        module: float(median(count[module].done for count in counts.values())) if counts else 0.0
        for module in modules
    }


def stopping_unit(completed, units: list[tuple[str, list[str]]]) -> str:
    """The unit where a learner's progress stops: the unit of the furthest block they completed
    if some of it is left, else the next unit with blocks; "" when they completed nothing or
    everything up to the end."""
    done = set(completed)
    furthest = max(
        (place for place, (_unit, held) in enumerate(units) if done.intersection(held)),
        default=None,
    )
    if furthest is None:
        return ""
    for unit, held in units[furthest:]:
        if held and not done.issuperset(held):
            return unit
    return ""


def stopping_points(
    stalled: dict[str, set[str]],
    units: list[tuple[str, list[str]]],
    section_of: dict[str, str],
    cohort_size: int,
    limit: int = 10,
) -> list[Stop]:
    """Where the stalled learners' progress stops, most learners first (then course order); the
    share is over the whole cohort."""
    order = {unit: place for place, (unit, _held) in enumerate(units)}
    counts = Counter(
        unit for unit in (stopping_unit(done, units) for done in stalled.values()) if unit
    )
    ranked = sorted(counts.items(), key=lambda item: (-item[1], order[item[0]]))
    return [
        Stop(unit, section_of.get(unit, ""), stopped, cohort_size)
        for unit, stopped in ranked[:limit]
    ]
