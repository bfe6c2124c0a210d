"""Demo data for the time per module: two to four weeks of sessions of each learner in the demo
course's blocks, sent as tracking events to the time per module's backend, as the LMS's tracker
would send them.

It seeds first: the other seeders' real handler calls happen now, after these past sessions.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from spoc_xblocks.module_time.backend import ModuleTimeBackend
from spoc_xblocks.module_time.models import ModuleTime

from ..demo_course_plan import demo_blocks
from ..services import user_id_of

# Minutes a learner typically spends in each kind of block (the demo's design is lighter).
TYPICAL_MINUTES = {
    "spoc_skills_check": 6,
    "spoc_pulse": 4,
    "spoc_serious_game": 25,
    "spoc_peer_workshop": 50,
    "spoc_cohort_coach": 8,
}
EVENT_EVERY_MINUTES = 3


def _sessions(rng: random.Random, block_ids: list[tuple[str, str]]):
    """(minutes ago, usage id) of one learner's events, one session per block, in time order."""
    days_ago = 26
    for usage_id, block_type in block_ids:
        days_ago -= rng.randint(1, 4)
        start = days_ago * 24 * 60 + rng.randint(0, 8 * 60)
        minutes = max(EVENT_EVERY_MINUTES, round(TYPICAL_MINUTES[block_type] * rng.uniform(0.5, 2)))
        for offset in range(0, minutes + 1, EVENT_EVERY_MINUTES):
            yield start - offset, usage_id


def seed(demo, scenarios: dict) -> str:
    course = settings.SPOC_WORKBENCH_COURSE_KEY
    if ModuleTime.objects.filter(course_key=course).exists():
        return "time per module: already seeded"
    block_ids = [
        (scenarios[f"{block.block_type}.{block.scenario}"].usage_id, block.block_type)
        for _unit, block in demo_blocks()
    ]
    backend, now, sent = ModuleTimeBackend(), timezone.now(), 0
    rng = random.Random("module-time")
    with transaction.atomic():  # one commit for the whole demo
        for learner in settings.SPOC_DEV_ROSTER:
            for minutes_ago, usage_id in _sessions(rng, block_ids):
                backend.send(
                    {
                        "name": "spoc.demo.event",
                        "timestamp": now - timedelta(minutes=minutes_ago),
                        "data": {},
                        "context": {
                            "course_id": course,
                            "user_id": user_id_of(learner),
                            "module": {"usage_key": usage_id},
                        },
                    }
                )
                sent += 1
    return f"time per module: {sent} tracking events of {len(settings.SPOC_DEV_ROSTER)} learners"


def reset(scenarios: dict) -> None:
    ModuleTime.objects.filter(course_key=settings.SPOC_WORKBENCH_COURSE_KEY).delete()
