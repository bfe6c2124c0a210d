"""Fifty learners at once on gunicorn (four worker processes) and MariaDB: every write there exactly
once.

Each learner submits workshop work, answers the pulse, plays the serious game to an ending and posts
a check-in; the trainer then opens the review phase and each learner does the reviews allocated to
them; the trainer reads the dashboards and exports all along. Afterwards the database holds every
write exactly once, the exports count what the database holds, and no answer was a 500.
"""

import csv
import io
import threading
import time

import pytest

from tests import figures

from . import cohort, truth
from .client import Outcomes, UserSession
from .threads import run_at_once

pytestmark = pytest.mark.slow

DEADLINE_SECONDS = 240
PEER_REVIEWS = 3
SOURCE = "50 learners on gunicorn + MariaDB"


def csv_rows(response) -> list[dict]:
    assert response is not None and response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_fifty_learners_at_once_leave_every_write_exactly_once(production_server):
    deadline = time.monotonic() + DEADLINE_SECONDS
    outcomes = Outcomes()
    learners = cohort.cohort()
    sessions = {
        learner: UserSession(production_server.url, learner, outcomes) for learner in learners
    }
    played = {learner: cohort.Played() for learner in learners}
    trainer = UserSession(production_server.url, cohort.TRAINER, outcomes)
    trainer.post_json(cohort.WORKSHOP, "set_phase", {"phase": "submission"})

    stop_reading, reads = threading.Event(), []
    reader = threading.Thread(
        target=cohort.keep_reading_dashboards,
        daemon=True,
        args=(UserSession(production_server.url, cohort.TRAINER, outcomes), stop_reading, reads),
    )
    reader.start()
    try:
        run_at_once(
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
        cohort.everyone_reviews(sessions, played, deadline)
    finally:
        stop_reading.set()
        reader.join(max(1.0, deadline - time.monotonic()))
    assert not reader.is_alive(), "the trainer's reads did not stop"

    assert reads, "the trainer read no dashboard while the learners worked"
    assert outcomes.statuses() == {200: len(outcomes.answers)}, outcomes.failures[:5]
    verified = (
        truth.workshop_submissions(production_server, cohort.WORKSHOP, learners)
        + truth.workshop_reviews(
            production_server,
            cohort.WORKSHOP,
            learners,
            PEER_REVIEWS,
            [review for one in played.values() for review in one.reviews],
        )
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

    reviews_done = sum(len(one.reviews) for one in played.values())
    exported = {
        name: len(csv_rows(trainer.get(scenario_id, handler)))
        for name, scenario_id, handler in (
            ("work", cohort.WORKSHOP, "export_csv/submissions"),
            ("reviews", cohort.WORKSHOP, "export_csv/reviews"),
            ("pulse", cohort.PULSE, "export_csv"),
            ("game", cohort.GAME, "export_runs"),
            ("coach", cohort.COACH, "export_learners"),
        )
    }
    assert exported == {**dict.fromkeys(exported, len(learners)), "reviews": reviews_done}
    assert "50 responses so far." in trainer.page(cohort.PULSE).text

    figures.record("requests sent", len(outcomes.answers), source=SOURCE)
    figures.record("writes verified", verified, source=SOURCE)
