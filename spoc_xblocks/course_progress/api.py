"""The only door to the whole course progress: record a problem's score, read a cohort's
progress per module, scores per module and where its learners stop.

Completions are edx-completion's `BlockCompletion` rows, read where the LMS keeps them (the
`completion` app is installed in every LMS); without that app no block counts as completed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.apps import apps
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import timezone

from spoc_xblocks.module_time.api import learner_keys
from spoc_xblocks.module_time.outline import Module, Outline, course_outline

from .logic.progress import (
    ModuleCount,
    Stop,
    blocks_per_module,
    cohort_medians,
    learner_counts,
    stopping_points,
)
from .logic.scores import cohort_scores, learner_module_points, percent
from .models import ProblemScore

COMPLETE = 1.0


def record_score(course_key, learner_key, problem_key, earned, possible, modified=None) -> None:
    ProblemScore.objects.update_or_create(
        course_key=course_key,
        learner_key=learner_key,
        problem_key=problem_key,
        defaults={
            "earned": earned,
            "possible": possible,
            "modified": modified or timezone.now(),
        },
    )


def forget_score(course_key: str, learner_key: str, problem_key: str) -> None:
    ProblemScore.objects.filter(
        course_key=course_key, learner_key=learner_key, problem_key=problem_key
    ).delete()


def completed_blocks(course_key: str, user_keys) -> dict[str, tuple[set[str], datetime | None]]:
    """Platform user id -> (usage keys of the blocks they completed, when they last completed
    one), in one query."""
    found: dict[str, tuple[set[str], datetime | None]] = {}
    ids = [int(key) for key in user_keys if str(key).isdigit()]
    if not ids or not apps.is_installed("completion"):
        return found
    from completion.models import BlockCompletion

    # The keys as stored text: parsing each into a UsageKey costs most of the read at thousands
    # of rows. Courses of the course-v1 form store full keys (old Mongo keys, without the run,
    # would not match the outline).
    rows = (
        BlockCompletion.objects.filter(
            context_key=course_key, user_id__in=ids, completion__gte=COMPLETE
        )
        .annotate(block_text=Cast("block_key", CharField()))
        .values_list("user_id", "block_text", "modified")
    )
    for user_id, block_key, modified in rows:
        blocks, latest = found.get(str(user_id), (set(), None))
        blocks.add(str(block_key))
        found[str(user_id)] = (blocks, modified if latest is None else max(latest, modified))
    return found


def problem_points(course_key: str, user_keys) -> dict[str, dict[str, tuple[float, float]]]:
    """Platform user id -> problem usage key -> (earned, possible), in one query."""
    found: dict[str, dict[str, tuple[float, float]]] = {}
    rows = ProblemScore.objects.filter(course_key=course_key, learner_key__in=list(user_keys))
    for learner, problem, earned, possible in rows.values_list(
        "learner_key", "problem_key", "earned", "possible"
    ):
        found.setdefault(learner, {})[problem] = (earned, possible)
    return found


@dataclass
class ModuleRow:
    module: Module
    blocks: int
    median_done: float
    average_score: int | None = None
    scored: int = 0


@dataclass
class CourseProgress:
    modules: list[ModuleRow] = field(default_factory=list)
    learners: dict[str, dict[str, ModuleCount]] = field(default_factory=dict)
    learner_scores: dict[str, dict[str, int]] = field(default_factory=dict)
    stops: list[tuple[Stop, Module, Module | None]] = field(default_factory=list)


def _section_of(modules: list[Module]) -> dict[str, str]:
    """Module key -> the key of the section it is in."""
    found, section = {}, ""
    for module in modules:
        section = module.key if module.kind == "section" else section
        found[module.key] = section
    return found


def course_progress(
    course_key: str, anonymous_ids, inactive_days: int, now: datetime | None = None
) -> CourseProgress:
    """The cohort's progress per module of the course's outline, its scores per module and where
    its stalled learners (no completion for `inactive_days`) stop, in three queries and one
    outline read."""
    outline = course_outline(course_key) or Outline()
    keys = learner_keys(course_key, anonymous_ids)
    completions = completed_blocks(course_key, keys.values())
    points = problem_points(course_key, keys.values())
    modules = [module for module in outline.modules if module.kind != "block"]
    blocks = blocks_per_module(outline.parents, [module.key for module in modules])
    done = {
        anonymous_id: completions.get(keys.get(anonymous_id, ""), (set(), None))[0]
        for anonymous_id in anonymous_ids
    }
    counts = {anonymous_id: learner_counts(held, blocks) for anonymous_id, held in done.items()}
    medians = cohort_medians(counts, blocks)
    scored = {
        anonymous_id: points.get(keys.get(anonymous_id, ""), {}) for anonymous_id in anonymous_ids
    }
    scores = cohort_scores(scored, outline.parents)
    result = CourseProgress(
        modules=[
            ModuleRow(
                module,
                len(blocks[module.key]),
                medians[module.key],
                scores[module.key].average_percent if module.key in scores else None,
                scores[module.key].scored if module.key in scores else 0,
            )
            for module in modules
        ],
        learners=counts,
    )
    for anonymous_id, problems in scored.items():
        result.learner_scores[anonymous_id] = {
            module: round(share)
            for module, earned_possible in learner_module_points(problems, outline.parents).items()
            if (share := percent(*earned_possible)) is not None
        }
    idle_since = (now or timezone.now()) - timedelta(days=max(inactive_days, 1))
    stalled = {
        anonymous_id: completions[key][0]
        for anonymous_id, key in keys.items()
        if key in completions and completions[key][1] and completions[key][1] < idle_since
    }
    units = [(module.key, blocks[module.key]) for module in modules if module.kind == "unit"]
    sections = _section_of(modules)
    by_key = {module.key: module for module in modules}
    for stop in stopping_points(stalled, units, sections, len(anonymous_ids)):
        result.stops.append((stop, by_key[stop.unit], by_key.get(stop.section)))
    return result
