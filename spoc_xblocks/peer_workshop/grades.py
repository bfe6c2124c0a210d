"""Grades of a whole workshop: computed from its stored reviews (two queries whatever its size),
with their moderation items, and explained: the details stored when a grade is published and the
formula sentences the learner reads."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from spoc_xblocks.common import progress
from spoc_xblocks.common.collector import collector_paused
from spoc_xblocks.common.jobs import JobProgress, queue_job
from spoc_xblocks.common.numbers import percent_text
from spoc_xblocks.common.text import untranslated

from . import api
from .logic.grading import (
    BASIS_BLEND,
    BASIS_PEERS,
    BASIS_TRAINER,
    MEDIAN,
    PEER,
    Assessment,
    Grade,
    SubmissionScore,
    earned_points,
    workshop_grades,
)
from .logic.moderation import Item, ReviewFacts, moderation_queue
from .logic.phases import CLOSED
from .logic.rubric import Rubric, points_for
from .olx import rubric_from_xml
from .rules import GradingRules, grading_rules

# Reasons a slot left its reviewer that still count against their grade for reviewing.
MISSED = ("absent", "overdue", "expired")
# Grades sent to the gradebook per transaction by the publishing job.
GRADEBOOK_CHUNK = 10


@functools.lru_cache(maxsize=64)
def parse_rubric(rubric_xml: str) -> Rubric:
    return rubric_from_xml(rubric_xml)


def rubric_of(block) -> Rubric:
    """The block's rubric (parsed once per text); OlxError when the stored text is broken."""
    return parse_rubric(block.rubric_xml)


@dataclass(frozen=True)
class Computed:
    grades: dict[str, Grade]
    submissions: list
    reviews: list
    rules: GradingRules

    @property
    def results(self) -> dict[str, SubmissionScore]:
        return {learner: grade.submission for learner, grade in self.grades.items()}


def assessment(rubric: Rubric, row) -> Assessment:
    """A done review as the grade sees it: the trainer's levels replace the reviewer's when
    overridden."""
    given = points_for(rubric, row.options)
    counted = points_for(rubric, row.override_options) if row.override_options else given
    return Assessment(str(row.id), row.reviewer_id, row.kind, counted, given, row.excluded)


def expected_reviews(reviews) -> Counter:
    """Peer reviews each learner was given and did, still has, or missed (moved away because of
    them)."""
    return Counter(
        row.reviewer_id
        for row in reviews
        if row.kind == PEER
        and (row.status != api.reviews.WITHDRAWN or row.withdrawn_reason in MISSED)
    )


@dataclass(frozen=True)
class ReviewCounts:
    """Per learner: peer reviews given (missed ones included), done and missed, reviews received
    and flags on them."""

    given: Counter
    done: Counter
    missed: Counter
    received: Counter
    flags: Counter


def review_counts(reviews) -> ReviewCounts:
    done, missed, received, flags = Counter(), Counter(), Counter(), Counter()
    for row in reviews:
        if row.kind != PEER:
            continue
        if row.status == api.reviews.WITHDRAWN and row.withdrawn_reason in MISSED:
            missed[row.reviewer_id] += 1
        if row.done:
            done[row.reviewer_id] += 1
            received[row.author_id] += 1
            flags[row.author_id] += row.flagged
    return ReviewCounts(expected_reviews(reviews), done, missed, received, flags)


def compute_grades(block, submissions=None, reviews=None) -> Computed:
    usage_key = block.usage_key
    rubric = rubric_of(block)
    rules = grading_rules(block)
    submissions = api.submissions.all_submissions(usage_key) if submissions is None else submissions
    reviews = api.reviews.all_reviews(usage_key) if reviews is None else reviews
    by_author = {row.learner_id: [] for row in submissions}
    for row in reviews:
        if row.done and row.kind != api.reviews.SELF and row.author_id in by_author:
            by_author[row.author_id].append(assessment(rubric, row))
    overrides = {
        row.learner_id: row.grade_override for row in submissions if row.grade_override is not None
    }
    grades = workshop_grades(rubric, by_author, expected_reviews(reviews), rules.rules, overrides)
    return Computed(grades, submissions, reviews, rules)


def open_items(
    block, computed: Computed, review_closed: bool, resolved: dict[str, str] | None = None
) -> list[Item]:
    """The moderation queue: items the trainer has not dealt with yet (`resolved`: the trainer's
    decisions, when read already)."""
    rubric = rubric_of(block)
    facts = {}
    for row in computed.reviews:
        if row.done and row.kind != api.reviews.SELF:
            facts.setdefault(row.author_id, []).append(
                ReviewFacts(
                    str(row.id),
                    row.reviewer_id,
                    row.kind,
                    points_for(rubric, row.options),
                    row.comment_length,
                    row.flagged,
                    row.excluded or bool(row.override_options),
                )
            )
    authors = [row.learner_id for row in computed.submissions if row.grade_override is None]
    if resolved is None:
        resolved = api.grades.decisions(block.usage_key)
    return moderation_queue(
        rubric, facts, authors, computed.rules.moderation(review_closed), resolved
    )


# ---- publishing ----------------------------------------------------------------------------------


def workshop_points(block) -> int:
    """The workshop's weight: its whole points in the gradebook (the LMS applies no weight to its
    scores)."""
    return max(0, round(block.weight or 0))


@collector_paused()
def publish_grades(block, now: datetime, submissions=None, reviews=None) -> list[str]:
    """Compute every grade, store those that changed and their learners' progress, and queue their
    delivery to the gradebook; return the learners whose grade changed.

    The request does a fixed number of queries whatever the cohort; the gradebook's scores, one
    edx-submissions call per learner, go out from a worker (`send_grades_to_gradebook`). Given the
    workshop's submissions and reviews just read, it does not read them again."""
    usage_key = block.usage_key
    computed = compute_grades(block, submissions, reviews)
    rubric = rubric_of(block)
    overrides = {row.learner_id: row.override_reason for row in computed.submissions}
    grades = {
        learner: (
            grade.value,
            grade_details(rubric, grade, computed.rules, overrides.get(learner, "")),
        )
        for learner, grade in computed.grades.items()
    }
    changed = api.grades.publish(usage_key, grades, now, workshop_points(block))
    progress.record_done(
        block.course_key,
        usage_key,
        block.block_type,
        {learner: grades[learner][0] for learner in changed if grades[learner][0] is not None},
        block_name=block.display_name,
    )
    api.workshop.mark(usage_key, published_at=now)
    block.publish_event("grades_published", {"changed": len(changed)})
    if changed:
        queue_job(block, send_grades_to_gradebook, total=len(changed))
    return changed


def send_grades_to_gradebook(block, job: JobProgress) -> None:
    """The job behind `publish_grades`: every grade still waiting goes to the gradebook, a chunk
    per transaction (its scores, its marks and the job's count commit together)."""
    waiting = api.grades.waiting_for_gradebook(block.usage_key)
    job.start(len(waiting))
    if not waiting:
        return
    uuids = api.submissions.submission_uuids(block.usage_key)
    for start in range(0, len(waiting), GRADEBOOK_CHUNK):
        with transaction.atomic():
            sent = api.grades.deliver(
                block.course_key, block.usage_key, waiting[start : start + GRADEBOOK_CHUNK], uuids
            )
            job.advance(sent)


def republish_if_closed(block, now: datetime) -> None:
    """After a change that moves grades: publish again when grades are already out."""
    if api.workshop.workshop_state(block.usage_key).phase == CLOSED:
        publish_grades(block, now)


# ---- a grade explained ---------------------------------------------------------------------------


def _round(value, digits: int = 2):
    return None if value is None else round(value, digits)


def grade_details(
    rubric: Rubric, grade: Grade, rules: GradingRules, override_reason: str = ""
) -> dict:
    """Everything the formula shows, as JSON-ready data (stored with the published grade)."""
    result = grade.submission
    labels = {criterion.name: criterion.label for criterion in rubric.criteria}
    return {
        "basis": result.basis,
        "aggregation": rules.rules.aggregation,
        "peer_share": _round(result.peer_share),
        "criteria": [
            {
                "label": labels.get(score.name, score.name),
                "peers": list(score.peer_points),
                "peer_value": _round(score.peer_value),
                "trainer": score.trainer_value,
                "value": _round(score.value),
                "max": score.maximum,
            }
            for score in result.criteria
        ],
        "earned": _round(result.earned),
        "possible": result.possible,
        "submission": _round(result.fraction, 4),
        "reviewing": _round(grade.reviewing, 4),
        "reviewing_share": _round(grade.reviewing_share),
        "computed": _round(grade.computed, 4),
        "override": _round(grade.override, 4),
        "override_reason": override_reason,
        "value": _round(grade.value, 4),
    }


def percent(value, gettext=untranslated) -> str:
    """A fraction (0.7) as a whole percentage in the viewer's language ("70%", "70 %")."""
    return "" if value is None else percent_text(round(value * 100), gettext)


def _number(value) -> str:
    if value is None:
        return "–"
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def formula(details: dict, gettext, points: int | None = None) -> dict:
    """The table rows and sentences that explain a grade, translated; with the workshop's `points`,
    what the grade counts for in the course grade."""
    aggregation = gettext("median") if details["aggregation"] == MEDIAN else gettext("mean")
    rows = [
        {
            "label": item["label"],
            "peers": ", ".join(_number(value) for value in item["peers"]) or "–",
            "peer_value": _number(item["peer_value"]),
            "trainer": _number(item["trainer"]),
            "value": _number(item["value"]),
            "max": item["max"],
        }
        for item in details["criteria"]
    ]
    sentences = []
    basis, share = details["basis"], details["peer_share"] or 0
    if basis == BASIS_BLEND:
        sentences.append(
            gettext(
                "Each criterion: {peers} the {aggregation} of your peers' scores, plus {trainer} "
                "the trainer's score."
            ).format(
                peers=percent(share, gettext),
                aggregation=aggregation,
                trainer=percent(1 - share, gettext),
            )
        )
    elif basis == BASIS_PEERS:
        sentences.append(
            gettext("Each criterion: the {aggregation} of your peers' scores.").format(
                aggregation=aggregation
            )
        )
    elif basis == BASIS_TRAINER:
        sentences.append(gettext("Each criterion: the trainer's score."))
    if details["submission"] is not None:
        sentences.append(
            gettext("Your work: {earned} of {possible} points, {percent}.").format(
                earned=_number(details["earned"]),
                possible=details["possible"],
                percent=percent(details["submission"], gettext),
            )
        )
    if details["reviewing_share"]:
        sentences.append(
            gettext(
                "Your reviews were {accuracy} close to the final scores of the work you reviewed."
            ).format(accuracy=percent(details["reviewing"], gettext))
        )
        sentences.append(
            gettext(
                "Grade: {work_share} × {work} + {review_share} × {reviewing} = {grade}."
            ).format(
                work_share=percent(1 - details["reviewing_share"], gettext),
                work=percent(details["submission"], gettext),
                review_share=percent(details["reviewing_share"], gettext),
                reviewing=percent(details["reviewing"], gettext),
                grade=percent(details["computed"], gettext),
            )
        )
    if details["override"] is not None:
        sentences.append(
            gettext("The trainer set your grade to {grade}.").format(
                grade=percent(details["override"], gettext)
            )
        )
    if points and details["value"] is not None:
        sentences.append(
            gettext("In the course grade: {earned} of {points} points.").format(
                earned=earned_points(details["value"], points), points=points
            )
        )
    return {
        "rows": rows,
        "sentences": sentences,
        "grade": percent(details["value"], gettext),
        "show_trainer": basis == BASIS_BLEND or basis == BASIS_TRAINER,
        "show_peers": basis in (BASIS_BLEND, BASIS_PEERS),
        "override_reason": details["override_reason"],
    }
