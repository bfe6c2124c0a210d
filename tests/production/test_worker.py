"""Deferred work on a real Celery worker (Redis broker), beside gunicorn and MariaDB.

Fifty learners submit and review; the trainer closes the workshop: the request stores every grade
and queues their delivery to the gradebook. The worker sends them ten per transaction; it is
killed (SIGKILL, with its pool) in the middle, and a new worker takes over once the dead one's
heartbeat is stale: every learner's score reaches edx-submissions exactly once, and the trainer's
page says how far it got. Then the trainer nudges the fifty; their emails fall due; a worker is
killed half-way through them: each learner gets exactly one email.

The worker is stopped where the test wants it by a row another transaction holds (FOR UPDATE):
the next write it needs waits, and the kill lands there.
"""

import contextlib
import email
import time

import pytest

from tests import figures

from . import cohort
from .client import Outcomes, UserSession
from .conftest import ROOT, serving
from .threads import run_at_once
from .worker import CeleryWorker, redis_broker

pytestmark = pytest.mark.slow

DEADLINE_SECONDS = 300
STALE_SECONDS = 3
WAIT_SECONDS = 120
CHUNK = 10
SOURCE = "a Celery worker on Redis, killed mid-way"
GRADE_TABLE = "spoc_peer_workshop_grade"


@pytest.fixture(scope="module")
def with_worker(own_mariadb, tmp_path_factory):
    mail = tmp_path_factory.mktemp("mail")
    with redis_broker(ROOT / "var" / "production" / "redis") as broker:
        with serving(
            tmp_path_factory,
            SPOC_CELERY_BROKER=broker,
            SPOC_JOB_STALE_SECONDS=str(STALE_SECONDS),
            SPOC_EMAIL_DIR=str(mail),
        ) as server:
            server.mail = mail
            worker = CeleryWorker(server.environment, server.logs / "worker.log")
            try:
                yield server, worker
            finally:
                worker.stop()


def job_row(server) -> tuple:
    rows = server.rows(
        "SELECT status, done, total, attempts FROM spoc_common_deferredjob "
        "WHERE task LIKE %s ORDER BY id DESC LIMIT 1",
        "%send_grades_to_gradebook",
    )
    return rows[0] if rows else None


@contextlib.contextmanager
def holding(server, select_for_update: str):
    """Another transaction holds the rows this SELECT … FOR UPDATE reads, until the block ends."""
    holder = server._connect(server.database)
    try:
        holder.autocommit(False)
        # As Django's connections: only the rows read are locked, not the gaps between them.
        holder.cursor().execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED")
        holder.cursor().execute(select_for_update)
        yield
    finally:
        holder.rollback()
        holder.close()


def wait_for(condition, what: str):
    deadline = time.monotonic() + WAIT_SECONDS
    while not (found := condition()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)
    return found


def submit_work(session: UserSession) -> None:
    work = {"text": cohort.work_text(session.student), "links": []}
    session.post_json(cohort.WORKSHOP, "submit_work", work)


def test_fifty_grades_reach_the_gradebook_once_though_the_worker_is_killed(with_worker):
    server, worker = with_worker
    deadline = time.monotonic() + DEADLINE_SECONDS
    outcomes = Outcomes()
    learners = cohort.cohort()
    sessions = {learner: UserSession(server.url, learner, outcomes) for learner in learners}
    played = {learner: cohort.Played() for learner in learners}
    trainer = UserSession(server.url, cohort.TRAINER, outcomes)
    trainer.post_json(cohort.WORKSHOP, "set_phase", {"phase": "submission"})
    run_at_once(
        {learner: (lambda learner=learner: submit_work(sessions[learner])) for learner in learners},
        deadline,
    )
    trainer.post_json(cohort.WORKSHOP, "set_phase", {"phase": "review", "confirmed": True})
    cohort.everyone_reviews(sessions, played, deadline)

    began = time.monotonic()
    trainer.post_json(cohort.WORKSHOP, "set_phase", {"phase": "closed", "confirmed": True})
    assert job_row(server)[:3] == ("queued", 0, len(learners)), "queued, for a worker to do"
    grade_ids = [row[0] for row in server.rows(f"SELECT id FROM {GRADE_TABLE} ORDER BY id")]
    third_chunk = grade_ids[2 * CHUNK : 3 * CHUNK]

    # The third chunk's submissions are held: the worker sends two chunks, then waits on the
    # third, and is killed there.
    uuids = server.rows(
        "SELECT w.submission_uuid FROM spoc_peer_workshop_submission w "
        f"JOIN {GRADE_TABLE} g ON g.learner_id = w.learner_id AND g.usage_key = w.usage_key "
        "WHERE g.id IN (" + ", ".join(str(grade_id) for grade_id in third_chunk) + ")"
    )
    held = ", ".join(f"'{row[0]}'" for row in uuids)
    with holding(
        server, f"SELECT id FROM submissions_submission WHERE uuid IN ({held}) FOR UPDATE"
    ):
        worker.start()
        wait_for(lambda: job_row(server)[1] == 2 * CHUNK, "two chunks sent")
        time.sleep(0.5)  # the worker is now waiting on the third
        worker.kill()
    assert job_row(server)[:2] == ("running", 2 * CHUNK)
    assert "20 of 50 learners so far" in trainer.page(cohort.WORKSHOP).text

    worker.start()
    status = wait_for(lambda: job_row(server)[0] in ("done", "failed") and job_row(server), "done")
    published_after = time.monotonic() - began
    assert status == ("done", len(learners), len(learners), 2)
    scores = server.rows(
        "SELECT item.student_id, COUNT(*) FROM submissions_score score "
        "JOIN submissions_studentitem item ON item.id = score.student_item_id "
        "WHERE item.item_type = 'spoc_peer_workshop' GROUP BY item.student_id"
    )
    assert len(scores) == len(learners) and {count for _learner, count in scores} == {1}
    assert server.value(f"SELECT COUNT(*) FROM {GRADE_TABLE} WHERE pending != ''") == 0
    page = trainer.page(cohort.WORKSHOP).text
    assert "Grades are in the gradebook for all 50 learners whose grade changed." in page
    assert outcomes.statuses() == {200: len(outcomes.answers)}, outcomes.failures[:5]
    figures.record("writes verified", len(scores), source=SOURCE)
    figures.record("faults injected", 1, source=SOURCE)
    print(f"\nclosing to every grade in the gradebook, a worker killed: {published_after:.1f} s")


def emails_sent(folder) -> list:
    """(recipient, Message-ID) of every email the file backend wrote."""
    found = []
    for path in sorted(folder.iterdir()):
        for text in path.read_text().split("-" * 79):
            if text.strip():
                message = email.message_from_string(text.strip())
                found.append((message["To"], message["Message-ID"]))
    return found


def test_fifty_nudge_emails_go_once_each_though_the_worker_is_killed(with_worker):
    server, worker = with_worker
    worker.stop()
    outcomes = Outcomes()
    learners = cohort.cohort()
    trainer = UserSession(server.url, cohort.TRAINER, outcomes)
    ids = dict(
        server.rows(
            "SELECT anonymous_id, anonymous_id FROM spoc_common_coursemember WHERE is_staff = 0"
        )
    )
    trainer.page(cohort.COACH)
    for learner_id in sorted(ids):
        trainer.post_json(
            cohort.COACH,
            "send_nudge",
            {"target": "learner", "learner_id": learner_id, "message": "How is it going?"},
        )
    nudges = [row[0] for row in server.rows("SELECT id FROM spoc_cohort_coach_nudge ORDER BY id")]
    assert len(nudges) >= len(learners)
    # A day passes: the emails fall due (their jobs were queued for then).
    server.execute_in(
        "UPDATE spoc_cohort_coach_nudge SET email_due = UTC_TIMESTAMP() - INTERVAL 1 MINUTE",
        "UPDATE spoc_common_deferredjob SET run_after = UTC_TIMESTAMP() - INTERVAL 1 MINUTE "
        "WHERE task LIKE '%send_due_emails'",
    )
    half = len(nudges) // 2
    with holding(
        server, f"SELECT id FROM spoc_cohort_coach_nudge WHERE id = {nudges[half]} FOR UPDATE"
    ):
        worker.start()  # it takes up the due jobs once they are stale (the rescue at start)
        wait_for(
            lambda: (
                server.value(
                    "SELECT COUNT(*) FROM spoc_cohort_coach_nudge WHERE emailed_at IS NOT NULL"
                )
                == half
            ),
            "half the emails sent",
        )
        time.sleep(0.5)
        worker.kill()
    worker.start()
    wait_for(
        lambda: (
            server.value("SELECT COUNT(*) FROM spoc_cohort_coach_nudge WHERE emailed_at IS NULL")
            == 0
        ),
        "every email sent",
    )
    sent = emails_sent(server.mail)
    assert len(sent) == len(nudges) == len({message_id for _to, message_id in sent})
    assert len({to for to, _message_id in sent}) == len(nudges)
    figures.record("writes verified", len(sent), source=SOURCE)
    figures.record("faults injected", 1, source=SOURCE)
