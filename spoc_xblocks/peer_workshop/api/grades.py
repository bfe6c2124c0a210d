"""Published grades (and their scores in edx-submissions) and the trainer's moderation decisions."""
from __future__ import annotations

from datetime import datetime

from submissions import api as submissions_api

from spoc_xblocks.common.upsert import upsert

from ..models import Grade, ModerationDecision

SCORE_POSSIBLE = 100


def published_grade(usage_key: str, learner_id: str) -> dict | None:
    return Grade.objects.filter(usage_key=usage_key, learner_id=learner_id).values(
        "value", "details", "published_at").first()


def published_grades(usage_key: str) -> dict[str, float | None]:
    return dict(Grade.objects.filter(usage_key=usage_key).values_list("learner_id", "value"))


def publish(usage_key: str, grades: dict[str, tuple[float | None, dict]], uuids: dict[str, str],
            now: datetime) -> list[str]:
    """Store each learner's grade and its details; send the changed ones to edx-submissions.

    Returns the learners whose grade changed. One read, one upsert, then one score per changed grade
    (edx-submissions scores one submission at a time; its signal updates the LMS gradebook).
    """
    before = {row[0]: (row[1], row[2]) for row in Grade.objects.filter(usage_key=usage_key).values_list(
        "learner_id", "value", "details")}
    changed = [learner for learner, value in grades.items() if before.get(learner) != value]
    upsert(Grade, [Grade(usage_key=usage_key, learner_id=learner, value=grades[learner][0],
                         details=grades[learner][1], published_at=now) for learner in changed],
           ["usage_key", "learner_id"], ["value", "details", "published_at"])
    for learner in changed:
        value = grades[learner][0]
        if value is not None and uuids.get(learner):
            submissions_api.set_score(uuids[learner], round(value * SCORE_POSSIBLE), SCORE_POSSIBLE)
    return changed


def decisions(usage_key: str) -> dict[str, str]:
    """Moderation items already dealt with: item key -> what the trainer did."""
    return dict(ModerationDecision.objects.filter(usage_key=usage_key).values_list("item_key", "action"))


def decide(usage_key: str, item_key: str, action: str) -> None:
    upsert(ModerationDecision, [ModerationDecision(usage_key=usage_key, item_key=item_key, action=action)],
           ["usage_key", "item_key"], ["action"])
