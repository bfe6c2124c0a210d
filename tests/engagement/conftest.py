"""Helpers for the engagement widgets: the demo scenarios, answers sent through the real handler
URLs."""

from __future__ import annotations

import pytest

PULSE = "spoc_pulse.0"  # anonymous, results for learners
NAMED = "spoc_pulse.1"  # named, results for the trainer only
CLOSED = "spoc_pulse.2"
BEFORE = "spoc_skills_check.0"
AFTER = "spoc_skills_check.1"
TRAINER = "trainer"
COURSE = "course-v1:SPOC+Onboarding+2026"

FULL_ANSWERS = {
    "pace": 4,
    "sessions": 5,
    "recommend": 9,
    "helped": "game",
    "wanted": ["practice", "peers"],
    "change": "More practice cases.",
}
REQUIRED_ONLY = {"pace": 2, "sessions": 3, "recommend": 6, "helped": "workshop"}
LEVELS_BEFORE = {"listening": 2, "deescalation": 1, "procedure": 3}
LEVELS_AFTER = {"listening": 4, "deescalation": 3, "procedure": 3}


def stored_block(workbench, scenario_id: str):
    """The block as stored now, read through a fresh workbench runtime."""
    return workbench.stored_block(scenario_id, TRAINER)


def change_content(workbench, scenario_id: str, **changes):
    """Edit the stored block's content (its intro, its questions), as an author saving in Studio
    would."""
    block = stored_block(workbench, scenario_id)
    field = block.CONTENT_FIELD
    workbench.set_fields(scenario_id, **{field: {**getattr(block, field), **changes}})


@pytest.fixture
def answer(workbench):
    """POST a pulse's answers as a student; return the response."""

    def answer_(student: str, answers=None, scenario_id: str = PULSE):
        return workbench.post(
            scenario_id,
            "answer",
            student,
            {"answers": FULL_ANSWERS if answers is None else answers},
        )

    return answer_


@pytest.fixture
def rate(workbench):
    """POST a skills check's levels as a student; return the response."""

    def rate_(student: str, levels=None, scenario_id: str = BEFORE):
        return workbench.post(
            scenario_id, "answer", student, {"levels": LEVELS_BEFORE if levels is None else levels}
        )

    return rate_
