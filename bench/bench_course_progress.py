"""The whole course progress on the trainer's dashboard: the page at 50, 500 and 5,000 learners
whose completions (edx-completion's BlockCompletion rows) and graded scores fill a course of
every kind of block; its SQL queries must not grow with the cohort."""

from __future__ import annotations

import random
from datetime import timedelta

from .workbench import measured, workbench_usage_ids

COHORTS = (50, 500, 5000)
SCENARIO_ID = "spoc_cohort_coach.0"
SECTIONS, UNITS, BLOCKS = 4, 3, 3  # per course, per section, per unit: 36 blocks
KINDS = ("html", "video", "problem")


def _key(course: str, block_type: str, block_id: str) -> str:
    return f"block-v1:{course.split(':', 1)[1]}+type@{block_type}+block@{block_id}"


def bench_outline(course_key: str):
    """Four sections of one subsection and three units, each of an HTML text, a video and a
    problem."""
    from spoc_xblocks.module_time.outline import Module, Outline

    outline = Outline()
    for section in range(SECTIONS):
        section_key = _key(course_key, "chapter", f"s{section}")
        sub_key = _key(course_key, "sequential", f"q{section}")
        outline.modules += [
            Module(section_key, f"s{section}", "section", f"Module {section + 1}"),
            Module(sub_key, f"q{section}", "subsection", f"Assignment {section + 1}", 1),
        ]
        for unit in range(UNITS):
            unit_key = _key(course_key, "vertical", f"u{section}{unit}")
            outline.modules.append(Module(unit_key, f"u{section}{unit}", "unit", "Unit", 2))
            for index, kind in enumerate(KINDS[:BLOCKS]):
                block = _key(course_key, kind, f"b{section}{unit}{index}")
                outline.parents[block] = [unit_key, sub_key, section_key]
    return outline


def _seed(course: str, names: list[str]) -> None:
    """Real users for the cohort, each with a random share of the course completed (in course
    order) a month ago and the problems they completed scored."""
    from completion.models import BlockCompletion
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from opaque_keys.edx.keys import CourseKey, UsageKey

    from spoc_xblocks.course_progress.models import ProblemScore
    from tests.sites import user_key

    User = get_user_model()
    ids = [int(user_key(name)) for name in names]
    User.objects.bulk_create(
        [User(id=uid, username=f"u{uid}") for uid in ids], ignore_conflicts=True
    )
    blocks = list(bench_outline(course).parents)
    context, when, rng = CourseKey.from_string(course), timezone.now(), random.Random(7)
    completions, scores = [], []
    for uid in ids:
        for block in blocks[: rng.randint(0, len(blocks))]:
            usage = UsageKey.from_string(block)
            completions.append(
                BlockCompletion(
                    user_id=uid,
                    context_key=context,
                    block_key=usage,
                    block_type=usage.block_type,
                    completion=1.0,
                )
            )
            if usage.block_type == "problem":
                scores.append(
                    ProblemScore(
                        course_key=course,
                        learner_key=str(uid),
                        problem_key=block,
                        earned=rng.randint(0, 4),
                        possible=4,
                        modified=when,
                    )
                )
    BlockCompletion.objects.bulk_create(completions, batch_size=2000)
    BlockCompletion.objects.update(modified=when - timedelta(days=30))
    ProblemScore.objects.bulk_create(scores, batch_size=2000)


def _dashboard(usage_id: str, learners: int):
    from completion.models import BlockCompletion
    from django.conf import settings
    from django.test import Client, override_settings

    from spoc_xblocks.cohort_coach.models import CheckIn, Flag
    from spoc_xblocks.common.models import ActivityRecord, BlockProgress
    from spoc_xblocks.course_progress.models import ProblemScore
    from tests.cohort_coach.cohort_factory import COURSE_KEY, build_cohort, cohort_names

    for model in (CheckIn, Flag, ActivityRecord, BlockProgress, BlockCompletion, ProblemScore):
        model.objects.all().delete()
    names = cohort_names(learners, prefix="progress")
    with override_settings(
        SPOC_DEV_ROSTER=names, SPOC_COURSE_OUTLINE="bench.bench_course_progress.bench_outline"
    ):
        build_cohort(usage_id, settings.SPOC_DEV_ROSTER)
        _seed(COURSE_KEY, names)
        client = Client()
        page = f"/view/{SCENARIO_ID}/?student=trainer"
        client.get(page)  # the first read raises the flags
        response, elapsed, queries = measured(lambda: client.get(page))
        assert response.status_code == 200 and b"stop in module" in response.content
    return elapsed, queries, BlockCompletion.objects.count()


def collect() -> list[tuple[str, str, str]]:
    try:
        import completion  # noqa: F401
    except ImportError:
        return [("course progress", "skipped", "edx-completion not installed")]
    usage_id = workbench_usage_ids()[SCENARIO_ID]
    rows, counts = [], []
    for learners in COHORTS:
        elapsed, queries, completions = _dashboard(usage_id, learners)
        counts.append(queries)
        rows.append(
            (
                f"coach dashboard with course progress, {learners} learners",
                f"{elapsed * 1000:.0f} ms",
                f"{queries} SQL queries; {completions} completions over "
                f"{SECTIONS * UNITS * BLOCKS} blocks, scores per subsection, stopping points",
            )
        )
    assert len(set(counts)) == 1, f"the queries grow with the cohort: {counts}"
    return rows
