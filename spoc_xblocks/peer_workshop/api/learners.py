"""Deleting one learner's data of a workshop, when the course team deletes their state of the block.

Goes: their draft, their files' rows, their submission (with every review of it, their
self-assessment included, and the trainer's moderation decisions about it), their participant row,
published grade and reminders, and their review slots not done; in edx-submissions their submission
is hidden and its score reset, which tells the gradebook to drop it. Stays: the reviews they
finished of others' work, which count in those learners' grades. Their pending reviews must be
handed to others before (the block's `reassign_from`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from submissions import api as submissions_api

from ..logic.moderation import keys_about
from ..models import (
    Draft,
    Grade,
    ModerationDecision,
    Participant,
    Reminder,
    Review,
    Submission,
    Upload,
)


@dataclass(frozen=True)
class Forgotten:
    records: int  # rows deleted
    stored_names: tuple[str, ...]  # the learner's files, to delete from storage after the commit


def forget_learner(course_key: str, usage_key: str, learner_id: str) -> Forgotten:
    """Delete the learner's rows of the workshop and reset their score in edx-submissions (a fixed
    number of queries). A later publication of grades finds no submission of theirs, so gives them
    no grade or score."""
    stored_names = tuple(
        Upload.objects.filter(usage_key=usage_key, learner_id=learner_id).values_list(
            "stored_name", flat=True
        )
    )
    reviews_of_them = Review.objects.filter(usage_key=usage_key, submission__learner_id=learner_id)
    review_keys = [str(review_id) for review_id in reviews_of_them.values_list("id", flat=True)]
    exact, prefix = keys_about(learner_id, review_keys)
    deleted = (
        ModerationDecision.objects.filter(
            Q(item_key__in=exact) | Q(item_key__startswith=prefix), usage_key=usage_key
        ),
        Review.objects.filter(usage_key=usage_key, reviewer_id=learner_id).exclude(
            status=Review.DONE
        ),
        Submission.objects.filter(usage_key=usage_key, learner_id=learner_id),  # and its reviews
        *(
            model.objects.filter(usage_key=usage_key, learner_id=learner_id)
            for model in (Upload, Draft, Participant, Grade, Reminder)
        ),
    )
    records = sum(queryset.delete()[0] for queryset in deleted)
    submissions_api.reset_score(learner_id, course_key, usage_key, clear_state=True)
    return Forgotten(records, stored_names)
