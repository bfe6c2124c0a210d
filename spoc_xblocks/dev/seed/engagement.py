"""Demo data for the engagement widgets: most of the roster answers the pulses and both halves of
the skills check.

Everything goes through the real handler URLs, as learners would; the after-course levels are higher
on average, by different amounts for different learners.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from spoc_xblocks.common.models import ActivityRecord, BlockProgress
from spoc_xblocks.dev.services import anonymous_id_for
from spoc_xblocks.engagement.models import PulseParticipation, PulseResponse, SkillsResponse

PULSE_PREFIX, SKILLS_PREFIX = "spoc_pulse.", "spoc_skills_check."
# Scenario number -> how many of the roster answer (the closed pulse refuses answers: nobody).
PULSE_ANSWERS = {0: 10, 1: 8}
MODULE_CHECKS = 9  # learners who answer the practice module's one-click check
MODULE_CHECK_CHOICES = ("relevant", "relevant", "relevant", "too-easy", "too-hard")
SKILLS_BEFORE, SKILLS_AFTER = 11, 9
# Learners whose after check goes back past the follow-up's 90 days, and who answer it.
SKILLS_FOLLOWUP = 4
FOLLOWUP_USES = ("never", "once", "monthly", "weekly", "weekly", "daily")
FOLLOWUP_EXAMPLES = {
    "listening": "I let a caller who was shouting finish, then summed up the problem: he calmed "
    "down.",
    "procedure": "I logged every refund request in the ticket before calling back.",
}
FOLLOWUP_BENEFITS = (
    "Fewer calls passed on to my manager.",
    "",
    "Customers thank me more often at the end of a call.",
)
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
    for learner in roster[:MODULE_CHECKS] if 3 in pulses else ():
        choice = random.Random(f"module-check:{learner}").choice(MODULE_CHECK_CHOICES)
        answered += (
            demo.post(pulses[3], "answer", learner, {"answers": {"module-check": choice}})
            is not None
        )
    checked = 0
    for index, learner in enumerate(roster[:SKILLS_BEFORE]):
        before, after = skills_levels(random.Random(f"skills:{learner}"))
        checked += demo.post(checks[0], "answer", learner, {"levels": before}) is not None
        if index < SKILLS_AFTER:
            checked += demo.post(checks[1], "answer", learner, {"levels": after}) is not None
    if 2 in checks:
        checked += _follow_up(demo, checks[1], checks[2], roster[:SKILLS_FOLLOWUP])
    return (
        f"engagement: {answered} pulse responses in {len(PULSE_ANSWERS) + 1} pulses, "
        f"{checked} skills checks ({SKILLS_BEFORE} before, {SKILLS_AFTER} after, "
        f"{SKILLS_FOLLOWUP} follow-ups)"
    )


def _follow_up(demo, after_check: str, followup_check: str, learners: list[str]) -> int:
    """These learners took the after check 100 days ago and answer the follow-up now."""
    SkillsResponse.objects.filter(
        usage_key=after_check, learner_id__in=[anonymous_id_for(learner) for learner in learners]
    ).update(answered=timezone.now() - timedelta(days=100))
    answered = 0
    for index, learner in enumerate(learners):
        rng = random.Random(f"followup:{learner}")
        _before, after = skills_levels(random.Random(f"skills:{learner}"))
        answer = {
            "levels": {key: min(5, level + rng.choice((0, 0, 1))) for key, level in after.items()},
            "uses": {key: rng.choice(FOLLOWUP_USES) for key in COMPETENCY_IDS},
            "examples": FOLLOWUP_EXAMPLES if index % 2 == 0 else {},
            "benefit": FOLLOWUP_BENEFITS[index % len(FOLLOWUP_BENEFITS)],
        }
        answered += demo.post(followup_check, "answer", learner, answer) is not None
    return answered


def reset(scenarios: dict) -> None:
    usage_ids = [
        *_usage_ids(scenarios, PULSE_PREFIX).values(),
        *_usage_ids(scenarios, SKILLS_PREFIX).values(),
    ]
    for model in (PulseParticipation, PulseResponse, SkillsResponse, ActivityRecord, BlockProgress):
        model.objects.filter(usage_key__in=usage_ids).delete()
