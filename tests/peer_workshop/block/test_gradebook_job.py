"""Closing a workshop stores every grade in the trainer's request and leaves the gradebook's scores
to a job on the platform's workers: a fixed number of queries in the request, the trainer told how
far the job got, every score sent once even when a worker dies."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from submissions.models import Score

from spoc_xblocks.common import jobs
from spoc_xblocks.common.models import BlockProgress, CourseMember, DeferredJob
from spoc_xblocks.dev.seed.peer_workshop import MODELS, synthetic_cohort
from spoc_xblocks.peer_workshop import grades
from spoc_xblocks.peer_workshop.models import Grade
from tests.sites import is_field_store_query, user_key

from .conftest import ROSTER, anonymous
from .test_grades import score_of
from .test_queries import COURSE_KEY

# The change of phase, the grades and progress stored, the job queued, and the dashboard drawn
# again: 19 statements of the block's own; under the LMS stand-in, 5 more of the platform's (its
# enrollments and course roles, the user's language read twice).
CLOSE_REQUEST_LIMIT = 24


def close(workshop, capture):
    with capture(execute=True):
        workshop.phase("closed")
    return DeferredJob.objects.get(task__endswith="send_grades_to_gradebook")


def scores_sent(workshop) -> int:
    return Score.objects.filter(student_item__item_id=workshop.usage_key).count()


def test_the_trainer_sees_the_grades_stored_and_the_gradebook_following(
    reviewed,
    celery_queue,
    django_capture_on_commit_callbacks,
):
    job = close(reviewed, django_capture_on_commit_callbacks)
    assert Grade.objects.exclude(pending="").count() == 4 and scores_sent(reviewed) == 0
    assert BlockProgress.objects.filter(state=BlockProgress.DONE).count() == 4
    assert "Your grade: 90%" in reviewed.page("alice")
    assert "Grades sent to the gradebook: 0 of 4 learners so far." in reviewed.page("trainer")

    assert jobs.run_job(job.pk)
    assert (score_of(reviewed, "alice")["points_earned"], scores_sent(reviewed)) == (90, 4)
    page = reviewed.page("trainer")
    assert "Grades are in the gradebook for all 4 learners whose grade changed." in page
    assert not jobs.run_job(job.pk), "a job done is not run again"
    assert scores_sent(reviewed) == 4


def test_a_dead_workers_job_is_taken_over_and_no_score_is_sent_twice(
    reviewed,
    celery_queue,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    job = close(reviewed, django_capture_on_commit_callbacks)
    monkeypatch.setattr(grades, "GRADEBOOK_CHUNK", 1)
    deliver = grades.api.grades.deliver
    calls = []

    def dies_on_the_third_chunk(*args):
        calls.append(args)
        if len(calls) == 3:
            raise SystemExit("worker killed")
        return deliver(*args)

    monkeypatch.setattr(grades.api.grades, "deliver", dies_on_the_third_chunk)
    with pytest.raises(SystemExit):
        jobs.run_job(job.pk)
    assert scores_sent(reviewed) == 2
    assert not jobs.run_job(job.pk), "a live worker's job is left to it"
    DeferredJob.objects.filter(pk=job.pk).update(heartbeat=job.created - jobs.stale_after())
    monkeypatch.setattr(grades.api.grades, "deliver", deliver)
    assert jobs.run_job(job.pk)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.done, job.total) == (DeferredJob.DONE, 2, 4, 4)
    assert scores_sent(reviewed) == 4
    assert (
        Score.objects.filter(student_item__item_id=reviewed.usage_key)
        .values("student_item")
        .distinct()
        .count()
        == 4
    )


def test_a_failed_job_tells_the_trainer_where_it_stopped_and_why(
    reviewed,
    celery_queue,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    job = close(reviewed, django_capture_on_commit_callbacks)

    def refuses(*_args):
        raise ValueError("the gradebook refused the score")

    monkeypatch.setattr(grades.api.grades, "deliver", refuses)
    assert jobs.run_job(job.pk)
    page = reviewed.page("trainer")
    assert (
        "Sending grades to the gradebook stopped after 0 of 4 learners: "
        "the gradebook refused the score" in page
    )


def test_eager_celery_sends_the_scores_within_the_request(
    reviewed,
    celery_eager,
    django_capture_on_commit_callbacks,
):
    job = close(reviewed, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == DeferredJob.DONE and scores_sent(reviewed) == 4


def test_a_job_names_only_a_function_of_the_package(reviewed):
    job = DeferredJob.objects.create(
        task="os.system", course_key=COURSE_KEY, usage_key="x", block={}, params={}
    )
    assert jobs.run_job(job.pk)
    job.refresh_from_db()
    assert job.status == DeferredJob.FAILED and "Not a function of this package" in job.error


def _close_cost(workshop, size: int, settings, capture) -> int:
    for model in (*MODELS, BlockProgress, Grade, DeferredJob):
        model.objects.all().delete()
    names = [*ROSTER[:4], *(f"synthetic{size}-{index:05d}" for index in range(size - 4))]
    settings.SPOC_DEV_ROSTER = names
    CourseMember.objects.bulk_create(
        [
            CourseMember(
                course_key=COURSE_KEY, anonymous_id=anonymous(name), user_key=user_key(name)
            )
            for name in names
        ],
        ignore_conflicts=True,
    )
    synthetic_cohort(workshop.usage_key, [anonymous(name) for name in names])
    workshop.page("trainer")
    with capture(execute=True), CaptureQueriesContext(connection) as queries:
        response = workshop.post("set_phase", "trainer", {"phase": "closed", "confirmed": True})
    assert response.status_code == 200, response.content
    assert Grade.objects.exclude(pending="").count() >= size // 2
    return statements(query["sql"] for query in queries)


def statements(sql) -> int:
    """The block's SQL statements, as the LMS would send them: not the runtime's field store; not
    the savepoints the test's own transaction makes of the handler's transaction; and a bulk insert
    counted once, though SQLite, which caps a statement's parameters, gets it in batches (MySQL and
    MariaDB in one statement)."""
    kept, previous = 0, ""
    for text in sql:
        if is_field_store_query(text) or text.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")):
            continue
        insert = text.split(" (", 1)[0] if text.startswith("INSERT INTO") else ""
        kept += not (insert and insert == previous)
        previous = insert
    return kept


def test_closing_costs_the_same_queries_at_16_50_and_500_learners(
    workshop,
    settings,
    celery_queue,
    django_capture_on_commit_callbacks,
):
    costs = [
        _close_cost(workshop, size, settings, django_capture_on_commit_callbacks)
        for size in (16, 50, 500)
    ]
    assert costs[0] <= CLOSE_REQUEST_LIMIT and costs == [costs[0]] * 3, costs
