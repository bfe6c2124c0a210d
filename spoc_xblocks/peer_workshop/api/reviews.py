"""Review slots and reviews: the allocation written down, drafts and final reviews, ratings, trainer
overrides.

A slot is a Review row; the database allows one per (submission, reviewer), so nobody reviews the
same work twice, and every change of status is a conditional update, so two requests racing cannot
both submit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Q

from spoc_xblocks.common.markers import rows_marker

from ..logic.allocation import TRAINER
from ..models import Review

PENDING, DONE, WITHDRAWN = Review.PENDING, Review.DONE, Review.WITHDRAWN
PEER, TRAINER_KIND, SELF = Review.PEER, Review.TRAINER, Review.SELF


@dataclass(frozen=True)
class ReviewInfo:
    id: int
    submission_id: int
    author_id: str
    reviewer_id: str
    kind: str
    status: str
    due: datetime | None
    started: bool
    submitted_at: datetime | None
    options: dict
    comments: dict
    overall: str
    points: dict
    comment_length: int
    helpfulness: int | None
    flagged: bool
    flag_reason: str
    excluded: bool
    override_options: dict | None
    withdrawn_reason: str

    @property
    def done(self) -> bool:
        return self.status == DONE

    @property
    def pending(self) -> bool:
        return self.status == PENDING


FIELDS = (
    "id",
    "submission_id",
    "author_id",
    "reviewer_id",
    "kind",
    "status",
    "due",
    "started",
    "submitted_at",
    "options",
    "comments",
    "overall",
    "points",
    "comment_length",
    "helpfulness",
    "flagged",
    "flag_reason",
    "excluded",
    "override_options",
    "withdrawn_reason",
)


def changes_marker(usage_key: str) -> tuple:
    """How many slots a workshop has and when the newest change was: it moves at every write (the
    model's MarkedQuerySet)."""
    return rows_marker(Review.objects.filter(usage_key=usage_key), "updated")


def _rows(queryset) -> list[ReviewInfo]:
    rows = (
        queryset.annotate(author_id=F("submission__learner_id")).order_by("id").values_list(*FIELDS)
    )
    return [ReviewInfo(*row) for row in rows]


def reviews_by(usage_key: str, reviewer_id: str, missed_reasons=()) -> list[ReviewInfo]:
    """The slots given to a reviewer (pending or done, and those taken back unfinished for one of
    `missed_reasons`), oldest first."""
    missed = Q(status=WITHDRAWN, withdrawn_reason__in=list(missed_reasons))
    return _rows(
        Review.objects.filter(usage_key=usage_key, reviewer_id=reviewer_id).filter(
            Q(status__in=(PENDING, DONE)) | missed
        )
    )


def reviews_of(usage_key: str, author_id: str) -> list[ReviewInfo]:
    """Every live slot on a learner's submission (pending or done)."""
    return _rows(
        Review.objects.filter(
            usage_key=usage_key, submission__learner_id=author_id, status__in=(PENDING, DONE)
        )
    )


def all_reviews(usage_key: str) -> list[ReviewInfo]:
    """Every slot of the workshop, withdrawn ones included (one query)."""
    return _rows(Review.objects.filter(usage_key=usage_key))


def review(usage_key: str, review_id: int) -> ReviewInfo | None:
    found = _rows(Review.objects.filter(usage_key=usage_key, id=review_id))
    return found[0] if found else None


# ---- allocation ----------------------------------------------------------------------------------


def give(usage_key: str, pairs, due: datetime | None) -> int:
    """Create pending slots for (reviewer, submission id) pairs; a pair withdrawn earlier is given
    back."""
    pairs = list(dict.fromkeys(pairs))
    if not pairs:
        return 0
    existing = {
        (reviewer, submission_id): review_id
        for review_id, reviewer, submission_id in Review.objects.filter(
            usage_key=usage_key,
            submission_id__in={pair[1] for pair in pairs},
            reviewer_id__in={pair[0] for pair in pairs},
        ).values_list("id", "reviewer_id", "submission_id")
    }
    revived = [existing[pair] for pair in pairs if pair in existing]
    if revived:
        Review.objects.filter(id__in=revived, status=WITHDRAWN).update(
            status=PENDING, withdrawn_reason="", due=due
        )
    Review.objects.bulk_create(
        [
            Review(
                usage_key=usage_key,
                submission_id=submission_id,
                reviewer_id=reviewer,
                due=due,
                kind=TRAINER_KIND if reviewer == TRAINER else PEER,
            )
            for reviewer, submission_id in pairs
            if (reviewer, submission_id) not in existing
        ]
    )
    return len(pairs)


def withdraw(review_ids, reason: str) -> int:
    """Take pending slots away from their reviewers (kept, for the record and the grade for
    reviewing)."""
    return Review.objects.filter(id__in=list(review_ids), status=PENDING).update(
        status=WITHDRAWN, withdrawn_reason=reason
    )


def transfer(review_id: int, reviewer_id: str, due: datetime | None) -> bool:
    """Hand an untouched pending slot to another reviewer (no trace: the first one never started
    it)."""
    return bool(
        Review.objects.filter(id=review_id, status=PENDING, started=False).update(
            reviewer_id=reviewer_id, due=due
        )
    )


def overdue(usage_key: str, now: datetime) -> list[ReviewInfo]:
    return _rows(Review.objects.filter(usage_key=usage_key, status=PENDING, kind=PEER, due__lt=now))


def has_overdue(usage_key: str, now: datetime) -> bool:
    return Review.objects.filter(
        usage_key=usage_key, status=PENDING, kind=PEER, due__lt=now
    ).exists()


def expire_pending(usage_key: str) -> int:
    """When reviews close: every peer slot not done is withdrawn as expired."""
    return Review.objects.filter(usage_key=usage_key, status=PENDING, kind=PEER).update(
        status=WITHDRAWN, withdrawn_reason="expired"
    )


# ---- writing reviews -----------------------------------------------------------------------------


def save_draft(
    review_id: int, reviewer_id: str, options: dict, comments: dict, overall: str, *, first: bool
) -> bool:
    """Keep a review in progress; False when the slot is not this reviewer's pending one.

    Only the first save (`first`: the slot was not started) moves the reviews' change marker: the
    trainer's dashboard shows that a review was started, never what its draft holds, so a reviewer
    typing does not make the trainer's next view compute every grade again."""
    values = {"options": options, "comments": comments, "overall": overall, "started": True}
    if not first:
        values["updated"] = F("updated")
    return bool(
        Review.objects.filter(id=review_id, reviewer_id=reviewer_id, status=PENDING).update(
            **values
        )
    )


def submit(
    review_id: int,
    reviewer_id: str,
    options: dict,
    comments: dict,
    overall: str,
    points: dict,
    now: datetime,
) -> bool:
    """Write a review for good; False when it was submitted already or is not this reviewer's
    pending slot."""
    length = len(overall.strip()) + sum(len(text.strip()) for text in comments.values())
    return bool(
        Review.objects.filter(id=review_id, reviewer_id=reviewer_id, status=PENDING).update(
            options=options,
            comments=comments,
            overall=overall,
            points=points,
            comment_length=length,
            status=DONE,
            submitted_at=now,
            started=True,
        )
    )


def add_self_slot(usage_key: str, submission_id: int, author_id: str) -> None:
    """The slot in which the author assesses their own work (not graded)."""
    Review.objects.bulk_create(
        [
            Review(
                usage_key=usage_key, submission_id=submission_id, kind=SELF, reviewer_id=author_id
            )
        ],
        ignore_conflicts=True,
    )


def rate(
    usage_key: str, review_id: int, author_id: str, helpfulness: int, flagged: bool, reason: str
) -> bool:
    """The author rates a peer review they received; False when it is not a done peer review of
    their work."""
    return bool(
        Review.objects.filter(
            usage_key=usage_key,
            id=review_id,
            submission__learner_id=author_id,
            status=DONE,
            kind=PEER,
        ).update(helpfulness=helpfulness, flagged=flagged, flag_reason=reason if flagged else "")
    )


def trainer_assess(
    usage_key: str,
    submission_id: int,
    options: dict,
    comments: dict,
    overall: str,
    points: dict,
    final: bool,
    now: datetime,
) -> None:
    """The trainer's assessment of a submission (one per submission, whoever of the staff writes
    it)."""
    length = len(overall.strip()) + sum(len(text.strip()) for text in comments.values())
    values = {"options": options, "comments": comments, "overall": overall, "started": True}
    if final:
        values.update(points=points, comment_length=length, status=DONE, submitted_at=now)
    updated = Review.objects.filter(
        usage_key=usage_key, submission_id=submission_id, reviewer_id=TRAINER
    ).update(**values)
    if not updated:
        Review.objects.create(
            usage_key=usage_key,
            submission_id=submission_id,
            reviewer_id=TRAINER,
            kind=TRAINER_KIND,
            **values,
        )


def override(usage_key: str, review_id: int, excluded: bool, options: dict | None) -> bool:
    """The trainer sets a peer review aside, or replaces its levels (None restores the reviewer's
    own)."""
    return bool(
        Review.objects.filter(usage_key=usage_key, id=review_id, status=DONE, kind=PEER).update(
            excluded=excluded, override_options=options
        )
    )


def pending_counts(usage_key: str, reviewer_ids) -> dict[str, int]:
    """How many reviews each of these learners still has to do."""
    counts = {}
    for reviewer in (
        Review.objects.filter(
            usage_key=usage_key, reviewer_id__in=list(reviewer_ids), status=PENDING
        )
        .filter(~Q(kind=SELF))
        .values_list("reviewer_id", flat=True)
    ):
        counts[reviewer] = counts.get(reviewer, 0) + 1
    return counts
