"""Demo data for the whole course progress: each learner has read the course's HTML introductions
up to a point (edx-completion's BlockCompletion rows, as the LMS writes them), some of them weeks
ago and no more since; the serious game and the workshop have the scores the LMS's grade signal
would have recorded.

The workbench serves our blocks only: the introductions are the importable demo course's, named by
their usage keys there (demo_outline.py). Without edx-completion installed (the test
requirements bring it), no completion is seeded.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from spoc_xblocks.course_progress import api
from spoc_xblocks.course_progress.models import ProblemScore

from ..demo_course_plan import SECTIONS, demo_blocks
from ..demo_outline import intro_key
from ..services import user_id_of

SCORED = {"spoc_serious_game": 10, "spoc_peer_workshop": 100}  # points possible


def _completions(course: str, rng: random.Random) -> int:
    from completion.models import BlockCompletion
    from django.contrib.auth import get_user_model
    from opaque_keys.edx.keys import CourseKey, UsageKey

    intros = [intro_key(course, unit) for section in SECTIONS for unit in section.units]
    now, rows = timezone.now(), 0
    for learner in settings.SPOC_DEV_ROSTER:
        user, _new = get_user_model().objects.get_or_create(
            id=user_id_of(learner), defaults={"username": learner}
        )
        read = rng.randint(1, len(intros))
        # A third of the learners stopped weeks ago; the others read on this week.
        when = now - timedelta(days=rng.choice((2, 3, 20)))
        for key in intros[:read]:
            usage = UsageKey.from_string(key)
            BlockCompletion.objects.update_or_create(
                user=user,
                context_key=CourseKey.from_string(course),
                block_key=usage,
                defaults={"block_type": usage.block_type, "completion": 1.0},
            )
            rows += 1
        BlockCompletion.objects.filter(user=user).update(modified=when)
    return rows


def _scores(course: str, scenarios: dict, rng: random.Random) -> int:
    blocks = [
        (scenarios[f"{block.block_type}.{block.scenario}"].usage_id, SCORED[block.block_type])
        for _unit, block in demo_blocks()
        if block.block_type in SCORED
    ]
    recorded = 0
    for learner in settings.SPOC_DEV_ROSTER:
        for usage_id, possible in blocks:
            if rng.random() < 0.75:
                earned = round(possible * rng.uniform(0.4, 1.0))
                api.record_score(course, str(user_id_of(learner)), usage_id, earned, possible)
                recorded += 1
    return recorded


def seed(demo, scenarios: dict) -> str:
    course = settings.SPOC_WORKBENCH_COURSE_KEY
    if ProblemScore.objects.filter(course_key=course).exists():
        return "whole course progress: already seeded"
    rng = random.Random("course-progress")
    with transaction.atomic():
        scores = _scores(course, scenarios, rng)
        if not apps.is_installed("completion"):
            return f"whole course progress: {scores} scores; edx-completion not installed"
        completions = _completions(course, rng)
    return f"whole course progress: {completions} completions and {scores} scores"


def reset(scenarios: dict) -> None:
    course = settings.SPOC_WORKBENCH_COURSE_KEY
    ProblemScore.objects.filter(course_key=course).delete()
    if apps.is_installed("completion"):
        from completion.models import BlockCompletion

        BlockCompletion.objects.filter(context_key=course).delete()
