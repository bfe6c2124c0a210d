"""The same POST twice, at once (a double click) or one after the other (a network retry), for every
write on gunicorn + MariaDB: one row each time, and the second answer is a 200 or a JSON refusal,
never a 500.

Writes: submit work, submit a review, answer the pulse, make a game choice, post a check-in, book a
slot. Even-numbered learners send each write twice at once, odd-numbered ones twice in a row.
"""

import threading
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from spoc_xblocks.dev.seed.serious_game import enabled_choices
from spoc_xblocks.dev.services import anonymous_id_for
from tests import figures

from . import cohort, truth
from .client import Outcomes, UserSession, review_ids, usage_id
from .threads import run_at_once

pytestmark = pytest.mark.slow

LEARNERS = 8
DEADLINE_SECONDS = 120
SOURCE = "repeated requests on gunicorn + MariaDB"


class Repeats:
    """Sends each write twice as one learner and keeps both answers."""

    def __init__(self, server, outcomes: Outcomes):
        self.server = server
        self.outcomes = outcomes
        self.pairs: list[tuple[str, str, list]] = []

    def twice(
        self, learner: str, scenario_id: str, handler: str, payload: dict, at_once: bool
    ) -> list:
        sessions = [UserSession(self.server.url, learner, self.outcomes) for _click in range(2)]
        answers = [None, None]
        if at_once:
            together = threading.Barrier(2)

            def click(index):
                together.wait()
                answers[index] = sessions[index].post(scenario_id, handler, payload)

            clicks = [
                threading.Thread(target=click, args=(index,), daemon=True) for index in range(2)
            ]
            for thread in clicks:
                thread.start()
            for thread in clicks:
                thread.join(60)
        else:
            answers = [session.post(scenario_id, handler, payload) for session in sessions]
        self.pairs.append((learner, handler, answers))
        return answers


def assert_each_pair_kept_once(pairs) -> None:
    for learner, handler, answers in pairs:
        statuses = sorted(answer.status_code for answer in answers if answer is not None)
        assert len(statuses) == 2 and statuses[0] == 200, (
            learner,
            handler,
            [a.text[:200] for a in answers if a],
        )
        refused = [answer for answer in answers if answer.status_code != 200]
        assert all(
            answer.status_code in (400, 409) and "error" in answer.json() for answer in refused
        ), (learner, handler, [answer.text[:200] for answer in refused])


def test_every_write_sent_twice_is_kept_once(production_server):
    deadline = time.monotonic() + DEADLINE_SECONDS
    outcomes = Outcomes()
    repeats = Repeats(production_server, outcomes)
    learners = cohort.cohort()[:LEARNERS]
    trainer = UserSession(production_server.url, cohort.TRAINER, outcomes)
    trainer.post_json(cohort.WORKSHOP, "set_phase", {"phase": "submission"})
    first_slot = timezone.now().replace(microsecond=0) + timedelta(days=1)
    for index in range(LEARNERS):
        trainer.post_json(
            cohort.COACH,
            "offer_slot",
            {
                "starts": (first_slot + timedelta(hours=index)).isoformat(),
                "minutes": 30,
                "where": "Room 2",
            },
        )
    slot_ids = [
        row[0]
        for row in production_server.rows(
            "SELECT id FROM spoc_cohort_coach_slot WHERE usage_key=%s ORDER BY starts",
            usage_id(cohort.COACH),
        )
    ]

    def writes(index: int, learner: str):
        at_once, session = index % 2 == 0, UserSession(production_server.url, learner, outcomes)
        work = {"text": cohort.work_text(learner), "links": []}
        session.post_json(cohort.WORKSHOP, "save_work", work)
        repeats.twice(learner, cohort.WORKSHOP, "submit_work", work, at_once)
        repeats.twice(
            learner, cohort.PULSE, "answer", {"answers": cohort.pulse_answers(index)}, at_once
        )
        choice = enabled_choices(session.post_json(cohort.GAME, "start")["html"])[0]
        repeats.twice(learner, cohort.GAME, "choose", {"choice_id": choice, "position": 0}, at_once)
        repeats.twice(
            learner, cohort.COACH, "post_checkin", cohort.EVERYTHING.checkin(index), at_once
        )
        repeats.twice(learner, cohort.COACH, "book_slot", {"slot_id": slot_ids[index]}, at_once)

    def review(index: int, learner: str):
        session = UserSession(production_server.url, learner, outcomes)
        first = review_ids(session.post_json(cohort.WORKSHOP, "learner_panel")["html"])[0]
        repeats.twice(
            learner,
            cohort.WORKSHOP,
            "submit_review",
            {"review_id": first, **cohort.REVIEW},
            index % 2 == 0,
        )

    run_at_once(
        {
            learner: (lambda index=index, learner=learner: writes(index, learner))
            for index, learner in enumerate(learners)
        },
        deadline,
    )
    trainer.post_json(cohort.WORKSHOP, "set_phase", {"phase": "review", "confirmed": True})
    run_at_once(
        {
            learner: (lambda index=index, learner=learner: review(index, learner))
            for index, learner in enumerate(learners)
        },
        deadline,
    )

    assert_each_pair_kept_once(repeats.pairs)
    assert 500 not in outcomes.statuses(), outcomes.failures[:5]
    verified = (
        truth.workshop_submissions(production_server, cohort.WORKSHOP, learners)
        + truth.pulse(
            production_server,
            cohort.PULSE,
            {learner: cohort.pulse_answers(index) for index, learner in enumerate(learners)},
        )
        + truth.game_runs(
            production_server, cohort.GAME, dict.fromkeys(learners, 1), finished=False
        )
        + truth.checkins(production_server, cohort.COACH, learners)
    )
    bookings = production_server.rows("SELECT learner_id, slot_id FROM spoc_cohort_coach_booking")
    assert sorted(bookings) == sorted(
        (anonymous_id_for(learner), slot_ids[index]) for index, learner in enumerate(learners)
    )
    done = production_server.rows(
        "SELECT reviewer_id, COUNT(*) FROM spoc_peer_workshop_review WHERE usage_key=%s AND "
        "status='done' "
        "GROUP BY reviewer_id",
        usage_id(cohort.WORKSHOP),
    )
    assert dict(done) == {anonymous_id_for(learner): 1 for learner in learners}
    figures.record("requests sent", len(outcomes.answers), source=SOURCE)
    figures.record("writes verified", verified + len(bookings) + len(done), source=SOURCE)
    figures.record("faults injected", len(repeats.pairs), source=SOURCE)
