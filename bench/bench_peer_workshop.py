"""Peer workshop: allocation of 10,000 submissions; learner handlers (latency, SQL queries) at 10
and 1,000 learners; the trainer's dashboard at 50 and 1,000 learners; closing and publishing grades
(the trainer's request at 16, 50 and 500 learners, then the worker's job until every grade is in
the gradebook at 50 and 500)."""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter

from .workbench import measured, median_of, workbench_usage_ids

ALLOCATION_SIZE, ALLOCATION_REVIEWS, ALLOCATION_RUNS = 10_000, 3, 5
LEARNER_COHORTS = (10, 1000)
TRAINER_COHORTS = (50, 1000)
TRAINER_VIEWS = 7
CLOSE_COHORTS = (16, 50, 500)
PUBLISHED_COHORTS = (50, 500)
REVIEWED = "spoc_peer_workshop.0"
FRESH = "spoc_peer_workshop.1"
# The workbench keeps every field in a table, one query per field read; the LMS reads them from the
# modulestore.
WORKBENCH_FIELD_STORE = "workbench_xblockstate"
ROSTER = (
    "alice",
    "bruno",
    "chloe",
    "david",
    "emma",
    "farid",
    "giulia",
    "hugo",
    "ines",
    "jules",
    "karim",
    "lea",
)


def _allocation_rows():
    from spoc_xblocks.peer_workshop.logic.allocation import (
        ANYONE,
        OTHER_GROUPS,
        SAME_GROUP,
        TRAINER,
        allocate,
    )

    authors = [f"learner{index:05d}" for index in range(ALLOCATION_SIZE)]
    cases = {
        "anyone": (ANYONE, {}),
        "within groups of 4": (
            SAME_GROUP,
            {author: str(index // 4) for index, author in enumerate(authors)},
        ),
        "across groups of 4 and 5": (
            OTHER_GROUPS,
            {author: str(index % 2222) for index, author in enumerate(authors)},
        ),
    }
    rows = []
    for label, (scope, groups) in cases.items():
        times = []
        for run in range(ALLOCATION_RUNS):
            began = time.perf_counter()
            slots = allocate(authors, ALLOCATION_REVIEWS, groups, scope, f"seed{run}")
            times.append(time.perf_counter() - began)
        loads = Counter(slot.reviewer for slot in slots if slot.reviewer != TRAINER)
        received = Counter(slot.author for slot in slots if slot.reviewer != TRAINER)
        rows.append(
            (
                f"peer_workshop allocation, 10,000 x 3, {label}",
                f"{statistics.median(times) * 1000:.0f} ms",
                f"median of {ALLOCATION_RUNS}; "
                f"loads {min(loads.values())}-{max(loads.values())}, every piece "
                f"{min(received.values())}-{max(received.values())} reviewers",
            )
        )
    return rows


def _timed(client, method: str, url: str, payload=None):
    if method == "get":
        response, elapsed, queries = measured(lambda: client.get(url))
    else:
        response, elapsed, queries = measured(
            lambda: client.post(url, json.dumps(payload or {}), content_type="application/json")
        )
    assert response.status_code == 200, response.content[:300]
    return elapsed * 1000, queries


def _reset(usage_id: str):
    from spoc_xblocks.dev.seed.peer_workshop import MODELS

    for model in MODELS:
        model.objects.filter(usage_key=usage_id).delete()


def _learners(size: int) -> tuple[list[str], list[str]]:
    """(names measured, every learner id): roster names first, synthetic learners for the rest."""
    from spoc_xblocks.dev.services import anonymous_id_for

    names = list(ROSTER[: min(size, len(ROSTER))])
    return names, [anonymous_id_for(name) for name in names] + [
        f"synthetic{index:05d}" for index in range(size - len(names))
    ]


def _review_phase_figures(usage_id: str, size: int) -> dict:
    """Each measured learner loads their page, saves a review draft and submits the review."""
    from django.test import Client

    from spoc_xblocks.dev.seed.peer_workshop import synthetic_cohort
    from spoc_xblocks.dev.services import anonymous_id_for
    from spoc_xblocks.peer_workshop.models import Review

    _reset(usage_id)
    names, learners = _learners(size)
    synthetic_cohort(usage_id, learners)
    client = Client()
    client.get(f"/view/{REVIEWED}/?student={names[0]}")
    figures = {"page": [], "draft": [], "review": []}
    answer = {"clarity": "clear", "tone": "polite", "escalation": "precise"}
    for name in names:
        figures["page"].append(_timed(client, "get", f"/view/{REVIEWED}/?student={name}"))
        slot = Review.objects.filter(
            usage_key=usage_id, reviewer_id=anonymous_id_for(name), status=Review.PENDING
        ).first()
        payload = {
            "review_id": slot.id,
            "options": answer,
            "comments": {"escalation": "A clear trigger to escalate."},
            "overall": "Keep the escalation rule and add what to say at the end.",
        }
        figures["draft"].append(
            _timed(client, "post", f"/handler/{usage_id}/save_review/?student={name}", payload)
        )
        figures["review"].append(
            _timed(client, "post", f"/handler/{usage_id}/submit_review/?student={name}", payload)
        )
    return figures


def _submission_figures(usage_id: str, size: int) -> list:
    """Each measured learner submits their work, in a workshop where the rest of the cohort already
    did."""
    from django.test import Client
    from django.utils import timezone

    from spoc_xblocks.peer_workshop.models import Submission, Workshop

    _reset(usage_id)
    names, learners = _learners(size)
    Workshop.objects.create(
        usage_key=usage_id,
        course_key="bench",
        phase=Workshop.SUBMISSION,
        seed="bench",
        phase_set_at=timezone.now(),
    )
    Submission.objects.bulk_create(
        [
            Submission(
                course_key="bench",
                usage_key=usage_id,
                learner_id=learner,
                text="<p>Done</p>",
                submitted_at=timezone.now(),
            )
            for learner in learners[len(names) :]
        ]
    )
    client = Client()
    times = []
    for name in names:
        work = {"text": f"<p>The procedure of {name}: listen, apologise, fix.</p>", "links": []}
        client.post(
            f"/handler/{usage_id}/save_work/?student={name}",
            json.dumps(work),
            content_type="application/json",
        )
        times.append(
            _timed(client, "post", f"/handler/{usage_id}/submit_work/?student={name}", work)
        )
    return times


def _trainer_figures(usage_id: str, size: int):
    """The trainer's dashboard seen again (the median of TRAINER_VIEWS views, (ms, queries)), and
    seen after a learner submitted a review, which has the grades computed anew (the median of
    TRAINER_VIEWS, each after another review; a draft saved again changes nothing it shows)."""
    from django.test import Client
    from django.utils import timezone

    from spoc_xblocks.dev.seed.peer_workshop import synthetic_cohort
    from spoc_xblocks.peer_workshop import api
    from spoc_xblocks.peer_workshop.models import Review

    _reset(usage_id)
    synthetic_cohort(usage_id, _learners(size)[1])
    client = Client()
    url = f"/view/{REVIEWED}/?student=trainer"
    client.get(url)

    steady = median_of(TRAINER_VIEWS, lambda: _timed(client, "get", url))
    pending = iter(Review.objects.filter(usage_key=usage_id, status=Review.PENDING))

    def after_a_review():
        slot = next(pending)
        api.reviews.submit(slot.id, slot.reviewer_id, {}, {}, "A review.", {}, timezone.now())
        return _timed(client, "get", url)

    return steady, median_of(TRAINER_VIEWS, after_a_review)


def _close_figures(usage_id: str, size: int):
    """The trainer closes a reviewed workshop of `size` learners, each with an edx-submissions
    submission: (ms, queries) of the request, with the workers' broker standing in; then (seconds,
    queries) of the job sending every grade to the gradebook."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from submissions import api as submissions_api

    from spoc_xblocks.common import jobs
    from spoc_xblocks.common.models import DeferredJob
    from spoc_xblocks.dev.celery import app
    from spoc_xblocks.dev.seed.peer_workshop import synthetic_cohort
    from spoc_xblocks.peer_workshop.models import Submission

    _reset(usage_id)
    synthetic_cohort(usage_id, _learners(size)[1])
    for row in Submission.objects.filter(usage_key=usage_id):
        item = {
            "student_id": row.learner_id,
            "course_id": "bench",
            "item_id": usage_id,
            "item_type": "spoc_peer_workshop",
        }
        row.submission_uuid = submissions_api.create_submission(item, {"text": row.text})["uuid"]
        row.save(update_fields=["submission_uuid"])
    client = Client()
    client.get(f"/view/{REVIEWED}/?student=trainer")
    settings.BROKER_URL, app.conf.broker_url = "memory://", "memory://"
    try:
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            response = client.post(
                f"/handler/{usage_id}/set_phase/?student=trainer",
                json.dumps({"phase": "closed", "confirmed": True}),
                content_type="application/json",
            )
            elapsed = time.perf_counter() - began
    finally:
        settings.BROKER_URL, app.conf.broker_url = "", None
    assert response.status_code == 200, response.content[:300]
    own = [query["sql"] for query in queries if WORKBENCH_FIELD_STORE not in query["sql"]]
    request = (elapsed * 1000, len(queries), len(own))
    job = DeferredJob.objects.filter(usage_key=usage_id).latest("pk")
    _ran, elapsed, queries = measured(lambda: jobs.run_job(job.pk))
    job.refresh_from_db()
    assert (job.status, job.done) == (DeferredJob.DONE, job.total), (job.status, job.error)
    return request, (elapsed, queries, job.total)


def _summary(samples) -> tuple[str, str]:
    times = sorted(sample[0] for sample in samples)
    queries = sorted({sample[1] for sample in samples})
    p95 = times[int(0.95 * (len(times) - 1))]
    spread = f"{queries[0]}" if len(queries) == 1 else f"{queries[0]}-{queries[-1]}"
    return f"{statistics.median(times):.1f} ms median, {p95:.1f} ms p95", spread


def collect() -> list[tuple[str, str, str]]:
    usage_ids = workbench_usage_ids()
    rows = _allocation_rows()
    labels = {
        "page": "learner page (review phase)",
        "draft": "review draft autosave",
        "review": "review submission",
    }
    for size in LEARNER_COHORTS:
        figures = _review_phase_figures(usage_ids[REVIEWED], size)
        figures["submission"] = _submission_figures(usage_ids[FRESH], size)
        labels["submission"] = "work submission"
        for key, samples in figures.items():
            latency, queries = _summary(samples)
            rows.append(
                (
                    f"peer_workshop {labels[key]}, {size:,} learners",
                    latency,
                    f"{queries} SQL queries; {len(samples)} requests",
                )
            )
    for size in TRAINER_COHORTS:
        (elapsed, queries), (anew, anew_queries) = _trainer_figures(usage_ids[REVIEWED], size)
        rows.append(
            (
                f"peer_workshop trainer dashboard, {size:,} learners",
                f"{elapsed:.0f} ms",
                f"{queries} SQL queries, median of {TRAINER_VIEWS} views; after a learner "
                f"submitted a review (grades computed anew) {anew:.0f} ms, {anew_queries} queries",
            )
        )
    for size in CLOSE_COHORTS:
        (elapsed, queries, own), (job_seconds, job_queries, sent) = _close_figures(
            usage_ids[REVIEWED], size
        )
        rows.append(
            (
                f"peer_workshop trainer closes and publishes (handler), {size:,} learners",
                f"{elapsed:.0f} ms",
                f"{own} SQL queries of the block's own, {queries} with the workbench's field "
                "reads (SQLite gets a bulk insert of 100+ rows in batches)",
            )
        )
        if size in PUBLISHED_COHORTS:
            rows.append(
                (
                    f"peer_workshop every grade in the gradebook (worker job), {size:,} learners",
                    f"{job_seconds:.2f} s",
                    f"{sent} grades, {job_seconds / sent * 1000:.1f} ms each; "
                    f"{job_queries} SQL queries",
                )
            )
    return rows


if __name__ == "__main__":
    for row in collect():
        print(*row, sep="  ")
