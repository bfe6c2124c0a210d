"""The cohort heat map (pure): learners × modules, each cell a learner's progress in the module
(0 to 1) and their time there (seconds), in pages of learners.

Progress is {learner: {module key: 0..1}}, from one of two sources: `completed_share_by_module`,
the share of each module's blocks the platform recorded complete (the whole course: videos,
problems and ours), or `block_progress_by_module`, our blocks' progress rows mapped to the modules
through the course outline, for a course whose completions the platform does not record.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .cohort import COACH

PAGE_SIZE = 50  # learners per page: 50 rows fit one 1280 px screen
SHADES = 5  # progress levels told apart by colour: 1-20 %, …, 81-100 %; 0 is no progress


@dataclass(frozen=True)
class Column:
    key: str
    name: str


@dataclass(frozen=True)
class Cell:
    progress: float | None  # 0..1, None when nothing in the module measures progress
    seconds: float

    @property
    def percent(self) -> int | None:
        return None if self.progress is None else round(100 * self.progress)

    @property
    def minutes(self) -> int:
        return round(self.seconds / 60)

    @property
    def shade(self) -> int | None:
        """0 for no progress, 1 to SHADES as progress grows, None when it is not measured."""
        if self.progress is None:
            return None
        if self.progress <= 0:
            return 0
        return min(SHADES, max(1, -(-round(100 * self.progress) * SHADES // 100)))


@dataclass(frozen=True)
class HeatRow:
    learner_id: str
    name: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class HeatPage:
    columns: tuple[Column, ...]
    rows: tuple[HeatRow, ...]
    page: int
    pages: int
    learners: int


def block_progress_by_module(
    learner_ids: list[str], progress_rows: list[dict], parents: dict[str, list[str]], modules
) -> dict[str, dict[str, float]]:
    """Each learner's share of our blocks done in each module (the coach's check-ins, which recur,
    left out): a block counts in every module that holds it (`parents`: block → its modules' keys;
    a block the outline does not know is its own module). A module without any of our blocks has
    no progress."""
    wanted = set(modules)
    in_module, done = defaultdict(set), defaultdict(set)
    for row in progress_rows:
        if row["block_type"] == COACH:
            continue
        for module in parents.get(row["usage_key"], [row["usage_key"]]):
            if module in wanted:
                in_module[module].add(row["usage_key"])
                if row["state"] == "done":
                    done[(row["learner_id"], module)].add(row["usage_key"])
    return {
        learner: {
            module: len(done[(learner, module)]) / len(blocks)
            for module, blocks in in_module.items()
        }
        for learner in learner_ids
    }


def completed_share_by_module(
    learner_ids: list[str], counts: dict[str, dict], modules
) -> dict[str, dict[str, float]]:
    """Each learner's share of each module's blocks the platform recorded complete (`counts`:
    learner → module key → its completed blocks and all its blocks, as the whole course's progress
    counts them). A module with no block, or that the outline does not know, has no share here."""
    return {
        learner: {
            module: count.done / count.total
            for module in modules
            if (count := counts.get(learner, {}).get(module)) is not None and count.total
        }
        for learner in learner_ids
    }


def heat_page(
    learners: list[tuple[str, str]],
    columns: list[Column],
    progress: dict[str, dict[str, float]],
    seconds: dict[str, dict[str, float]],
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> HeatPage:
    """One page of the heat map: learners (id, name) by name, a cell per column."""
    ordered = sorted(learners, key=lambda learner: (learner[1].lower(), learner[0]))
    pages = max(1, -(-len(ordered) // page_size))
    page = min(max(page, 1), pages)
    shown = ordered[(page - 1) * page_size : page * page_size]
    rows = tuple(
        HeatRow(
            learner_id,
            name,
            tuple(
                Cell(
                    (progress.get(learner_id) or {}).get(column.key),
                    (seconds.get(learner_id) or {}).get(column.key, 0.0),
                )
                for column in columns
            ),
        )
        for learner_id, name in shown
    )
    return HeatPage(tuple(columns), rows, page, pages, len(ordered))
