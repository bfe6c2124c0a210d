"""Published grades (and their scores in edx-submissions) and the trainer's moderation decisions."""

from __future__ import annotations

import functools
import operator
import uuid
from datetime import datetime

from django.db.models import Q
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


def published_grades_and_points(usage_key: str) -> tuple[dict[str, float | None], set[int]]:
    """Each learner's published grade, and the points they were published with (one query)."""
    rows = Grade.objects.filter(usage_key=usage_key).values_list(
        "learner_id", "value", "points_possible"
    )
    return {row[0]: row[1] for row in rows}, {row[2] for row in rows}


def publish(
    usage_key: str,
    grades: dict[str, tuple[float | None, dict]],
    now: datetime,
    points: int,
) -> list[str]:
    """Store each learner's grade and its details, marking those that changed (or whose points
    did) as waiting for the gradebook; return those learners. One read and one upsert, whatever the
    cohort: `deliver` then sends them to the gradebook, a few at a time."""
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
    token = uuid.uuid4().hex
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
                pending=token,
            )
            for learner in changed
        ],
        ["usage_key", "learner_id"],
        ["value", "details", "points_possible", "published_at", "pending"],
    )
    return changed


def waiting_for_gradebook(usage_key: str) -> list[int]:
    """The grades not yet in the gradebook, oldest learner first (ids)."""
    return list(
        Grade.objects.filter(usage_key=usage_key)
        .exclude(pending="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def deliver(course_key: str, usage_key: str, grade_ids: list[int], uuids: dict[str, str]) -> int:
    """Send these grades to edx-submissions as whole points out of the points they were published
    with (the LMS applies no weight to these scores; its signal updates the gradebook), and mark
    them delivered; return how many were sent.

    Call inside a transaction: the rows are locked and read again, so the gradebook gets each
    grade's latest value, and a score and its mark commit together (a worker killed between them
    leaves neither, and the grade is sent again, once)."""
    rows = list(
        Grade.objects.select_for_update()
        .filter(pk__in=grade_ids)
        .exclude(pending="")
        .values_list("pk", "learner_id", "value", "points_possible", "pending")
    )
    for _pk, learner, value, points, _token in rows:
        if value is None or not uuids.get(learner):
            continue
        if points:
            submissions_api.set_score(uuids[learner], earned_points(value, points), points)
        else:
            # A workshop worth no points: no score in the gradebook (the LMS ignores 0 possible).
            submissions_api.reset_score(learner, course_key, usage_key)
    if rows:
        # Only the publication that was sent: a newer one, stored meanwhile, waits for its turn.
        sent = functools.reduce(operator.or_, (Q(pk=row[0], pending=row[4]) for row in rows))
        Grade.objects.filter(sent).update(pending="")
    return len(rows)


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
