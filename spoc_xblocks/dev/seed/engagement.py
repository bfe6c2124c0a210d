"""Demo data for the engagement widgets: most of the roster answers the pulses and both halves of
the skills check.

Everything goes through the real handler URLs, as learners would; the after-course levels are higher
on average, by different amounts for different learners.
"""

from __future__ import annotations

import random

from django.conf import settings

from spoc_xblocks.common.models import ActivityRecord, BlockProgress
from spoc_xblocks.engagement.models import PulseParticipation, PulseResponse, SkillsResponse

PULSE_PREFIX, SKILLS_PREFIX = "spoc_pulse.", "spoc_skills_check."
# Scenario number -> how many of the roster answer (the closed pulse refuses answers: nobody).
PULSE_ANSWERS = {0: 10, 1: 8}
SKILLS_BEFORE, SKILLS_AFTER = 11, 9
COMPETENCY_IDS = ("listening", "deescalation", "procedure")
CHANGES = (-1, 0, 1, 1, 1, 2, 2, 3)
COMMENTS = (
    "More role plays on difficult calls, please.",
    "The live sessions run late; a written summary would help.",
    "",
    "",
    "I would like feedback on my recorded calls.",
    "",
)


def _usage_ids(scenarios: dict, prefix: str) -> dict[int, str]:
    return {
        int(name[len(prefix) :]): scenario.usage_id
        for name, scenario in scenarios.items()
        if name.startswith(prefix)
    }


def pulse_answers(rng: random.Random) -> dict:
    """A plausible set of answers to the demo pulse (optional questions sometimes left out)."""
    answers = {
        "pace": rng.choice((2, 3, 4, 4, 4, 5, 5)),
        "sessions": rng.choice((3, 4, 4, 5, 5)),
        "recommend": rng.choice((5, 7, 8, 8, 9, 9, 10, 10)),
        "helped": rng.choice(("game", "game", "workshop", "sessions")),
    }
    wanted = rng.sample(("practice", "feedback", "peers", "reading"), rng.randint(0, 2))
    if wanted:
        answers["wanted"] = wanted
    comment = rng.choice(COMMENTS)
    if comment:
        answers["change"] = comment
    return answers


def skills_levels(rng: random.Random) -> tuple[dict, dict]:
    """A learner's levels before the course and after it (higher on average, not for everyone)."""
    before = {competency: rng.choice((1, 2, 2, 3, 3)) for competency in COMPETENCY_IDS}
    after = {
        competency: max(1, min(5, level + rng.choice(CHANGES)))
        for competency, level in before.items()
    }
    return before, after


def seed(demo, scenarios: dict) -> str:
    pulses, checks = _usage_ids(scenarios, PULSE_PREFIX), _usage_ids(scenarios, SKILLS_PREFIX)
    usage_ids = [*pulses.values(), *checks.values()]
    if (
        PulseParticipation.objects.filter(usage_key__in=usage_ids).exists()
        or SkillsResponse.objects.filter(usage_key__in=usage_ids).exists()
    ):
        return "engagement: already seeded"
    roster = settings.SPOC_DEV_ROSTER
    answered = 0
    for number, count in PULSE_ANSWERS.items():
        for learner in roster[:count]:
            answered += (
                demo.post(
                    pulses[number],
                    "answer",
                    learner,
                    {"answers": pulse_answers(random.Random(f"pulse{number}:{learner}"))},
                )
                is not None
            )
    checked = 0
    for index, learner in enumerate(roster[:SKILLS_BEFORE]):
        before, after = skills_levels(random.Random(f"skills:{learner}"))
        checked += demo.post(checks[0], "answer", learner, {"levels": before}) is not None
        if index < SKILLS_AFTER:
            checked += demo.post(checks[1], "answer", learner, {"levels": after}) is not None
    return (
        f"engagement: {answered} pulse responses in {len(PULSE_ANSWERS)} pulses, "
        f"{checked} skills checks ({SKILLS_BEFORE} before, {SKILLS_AFTER} after)"
    )


def reset(scenarios: dict) -> None:
    usage_ids = [
        *_usage_ids(scenarios, PULSE_PREFIX).values(),
        *_usage_ids(scenarios, SKILLS_PREFIX).values(),
    ]
    for model in (PulseParticipation, PulseResponse, SkillsResponse, ActivityRecord, BlockProgress):
        model.objects.filter(usage_key__in=usage_ids).delete()
