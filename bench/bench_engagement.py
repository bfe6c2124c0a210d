"""Engagement widgets through the workbench: pulse and skills-check answer latency and SQL queries,
answers sent at the same moment, trainer pages and the coach's course reads at 50 and 500
learners."""

from __future__ import annotations

import json
import statistics
import threading

from .workbench import measured, workbench_usage_ids

LEARNERS = 50
CONCURRENT = 50
COHORTS = (50, 2000)
PULSE, NAMED, BEFORE, AFTER = (
    "spoc_pulse.0",
    "spoc_pulse.1",
    "spoc_skills_check.0",
    "spoc_skills_check.1",
)
COURSE = "course-v1:SPOC+Onboarding+2026"


def _timed(call):
    response, elapsed, queries = measured(call)
    assert getattr(response, "status_code", 200) == 200, (
        response.content
    )  # a page, a handler or a plain read
    return elapsed, queries


def pulse_answers(index: int) -> dict:
    return {
        "pace": 1 + index % 5,
        "sessions": 1 + index * 3 % 5,
        "recommend": index % 11,
        "helped": ("game", "workshop", "sessions")[index % 3],
        "wanted": ["practice"],
        "change": "More cases.",
    }


def _levels(index: int, shift: int = 0) -> dict:
    return {
        "listening": min(5, 1 + index % 3 + shift),
        "deescalation": 2,
        "procedure": min(5, 1 + index % 4 + shift),
    }


def _answer_all(
    usage_ids: dict, scenario_id: str, field: str, payload_of
) -> tuple[list[float], list[int]]:
    from django.test import Client

    client, times, queries = Client(), [], []
    for index in range(LEARNERS):
        url = f"/handler/{usage_ids[scenario_id]}/answer/?student=bench{index:03d}"
        body = json.dumps({field: payload_of(index)})
        elapsed, count = _timed(
            lambda url=url, body=body: client.post(url, body, content_type="application/json")
        )
        times.append(elapsed * 1000)
        queries.append(count)
    return times, queries


def _latency_rows(
    label: str, times: list[float], queries: list[int], note: str
) -> list[tuple[str, str, str]]:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    spread = f"{min(queries)}" if min(queries) == max(queries) else f"{min(queries)}-{max(queries)}"
    return [
        (f"{label} handler median", f"{statistics.median(ordered):.1f} ms", note),
        (f"{label} handler p95", f"{p95:.1f} ms", ""),
        (f"{label} SQL queries per answer", spread, ""),
    ]


def _answer_at_once(usage_id: str) -> tuple[int, int]:
    """CONCURRENT learners answer in threads released together; return (answers accepted, responses
    stored).

    SQLite needs its writers to wait for the lock and take it when a transaction begins (MySQL and
    PostgreSQL do not): the connections are reopened that way for this figure only.
    """
    from django.db import connections
    from django.test import Client

    from spoc_xblocks.engagement.models import PulseResponse

    stored_before = PulseResponse.objects.filter(usage_key=usage_id).count()
    connections.close_all()
    options = connections["default"].settings_dict["OPTIONS"]
    saved = dict(options)
    options.update(timeout=60, transaction_mode="IMMEDIATE")
    start, accepted = threading.Barrier(CONCURRENT), []

    def learner(index: int):
        try:
            body = json.dumps({"answers": pulse_answers(index)})
            start.wait()
            response = Client().post(
                f"/handler/{usage_id}/answer/?student=rush{index:03d}",
                body,
                content_type="application/json",
            )
            accepted.append(response.status_code == 200)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=learner, args=(index,)) for index in range(CONCURRENT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    options.clear()
    options.update(saved)
    return sum(accepted), PulseResponse.objects.filter(usage_key=usage_id).count() - stored_before


def _fill_cohort(usage_ids: dict, learners: int):
    """Answers of a cohort written through the api (the pages and course reads only read them)."""
    from spoc_xblocks.engagement import api
    from spoc_xblocks.engagement.fields import DEFAULT_PULSE
    from spoc_xblocks.engagement.logic.pulse import PulseDefinition, clean_answers
    from spoc_xblocks.engagement.models import (
        PulseCounter,
        PulseParticipation,
        PulseResponse,
        SkillsResponse,
    )

    for model in (PulseParticipation, PulseResponse, PulseCounter, SkillsResponse):
        model.objects.all().delete()
    definition = PulseDefinition.from_content(DEFAULT_PULSE)
    labels = [
        ["listening", "Active listening"],
        ["deescalation", "Calming"],
        ["procedure", "Procedure"],
    ]
    for index in range(learners):
        learner = f"cohort{index:05d}"
        answers = clean_answers(definition, pulse_answers(index))
        api.record_pulse_answer(
            COURSE, usage_ids[PULSE], learner, answers, anonymous=True, rated=True
        )
        api.record_pulse_answer(
            COURSE, usage_ids[NAMED], learner, answers, anonymous=False, rated=True
        )
        api.record_skills_answer(
            COURSE, usage_ids[BEFORE], "customer-calls", "before", learner, _levels(index), labels
        )
        api.record_skills_answer(
            COURSE, usage_ids[AFTER], "customer-calls", "after", learner, _levels(index, 1), labels
        )


def _median_cost(call, runs: int = 5):
    """Median time and the query count of `call` (a warm-up first; the machine is shared, so one run
    is noisy)."""
    call()
    costs = [_timed(call) for _run in range(runs)]
    return statistics.median(elapsed for elapsed, _queries in costs), costs[-1][1]


def _page_cost(scenario_id: str):
    from django.test import Client

    client = Client()
    return _median_cost(lambda: client.get(f"/view/{scenario_id}/?student=trainer"))


def _read_cost(read):
    return _median_cost(lambda: read(COURSE))


def collect() -> list[tuple[str, str, str]]:
    usage_ids = workbench_usage_ids()
    from django.test import Client

    from spoc_xblocks.engagement import api

    rows = _latency_rows(
        "pulse answer (anonymous)",
        *_answer_all(usage_ids, PULSE, "answers", pulse_answers),
        f"{LEARNERS} learners, 6 questions; the answer draws the results (5 charts) in the same "
        "request; workbench + SQLite",
    )
    rows += _latency_rows(
        "pulse answer (named)",
        *_answer_all(usage_ids, NAMED, "answers", pulse_answers),
        "results for the trainer only: the answer shows the learner's own answers",
    )
    _answer_all(usage_ids, BEFORE, "levels", _levels)
    rows += _latency_rows(
        "skills check answer (after)",
        *_answer_all(usage_ids, AFTER, "levels", lambda index: _levels(index, 1)),
        "the change chart is drawn in the same request",
    )
    accepted, stored = _answer_at_once(usage_ids[NAMED])
    rows.append(
        (
            f"{CONCURRENT} pulse answers sent at once",
            f"{stored} stored",
            f"{accepted} accepted; one row per answer, so none is lost",
        )
    )
    for learners in COHORTS:
        _fill_cohort(usage_ids, learners)
        client, times, queries = Client(), [], set()
        for late in range(5):
            url = f"/handler/{usage_ids[PULSE]}/answer/?student=late{learners}-{late}"
            body = json.dumps({"answers": pulse_answers(late)})
            elapsed, count = _timed(
                lambda url=url, body=body, client=client: client.post(url, body, "application/json")
            )
            times.append(elapsed)
            queries.add(count)
        rows.append(
            (
                f"pulse answer (anonymous), {learners} answers stored",
                f"{statistics.median(times) * 1000:.1f} ms",
                f"{'-'.join(map(str, sorted(queries)))} SQL queries; results from kept counters",
            )
        )
        for label, scenario_id in (("pulse trainer page", PULSE), ("skills trainer page", AFTER)):
            elapsed, queries = _page_cost(scenario_id)
            rows.append(
                (
                    f"{label}, {learners} learners",
                    f"{elapsed * 1000:.0f} ms",
                    f"{queries} SQL queries",
                )
            )
        for read in (api.satisfaction, api.skills_delta):
            elapsed, queries = _read_cost(read)
            rows.append(
                (
                    f"api.{read.__name__}, {learners} learners",
                    f"{elapsed * 1000:.1f} ms",
                    f"{queries} SQL queries",
                )
            )
    return rows


if __name__ == "__main__":
    for row in collect():
        print(*row, sep="  ")
