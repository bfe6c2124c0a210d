"""Grades and moderation items of a whole workshop, from its stored reviews (two queries whatever its size)."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass

from spoc_xblocks.common.keys import usage_key_for

from . import api
from .config import GradingRules, grading_rules
from .logic.grading import PEER, Assessment, Grade, SubmissionScore, workshop_grades
from .logic.moderation import Item, ReviewFacts, moderation_queue
from .logic.rubric import Rubric, points_for
from .rubric_olx import rubric_from_xml

# Reasons a slot left its reviewer that still count against their grade for reviewing.
MISSED = ("absent", "overdue", "expired")


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
    """A done review as the grade sees it: the trainer's levels replace the reviewer's when overridden."""
    given = points_for(rubric, row.options)
    counted = points_for(rubric, row.override_options) if row.override_options else given
    return Assessment(str(row.id), row.reviewer_id, row.kind, counted, given, row.excluded)


def expected_reviews(reviews) -> Counter:
    """Peer reviews each learner was given and did, still has, or missed (moved away because of them)."""
    return Counter(
        row.reviewer_id
        for row in reviews
        if row.kind == PEER
        and (row.status != api.reviews.WITHDRAWN or row.withdrawn_reason in MISSED)
    )


def compute_grades(block, submissions=None, reviews=None) -> Computed:
    usage_key = usage_key_for(block)
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


def open_items(block, computed: Computed, review_closed: bool) -> list[Item]:
    """The moderation queue: items the trainer has not dealt with yet."""
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
    resolved = api.grades.decisions(usage_key_for(block))
    return moderation_queue(
        rubric, facts, authors, computed.rules.moderation(review_closed), resolved
    )
