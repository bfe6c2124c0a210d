"""Faults under load on gunicorn + MariaDB: workers killed mid-write, the database restarted
mid-write.

Killed workers (SIGKILL, three times while the fifty learners write and review): gunicorn respawns
them, the requests they held are cut off at the client and retried, and afterwards every record is
whole and there once. A restarted database: the requests during the outage answer 503 JSON with
Retry-After, never a 500 or HTML; then everything works again without restarting gunicorn, and every
write is there once.
"""

import threading
import time

import pytest

from tests import figures

from . import cohort, truth
from .client import Outcomes, UserSession
from .faults import kill_workers, restart_database
from .threads import run_at_once

pytestmark = pytest.mark.slow

DEADLINE_SECONDS = 240
RETRIES = 30
KILLS_WHILE_WRITING, KILLS_WHILE_REVIEWING = 2, 1
PEER_REVIEWS = 3
SOURCE = "faults on gunicorn + MariaDB"


def assert_no_server_error(outcomes: Outcomes, allowed: set) -> None:
    """No 500 (nor any status outside `allowed`); every refusal is JSON with an error."""
    assert set(outcomes.statuses()) <= allowed, outcomes.failures[:5]
    assert all(
        text.startswith('{"error"')
        for _handler, status, text in outcomes.failures
        if status != "cut"
    ), outcomes.failures[:5]


def with_fault(fault, args: tuple, work: dict, deadline: float) -> None:
    """Run the learners' `work` at once while `fault(*args, stop)` runs beside them; stop it when
    they are done."""
    stop, failures = threading.Event(), []

    def inject():
        try:
            fault(*args, stop)
        except BaseException as failure:  # reported below, in the test's thread
            failures.append(failure)

    injector = threading.Thread(target=inject, daemon=True)
    injector.start()
    try:
        run_at_once(work, deadline)
    finally:
        stop.set()
        injector.join(max(1.0, deadline - time.monotonic()))
    assert not injector.is_alive(), "the fault injector did not stop"
    assert not failures, f"the fault injector failed: {failures[0]!r}"


def test_workers_killed_mid_write_leave_every_record_whole_and_once(production_server):
    deadline = time.monotonic() + DEADLINE_SECONDS
    outcomes, killed = Outcomes(), []
    learners = cohort.cohort()
    sessions = {
        learner: UserSession(production_server.url, learner, outcomes, RETRIES)
        for learner in learners
    }
    played = {learner: cohort.Played() for learner in learners}
    trainer = UserSession(production_server.url, cohort.TRAINER, outcomes, RETRIES)
    trainer.post_json(cohort.WORKSHOP, "set_phase", {"phase": "submission"})

    with_fault(
        kill_workers,
        (production_server, outcomes, KILLS_WHILE_WRITING, 150, killed),
        {
            learner: (
                lambda learner=learner, index=index: cohort.write_phase(
                    sessions[learner], index, played[learner]
                )
            )
            for index, learner in enumerate(learners)
        },
        deadline,
    )
    trainer.post_json(cohort.WORKSHOP, "set_phase", {"phase": "review", "confirmed": True})
    with_fault(
        kill_workers,
        (production_server, outcomes, KILLS_WHILE_REVIEWING, 40, killed),
        {
            learner: (
                lambda learner=learner: cohort.review_phase(sessions[learner], played[learner])
            )
            for learner in learners
        },
        deadline,
    )

    assert len(killed) == KILLS_WHILE_WRITING + KILLS_WHILE_REVIEWING
    assert (
        len(production_server.wait_for_workers(production_server.workers, 30))
        == production_server.workers
    )
    assert_no_server_error(outcomes, {200, 400, 409, "cut"})
    verified = (
        truth.workshop_submissions(production_server, cohort.WORKSHOP, learners)
        + truth.workshop_reviews(production_server, cohort.WORKSHOP, learners, PEER_REVIEWS, None)
        + truth.pulse(
            production_server,
            cohort.PULSE,
            {learner: cohort.pulse_answers(index) for index, learner in enumerate(learners)},
        )
        + truth.game_runs(
            production_server,
            cohort.GAME,
            {learner: played[learner].game_steps for learner in learners},
        )
        + truth.checkins(production_server, cohort.COACH, learners)
    )
    figures.record("requests sent", len(outcomes.answers), source=SOURCE)
    figures.record("writes verified", verified, source=SOURCE)
    figures.record("faults injected", len(killed), source=SOURCE)


def test_a_database_restart_mid_write_answers_503_then_everything_recovers(production_server):
    deadline = time.monotonic() + DEADLINE_SECONDS
    outcomes, restarted = Outcomes(), []
    learners = cohort.cohort()
    workers = production_server.worker_pids()
    played = {learner: cohort.Played() for learner in learners}
    sessions = {
        learner: UserSession(production_server.url, learner, outcomes, RETRIES)
        for learner in learners
    }

    with_fault(
        restart_database,
        (outcomes, 100, restarted),
        {
            learner: (
                lambda learner=learner, index=index: cohort.write_phase(
                    sessions[learner], index, played[learner], cohort.OTHERS
                )
            )
            for index, learner in enumerate(learners)
        },
        deadline,
    )

    assert restarted, "the database was not restarted"
    assert outcomes.statuses().get(503), "no request met the outage"
    assert_no_server_error(outcomes, {200, 400, 409, 503})
    after = Outcomes()
    cohort.read_dashboards(UserSession(production_server.url, cohort.TRAINER, after))
    assert after.statuses() == {200: len(after.answers)}, after.failures[:3]
    assert sorted(production_server.worker_pids()) == sorted(workers), "a worker was restarted"
    verified = (
        truth.pulse(
            production_server,
            cohort.OTHERS.pulse,
            {learner: cohort.pulse_answers(index) for index, learner in enumerate(learners)},
        )
        + truth.game_runs(
            production_server,
            cohort.OTHERS.game,
            {learner: played[learner].game_steps for learner in learners},
        )
        + truth.checkins(production_server, cohort.OTHERS.coach, learners)
    )
    figures.record("requests sent", len(outcomes.answers) + len(after.answers), source=SOURCE)
    figures.record("writes verified", verified, source=SOURCE)
    figures.record("faults injected", len(restarted), source=SOURCE)
