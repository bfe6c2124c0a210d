"""Serious game through the workbench: step handler latency and SQL queries, debrief cost at 50 and
1,000 learners."""

from __future__ import annotations

import json
import random
import statistics
import time

from .workbench import measured, workbench_usage_ids

LEARNERS_PLAYING = 20
DEBRIEF_COHORTS = (50, 1000)
SCENARIO_ID = "spoc_serious_game.0"


def _timed_post(client, url: str, payload: dict):
    response, elapsed, queries = measured(
        lambda: client.post(url, json.dumps(payload), content_type="application/json")
    )
    assert response.status_code == 200, response.content
    return response.json(), elapsed, queries


def _play_runs(usage_id: str):
    from django.test import Client

    from spoc_xblocks.dev.seed.serious_game import enabled_choices

    client = Client()
    times, queries_by_position = [], {}
    for index in range(LEARNERS_PLAYING):
        learner = f"bench{index:03d}"
        rng = random.Random(index)
        answer, _elapsed, _queries = _timed_post(
            client, f"/handler/{usage_id}/start/?student={learner}", {}
        )
        position = 0
        while choices := enabled_choices(answer["html"]):
            answer, elapsed, queries = _timed_post(
                client,
                f"/handler/{usage_id}/choose/?student={learner}",
                {"choice_id": rng.choice(choices), "position": position},
            )
            times.append(elapsed)
            queries_by_position.setdefault(position, []).append(queries)
            position += 1
    return times, queries_by_position


def _seed_cohort(usage_id: str, learners: int):
    """Finished and unfinished runs for a cohort, written in bulk (the debrief only reads them)."""
    from spoc_xblocks.serious_game import api
    from spoc_xblocks.serious_game.demo import demo_scenario_xml
    from spoc_xblocks.serious_game.logic import engine
    from spoc_xblocks.serious_game.models import Run, Step
    from spoc_xblocks.serious_game.workflow import load_scenario

    Run.objects.filter(usage_key=usage_id).delete()
    scenario_xml = demo_scenario_xml("en")
    scenario = load_scenario(scenario_xml)
    version_id = api.ensure_version(usage_id, scenario_xml)
    runs, paths = [], []
    for index in range(learners):
        rng = random.Random(index)
        state = engine.start(scenario, index)
        while not state.finished and rng.random() > 0.05:
            state = engine.step(
                scenario, state, rng.choice(engine.enabled_choices(scenario, state)).id
            ).state
        result = engine.outcome(scenario, state, "path")
        runs.append(
            Run(
                course_key="bench",
                usage_key=usage_id,
                learner_id=f"cohort{index:05d}",
                attempt=1,
                version_id=version_id,
                seed=str(index),
                node_id=state.node_id,
                step_count=len(state.path),
                status=Run.FINISHED if state.finished else Run.PLAYING,
                ending_id=result["ending"] or "",
                outcome=result["outcome"] or "",
                score=result["score"],
                points=result["points"],
            )
        )
        paths.append(state.path)
    created = Run.objects.bulk_create(runs)
    Step.objects.bulk_create(
        [
            Step(run=run, position=position, node_id=node_id, choice_id=choice_id)
            for run, path in zip(created, paths)
            for position, (node_id, choice_id) in enumerate(path)
        ]
    )


def _debrief_cost(usage_id: str):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(f"/view/{SCENARIO_ID}/?student=trainer")
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        response = client.get(f"/view/{SCENARIO_ID}/?student=trainer")
        elapsed = time.perf_counter() - began
    assert response.status_code == 200 and b"spoc-sg__debrief" in response.content
    return elapsed, len(queries)


def collect() -> list[tuple[str, str, str]]:
    usage_id = workbench_usage_ids()[SCENARIO_ID]
    times, queries_by_position = _play_runs(usage_id)
    times_ms = sorted(value * 1000 for value in times)
    p95 = times_ms[int(0.95 * (len(times_ms) - 1))]
    all_queries = [count for counts in queries_by_position.values() for count in counts]
    last = max(queries_by_position)
    rows = [
        (
            "serious_game step handler median",
            f"{statistics.median(times_ms):.1f} ms",
            f"{len(times_ms)} steps by {LEARNERS_PLAYING} learners, workbench + SQLite",
        ),
        ("serious_game step handler p95", f"{p95:.1f} ms", ""),
        (
            "serious_game SQL queries per step",
            f"{min(all_queries)}-{max(all_queries)}",
            f"median {statistics.median(all_queries):.0f}; longest run's last step (#{last + 1}): "
            f"{max(queries_by_position[last])}",
        ),
    ]
    for learners in DEBRIEF_COHORTS:
        _seed_cohort(usage_id, learners)
        elapsed, queries = _debrief_cost(usage_id)
        rows.append(
            (
                f"serious_game debrief page, {learners} learners",
                f"{elapsed * 1000:.0f} ms",
                f"{queries} SQL queries",
            )
        )
    return rows


if __name__ == "__main__":
    for row in collect():
        print(*row, sep="  ")
