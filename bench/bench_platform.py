"""The trainer's pages as the LMS serves them: the coach's and the workshop's dashboards on the
platform stand-in (tests/platform), whose user and enrollments services cost the queries the LMS's
cost, at 50 and 500 enrolled learners. The first view after the learners enrolled resolves their
anonymous ids (the platform gives them one person at a time); every later view reads the cohort in a
constant number of queries."""

from __future__ import annotations

from functools import partial

from .workbench import lms_stand_in, measured, median_of, workbench_usage_ids

COHORTS = (50, 500)
STEADY_READS = 7  # the median of them: single reads swing with the machine
COACH = "spoc_cohort_coach.0"
WORKSHOP = "spoc_peer_workshop.0"


def _page(site, scenario_id: str):
    response, elapsed, queries = measured(lambda: site.page(scenario_id, "trainer"))
    assert response.status_code == 200, response.content[:300]
    return elapsed * 1000, queries


def _cohort(site, size: int, seen_before: bool) -> list[str]:
    """`size` enrolled learners with a month of activity; `seen_before`: their own requests recorded
    them (the usual case), else none has acted since enrolling and the trainer's first view resolves
    them all."""
    from django.conf import settings

    from spoc_xblocks.common.models import CourseMember
    from spoc_xblocks.dev.seed.peer_workshop import synthetic_cohort
    from tests.cohort_coach.cohort_factory import build_cohort, cohort_names

    names = cohort_names(size, prefix=f"lms{'seen' if seen_before else 'new'}")
    settings.SPOC_DEV_ROSTER = names
    build_cohort(site.usage_id(COACH), names)
    if not seen_before:
        CourseMember.objects.filter(user_key__in=[site.user_key(name) for name in names]).delete()
    synthetic_cohort(site.usage_id(WORKSHOP), [site.anonymous_id(name) for name in names])
    return names


def _figures(site, size: int, seen_before: bool) -> list[tuple[str, str, str]]:
    from completion.models import BlockCompletion

    from spoc_xblocks.cohort_coach.models import CheckIn, Flag
    from spoc_xblocks.common.models import ActivityRecord, BlockProgress
    from spoc_xblocks.course_progress.models import ProblemScore
    from spoc_xblocks.dev.seed.peer_workshop import MODELS

    # the course's rows of the modules before (bench_course_progress: 5,000 learners' completions)
    for model in (
        CheckIn,
        Flag,
        ActivityRecord,
        BlockProgress,
        BlockCompletion,
        ProblemScore,
        *MODELS,
    ):
        model.objects.all().delete()
    _cohort(site, size, seen_before)
    rows = []
    for label, scenario_id in (("coach dashboard", COACH), ("workshop dashboard", WORKSHOP)):
        first = _page(site, scenario_id)
        steady = median_of(STEADY_READS, partial(_page, site, scenario_id))
        when = "learners seen before" if seen_before else "learners never seen"
        rows.append(
            (
                f"LMS stand-in {label}, {size} learners ({when})",
                f"{steady[0]:.0f} ms",
                f"{steady[1]} SQL queries; first view {first[0]:.0f} ms, {first[1]} queries",
            )
        )
    return rows


def collect() -> list[tuple[str, str, str]]:
    workbench_usage_ids()  # Django set up on a fresh database first
    rows = []
    with lms_stand_in() as site:
        site.page(COACH, "trainer")  # the trainer is seen once as the course's staff
        for size in COHORTS:
            for seen_before in (True, False):
                rows += _figures(site, size, seen_before)
    return rows


if __name__ == "__main__":
    for row in collect():
        print(*row, sep="  ")
