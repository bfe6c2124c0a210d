"""What the simulated learners and the trainer do on the production-shaped server, and what they
sent.

Each learner, in their own HTTP session: saves and submits workshop work, answers the pulse, plays
the serious game to an ending, posts a coach check-in; once the trainer has opened the review phase,
does every review allocated to them. The trainer reads the dashboards and CSV exports in a loop
meanwhile.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings

from spoc_xblocks.dev.seed.serious_game import enabled_choices

from .client import UserSession, review_ids
from .threads import run_at_once

COHORT_SIZE = 50
WORKSHOP = "spoc_peer_workshop.1"  # 3 peer reviews each, from anyone, and a self-assessment
PULSE = "spoc_pulse.0"
GAME = "spoc_serious_game.0"
COACH = "spoc_cohort_coach.0"
TRAINER = "trainer"
HELPED = ("game", "workshop", "sessions")
REVIEW = {
    "options": {"clarity": "clear", "tone": "polite", "escalation": "vague"},
    "comments": {"escalation": "Say when to call the duty manager."},
    "overall": "Clear and kind.",
}
EXPORTS = (
    (WORKSHOP, "export_csv/submissions"),
    (WORKSHOP, "export_csv/reviews"),
    (PULSE, "export_csv"),
    (GAME, "export_runs"),
    (COACH, "export_learners"),
)
MAX_GAME_STEPS = 60
MAX_REVIEW_ROUNDS = 10


def cohort() -> list[str]:
    """The 50 learners the server enrols (SPOC_DEV_ROSTER_SIZE=50): the dev roster, then learner13
    onwards."""
    named = list(settings.SPOC_DEV_ROSTER)
    return (named + [f"learner{index}" for index in range(len(named) + 1, COHORT_SIZE + 1)])[
        :COHORT_SIZE
    ]


def pulse_answers(index: int) -> dict:
    return {
        "pace": 1 + index % 5,
        "sessions": 1 + (index * 2) % 5,
        "recommend": index % 11,
        "helped": HELPED[index % 3],
    }


def work_text(learner: str) -> str:
    return (
        f"<p>{learner}'s procedure: listen, name the problem back, fix it or escalate after ten "
        "minutes.</p>"
    )


@dataclass(frozen=True)
class Activities:
    """The scenarios a learner works through, and their check-in (the coach's questions vary by
    scenario)."""

    pulse: str
    game: str
    coach: str
    checkin: Callable[[int], dict]
    workshop: str | None = None


EVERYTHING = Activities(
    PULSE,
    GAME,
    COACH,
    workshop=WORKSHOP,
    checkin=lambda index: {"progress": index * 2, "confidence": 1 + index % 5, "mood": "good"},
)
# The other scenarios (a named pulse, the assessment game, the fortnightly coach), for a second
# round of writes.
OTHERS = Activities(
    "spoc_pulse.1",
    "spoc_serious_game.2",
    "spoc_cohort_coach.1",
    checkin=lambda index: {"confidence": 1 + index % 5, "blockers": "Time."},
)


@dataclass
class Played:
    """What one learner did, as the server acknowledged it."""

    game_steps: int = 0
    reviews: list[int] = field(default_factory=list)


def write_phase(
    session: UserSession, index: int, played: Played, activities: Activities = EVERYTHING
) -> None:
    if activities.workshop:
        work = {"text": work_text(session.student), "links": []}
        session.post_json(activities.workshop, "save_work", work)
        session.post_json(activities.workshop, "submit_work", work)
    session.post_json(activities.pulse, "answer", {"answers": pulse_answers(index)})
    play_game(session, activities.game, random.Random(index), played)
    session.post_json(activities.coach, "post_checkin", activities.checkin(index))


def play_game(session: UserSession, scenario_id: str, rng: random.Random, played: Played) -> None:
    answer = session.post_json(scenario_id, "start")
    while choices := enabled_choices(answer["html"]):
        assert played.game_steps < MAX_GAME_STEPS, f"{session.student}: the game never ends"
        answer = session.post_json(
            scenario_id, "choose", {"choice_id": rng.choice(choices), "position": played.game_steps}
        )
        played.game_steps += 1


def review_phase(session: UserSession, played: Played) -> None:
    """Every review the learner's page offers, until it offers none."""
    for _round in range(MAX_REVIEW_ROUNDS):
        offered = review_ids(session.post_json(WORKSHOP, "learner_panel")["html"])
        if not offered:
            return
        for review_id in offered:
            session.post_json(WORKSHOP, "submit_review", {"review_id": review_id, **REVIEW})
            played.reviews.append(review_id)
    raise AssertionError(
        f"{session.student}: reviews still offered after {MAX_REVIEW_ROUNDS} rounds"
    )


def everyone_reviews(sessions: dict, played: dict, deadline: float) -> None:
    """Every learner, at once, does every review offered to them."""
    run_at_once(
        {
            learner: (lambda learner=learner: review_phase(sessions[learner], played[learner]))
            for learner in sessions
        },
        deadline,
    )


def read_dashboards(session: UserSession) -> None:
    """The trainer's reads, once each: the test checks every answer was a 200."""
    session.post(WORKSHOP, "trainer_panel")
    session.post(COACH, "dashboard_page", {"page": 1, "filter": "all"})
    session.page(PULSE)
    session.page(GAME)
    for scenario_id, export in EXPORTS:
        session.get(scenario_id, export)


def keep_reading_dashboards(session: UserSession, stop: threading.Event, rounds_done: list) -> None:
    while not stop.is_set():
        read_dashboards(session)
        rounds_done.append(1)
