"""Published grades (and their scores in edx-submissions) and the trainer's moderation decisions."""

from __future__ import annotations

from datetime import datetime

from submissions import api as submissions_api

from spoc_xblocks.common.upsert import upsert

from ..logic.grading import earned_points
from ..models import Grade, ModerationDecision


def published_grade(usage_key: str, learner_id: str) -> dict | None:
    return (
        Grade.objects.filter(usage_key=usage_key, learner_id=learner_id)
        .values("value", "details", "points_possible", "published_at")
        .first()
    )


def published_grades(usage_key: str) -> dict[str, float | None]:
    return dict(Grade.objects.filter(usage_key=usage_key).values_list("learner_id", "value"))


def publish(
    course_key: str,
    usage_key: str,
    grades: dict[str, tuple[float | None, dict]],
    uuids: dict[str, str],
    now: datetime,
    points: int,
) -> list[str]:
    """Store each learner's grade and its details; send the changed ones to edx-submissions as whole
    points out of `points` (the block's weight: the LMS applies no weight to these scores).

    Returns the learners whose grade, or whose points, changed. One read, one upsert, then one score
    per changed grade (edx-submissions scores one submission at a time; its signal updates the LMS
    gradebook)."""
    before = {
        row[0]: (row[1], row[2], row[3])
        for row in Grade.objects.filter(usage_key=usage_key).values_list(
            "learner_id", "value", "details", "points_possible"
        )
    }
    changed = [
        learner
        for learner, (value, details) in grades.items()
        if before.get(learner) != (value, details, points)
    ]
    upsert(
        Grade,
        [
            Grade(
                usage_key=usage_key,
                learner_id=learner,
                value=grades[learner][0],
                details=grades[learner][1],
                points_possible=points,
                published_at=now,
            )
            for learner in changed
        ],
        ["usage_key", "learner_id"],
        ["value", "details", "points_possible", "published_at"],
    )
    for learner in changed:
        value = grades[learner][0]
        if value is None or not uuids.get(learner):
            continue
        if points:
            submissions_api.set_score(uuids[learner], earned_points(value, points), points)
        else:
            # A workshop worth no points: no score in the gradebook (the LMS ignores 0 possible).
            submissions_api.reset_score(learner, course_key, usage_key)
    return changed


def points_changed(usage_key: str, points: int) -> bool:
    """Whether grades were published with other points than these (the author changed the
    workshop's)."""
    return Grade.objects.filter(usage_key=usage_key).exclude(points_possible=points).exists()


def decisions(usage_key: str) -> dict[str, str]:
    """Moderation items already dealt with: item key -> what the trainer did."""
    return dict(
        ModerationDecision.objects.filter(usage_key=usage_key).values_list("item_key", "action")
    )


def decide(usage_key: str, item_key: str, action: str) -> None:
    upsert(
        ModerationDecision,
        [ModerationDecision(usage_key=usage_key, item_key=item_key, action=action)],
        ["usage_key", "item_key"],
        ["action"],
    )
