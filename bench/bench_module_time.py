"""The time per module's tracking backend: its cost per LMS event (goal: under 1 ms, at most one
SQL write), through the backend alone and through the platform's own tracker (event-tracking),
and the trainer's read of a cohort's time per module."""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta

from .workbench import measured, workbench_usage_ids

LEARNERS = 50
MODULES = 20
EVENTS = 2000
COHORT = 500
COURSE = "course-v1:SPOC+Bench+2026"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _module(index: int) -> str:
    return f"block-v1:SPOC+Bench+2026+type@problem+block@p{index % MODULES}"


def _event(index: int) -> dict:
    """Learners taking turns, each moving to another module now and then, 40 seconds apart."""
    learner = index % LEARNERS
    return {
        "name": "problem_check",
        "timestamp": START + timedelta(seconds=40 * index),
        "data": {},
        "context": {
            "course_id": COURSE,
            "user_id": learner + 1,
            "module": {"usage_key": _module(index // (LEARNERS * 3) + learner)},
        },
    }


def _per_event(send, events) -> tuple[list[float], int, int]:
    """Time each event with the LMS's DEBUG off (no query log), on the first half; count the SQL
    statements of the second half."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    half = len(events) // 2
    times = []
    with override_settings(DEBUG=False):
        for event in events[:half]:
            began = time.perf_counter()
            send(event)
            times.append((time.perf_counter() - began) * 1000)
    with CaptureQueriesContext(connection) as queries:
        for event in events[half:]:
            send(event)
    statements = [query["sql"].lstrip().split()[0].upper() for query in queries.captured_queries]
    writes = sum(1 for verb in statements if verb in ("INSERT", "UPDATE", "DELETE"))
    counted = len(events) - half
    return times, writes / counted, (len(statements) - writes) / counted


def _rows(label: str, times: list[float], writes: float, reads: float, note: str) -> list[tuple]:
    p95 = statistics.quantiles(times, n=20)[-1]
    return [
        (f"{label}: per event", f"{statistics.mean(times):.3f} ms (p95 {p95:.3f})", note),
        (
            f"{label}: SQL per event",
            f"{writes:.2f} writes, {reads:.2f} reads",
            "one INSERT ... ON CONFLICT (both rows when the learner moved), one SELECT",
        ),
    ]


def _through_the_tracker() -> list[tuple]:
    try:
        from eventtracking.tracker import Tracker
    except ImportError:
        return [("through event-tracking's Tracker", "skipped", "event-tracking not installed")]
    from spoc_xblocks.module_time.backend import ModuleTimeBackend

    tracker = Tracker(backends={"spoc_module_time": ModuleTimeBackend()})

    def emit(event):
        with tracker.context("bench", event["context"]):
            tracker.emit(event["name"], event["data"])

    events = [_event(index) for index in range(EVENTS)]
    for event in events:
        event["context"] = {**event["context"], "course_id": COURSE + "-tracker"}
    return _rows(
        "through event-tracking's Tracker, no disk flush",
        *_without_disk_flush(lambda: _per_event(emit, events)),
        "the real Tracker and RoutingBackend (deep copy of each event, then our send); SQLite",
    )


def _cohort_read() -> list[tuple]:
    from spoc_xblocks.common.members import record_members
    from spoc_xblocks.module_time import api

    course = "course-v1:SPOC+Cohort+2026"
    record_members(course, [(str(index), f"anon{index}", False) for index in range(COHORT)])
    for index in range(COHORT):
        for step in range(0, 10):
            api.record_event(course, str(index), _module(step), START + timedelta(minutes=3 * step))
    anonymous_ids = [f"anon{index}" for index in range(COHORT)]
    found, elapsed, queries = measured(lambda: api.cohort_time(course, anonymous_ids, {}))
    return [
        (
            f"time per module, {COHORT} learners",
            f"{elapsed * 1000:.1f} ms",
            f"{queries} SQL queries; {len(found['modules'])} modules, median and quartiles each",
        )
    ]


def _without_disk_flush(measure):
    """Run `measure()` with SQLite not waiting for the disk at each commit: the backend's own cost
    (Python and SQL), apart from the machine's disk."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        (saved,) = cursor.fetchone()
        cursor.execute("PRAGMA synchronous = OFF")
    try:
        return measure()
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous = {int(saved)}")


def collect() -> list[tuple[str, str, str]]:
    workbench_usage_ids()
    from spoc_xblocks.module_time.backend import ModuleTimeBackend

    backend = ModuleTimeBackend()
    events = [_event(index) for index in range(EVENTS)]
    rows = _rows(
        "tracking backend",
        *_per_event(backend.send, events[: EVENTS // 4]),
        f"{EVENTS // 4} events of {LEARNERS} learners over {MODULES} modules (half timed, half "
        "counted), DEBUG off; SQLite on disk, a commit (disk flush) per event as in an LMS request",
    )
    rows += _rows(
        "tracking backend, no disk flush",
        *_without_disk_flush(lambda: _per_event(backend.send, events[EVENTS // 4 :])),
        "the same events, SQLite not waiting for the disk: the backend's own cost",
    )
    return rows + _through_the_tracker() + _without_disk_flush(_cohort_read)
