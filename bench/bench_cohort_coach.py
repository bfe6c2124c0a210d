"""Cohort coach through the workbench: the trainer's dashboard at 15, 50, 500 and 5,000 learners
(time and SQL queries), the check-in handler's latency and queries, and the heat map's page at 50
and 500 learners."""

from __future__ import annotations

import json
import statistics

from .workbench import measured, median_of, workbench_usage_ids

COHORTS = (15, 50, 500, 5000)
HEATMAP_COHORTS = (50, 500)
LEARNERS_CHECKING_IN = 40
STEADY_READS = 15  # single reads swing with the machine; the median of 15 holds
SCENARIO_ID = "spoc_cohort_coach.0"
ANSWERS = {
    "progress": 40,
    "confidence": 3,
    "mood": "good",
    "blockers": "The rubric",
    "help": "An example",
}


def _timed(call):
    response, elapsed, queries = measured(call)
    assert response.status_code == 200, response.content[:500]
    return elapsed, queries


def _check_ins(usage_id: str):
    from django.test import Client

    client = Client()
    times, queries = [], []
    for index in range(LEARNERS_CHECKING_IN):
        url = f"/handler/{usage_id}/post_checkin/?student=bench{index:03d}"
        elapsed, count = _timed(
            lambda url=url: client.post(url, json.dumps(ANSWERS), content_type="application/json")
        )
        times.append(elapsed * 1000)
        queries.append(count)
    return sorted(times), queries


def _dashboard(usage_id: str, learners: int):
    """The trainer's page for a fresh cohort: the first read raises the flags; then the steady
    state (the cohort kept from the read before), and the read after a learner's check-in (the
    cohort computed anew)."""
    from django.conf import settings
    from django.test import Client, override_settings

    from spoc_xblocks.cohort_coach.models import CheckIn, Flag
    from spoc_xblocks.common.models import ActivityRecord, BlockProgress
    from tests.cohort_coach.cohort_factory import build_cohort, cohort_names

    for model in (CheckIn, Flag, ActivityRecord, BlockProgress):
        model.objects.all().delete()
    with override_settings(
        SPOC_DEV_ROSTER=cohort_names(learners, prefix="bench")
    ):  # the other benches keep 12
        build_cohort(usage_id, settings.SPOC_DEV_ROSTER)
        client = Client()
        page = f"/view/{SCENARIO_ID}/?student=trainer"
        first, first_queries = _timed(lambda: client.get(page))
        steady, steady_queries = median_of(STEADY_READS, lambda: _timed(lambda: client.get(page)))
        changed = []
        for index in range(3):
            url = f"/handler/{usage_id}/post_checkin/?student=bench{index:03d}"
            client.post(url, json.dumps(ANSWERS), content_type="application/json")
            changed.append(_timed(lambda: client.get(page)))
    return (
        first,
        first_queries,
        steady,
        steady_queries,
        statistics.median(elapsed for elapsed, _queries in changed),
        Flag.objects.count(),
    )


def _heatmap(usage_id: str, learners: int):
    """The heat map's page handler (its first page) for a cohort with time in a module each: the
    median of five reads, their SQL queries, and the SVG's size."""
    from django.test import Client, override_settings

    from spoc_xblocks.cohort_coach.models import CheckIn, Flag
    from spoc_xblocks.common.models import ActivityRecord, BlockProgress
    from tests.cohort_coach.cohort_factory import build_cohort, cohort_names

    for model in (CheckIn, Flag, ActivityRecord, BlockProgress):
        model.objects.all().delete()
    names = cohort_names(learners, prefix="bench")
    with override_settings(SPOC_DEV_ROSTER=names):
        build_cohort(usage_id, names)
        client = Client()
        client.get(f"/view/{SCENARIO_ID}/?student=trainer")
        url = f"/handler/{usage_id}/heatmap_page/?student=trainer"
        runs = [
            _timed(
                lambda: client.post(url, json.dumps({"page": 1}), content_type="application/json")
            )
            for _ in range(5)
        ]
        html = client.post(url, json.dumps({"page": 1}), content_type="application/json").json()
    svg = html["html"].split("<svg", 1)[1].split(">", 1)[0]
    return statistics.median(elapsed for elapsed, _queries in runs), runs[0][1], svg


def heatmap_rows(usage_id: str) -> list[tuple[str, str, str]]:
    rows = []
    for learners in HEATMAP_COHORTS:
        elapsed, queries, svg = _heatmap(usage_id, learners)
        size = " x ".join(
            part.split('"')[1] for part in svg.split() if part.startswith(("width=", "height="))
        )
        rows.append(
            (
                f"cohort_coach heat map page, {learners} learners",
                f"{elapsed * 1000:.0f} ms",
                f"{queries} SQL queries; 50 rows a page, SVG {size} px",
            )
        )
    return rows


def collect() -> list[tuple[str, str, str]]:
    from spoc_xblocks.cohort_coach.trainer import PAGE_SIZE

    usage_id = workbench_usage_ids()[SCENARIO_ID]
    times, queries = _check_ins(usage_id)
    p95 = times[int(0.95 * (len(times) - 1))]
    rows = [
        (
            "cohort_coach check-in handler median",
            f"{statistics.median(times):.1f} ms",
            f"{len(times)} learners posting through the real handler URL, workbench + SQLite",
        ),
        ("cohort_coach check-in handler p95", f"{p95:.1f} ms", ""),
        (
            "cohort_coach SQL queries per check-in",
            f"{min(queries)}-{max(queries)}",
            "the same for every learner",
        ),
    ]
    smallest = None
    for learners in COHORTS:
        first, first_queries, steady, steady_queries, changed, flags = _dashboard(
            usage_id, learners
        )
        smallest = smallest or (learners, steady, changed)
        growth = (
            f"; x{steady / smallest[1]:.2f} the {smallest[0]}-learner page"
            f" (after a check-in x{changed / smallest[2]:.2f})"
            if learners != smallest[0]
            else ""
        )
        rows.append(
            (
                f"cohort_coach dashboard, {learners} learners",
                f"{steady * 1000:.0f} ms",
                f"{steady_queries} SQL queries, {min(learners, PAGE_SIZE)} rows shown; "
                f"after a learner's check-in {changed * 1000:.0f} ms; first read (raises {flags} "
                f"flags) {first * 1000:.0f} ms, {first_queries} queries{growth}",
            )
        )
    return rows + heatmap_rows(usage_id)


if __name__ == "__main__":
    for row in collect():
        print(*row, sep="  ")
