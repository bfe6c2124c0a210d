"""The public interface of learner progress across SPOC blocks: each block records, the coach
reads."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.utils import timezone

from .learner_rows import of_learners
from .markers import rows_marker
from .models import BlockProgress
from .upsert import upsert


def record_progress(
    course_key: str,
    usage_key: str,
    block_type: str,
    learner_id: str,
    *,
    done: bool = False,
    score: float | None = None,
    block_name: str = "",
) -> None:
    """Note, in one upsert, that a learner started a block, or finished it (with a score); done
    stays done.

    `block_name`, the block's display name, lets the coach name the block (a renamed block's rows
    follow).
    """
    if done:
        record_done(course_key, usage_key, block_type, {learner_id: score}, block_name=block_name)
    else:
        _upsert_rows(course_key, usage_key, block_type, {learner_id: {}}, block_name)


def record_done(
    course_key: str,
    usage_key: str,
    block_type: str,
    scores: dict[str, float | None],
    *,
    block_name: str = "",
) -> None:
    """Note that these learners finished the block, each with their score, in one upsert."""
    now = timezone.now()
    finished = {
        learner: {"state": BlockProgress.DONE, "done_at": now, "score": score}
        for learner, score in scores.items()
    }
    _upsert_rows(course_key, usage_key, block_type, finished, block_name)


def _upsert_rows(course_key, usage_key, block_type, values: dict[str, dict], block_name) -> None:
    """One upsert of a row per learner, with its values (the same fields in every row)."""
    if not values:
        return
    now = timezone.now()
    rows = [
        BlockProgress(
            course_key=course_key,
            usage_key=usage_key,
            block_type=block_type,
            learner_id=learner_id,
            updated=now,
            block_name=block_name[:255],
            **fields,
        )
        for learner_id, fields in values.items()
    ]
    update_fields = ["updated", *next(iter(values.values()))]
    if block_name:
        update_fields.append("block_name")
    upsert(BlockProgress, rows, ["usage_key", "learner_id"], update_fields)


def set_due(
    course_key: str,
    usage_key: str,
    block_type: str,
    due_by_learner: dict[str, datetime | None],
    *,
    block_name: str = "",
) -> None:
    """Set each learner's deadline on a block, creating rows for learners who have not started yet.

    One read; then, only where something changed, one insert for new learners and one update per
    distinct changed deadline. Pages that keep the deadlines current call this on every view, so it
    writes nothing when nothing changed (no write, no row lock, on a read path).
    """
    stored = dict(
        BlockProgress.objects.filter(
            usage_key=usage_key, learner_id__in=list(due_by_learner)
        ).values_list("learner_id", "due")
    )
    missing = [learner for learner in due_by_learner if learner not in stored]
    if missing:
        BlockProgress.objects.bulk_create(
            [
                BlockProgress(
                    course_key=course_key,
                    usage_key=usage_key,
                    block_type=block_type,
                    learner_id=learner,
                    due=due_by_learner[learner],
                    block_name=block_name[:255],
                )
                for learner in missing
            ],
            ignore_conflicts=True,
        )
    learners_by_due = defaultdict(list)
    for learner, due in due_by_learner.items():
        if (
            learner not in stored or stored[learner] != due
        ):  # a row made meanwhile by another request too
            learners_by_due[due].append(learner)
    for due, learners in learners_by_due.items():
        BlockProgress.objects.filter(usage_key=usage_key, learner_id__in=learners).update(
            due=due, updated=timezone.now()
        )


def forget_learner(usage_key: str, learner_id: str) -> int:
    """Delete a learner's row on one block (their state of it was deleted); how many went."""
    return BlockProgress.objects.filter(usage_key=usage_key, learner_id=learner_id).delete()[0]


def changes_marker(course_key: str) -> tuple:
    """How many progress rows a course has and when the newest change was: it changes whenever a
    row is written."""
    return rows_marker(BlockProgress.objects.filter(course_key=course_key), "updated")


def learners_changed_since(course_key: str, updated: datetime) -> set[str]:
    """The learners of a course with a progress row written at or after `updated` (a
    `changes_marker`'s newest change: a write of the same instant may have committed since), in
    one query."""
    return set(
        BlockProgress.objects.filter(course_key=course_key, updated__gte=updated)
        .values_list("learner_id", flat=True)
        .distinct()
    )


def cohort_progress(course_key: str, learner_ids=None) -> list[dict]:
    """Every learner's progress row in a course (or those of `learner_ids`), in one query."""
    rows = of_learners(BlockProgress.objects.filter(course_key=course_key), learner_ids)
    return list(
        rows.values(
            "usage_key",
            "block_type",
            "block_name",
            "learner_id",
            "state",
            "score",
            "due",
            "done_at",
            "updated",
        )
    )
