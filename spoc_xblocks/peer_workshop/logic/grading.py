"""Grades: per criterion the median (or mean) of peer scores, blended with the trainer's; a grade
for reviewing.

Everything the learner is shown as "the formula" is in these results: the peer values and their
aggregate, the trainer's value, the weights actually used, the reviewing accuracy, the override if
any."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .rubric import Rubric

MEDIAN, MEAN = "median", "mean"
AGGREGATIONS = (MEDIAN, MEAN)
PEER, TRAINER, SELF = "peer", "trainer", "self"
# Which assessments a submission's grade rests on.
BASIS_BLEND, BASIS_PEERS, BASIS_TRAINER, BASIS_PENDING = "blend", "peers", "trainer", "pending"


@dataclass(frozen=True)
class Assessment:
    """A completed review. `points` count for the grade (after a trainer's override); `given` are
    the reviewer's."""

    key: str
    reviewer: str
    kind: str
    points: Mapping[str, float]
    given: Mapping[str, float] = field(default_factory=dict)
    excluded: bool = False

    @property
    def reviewer_points(self) -> Mapping[str, float]:
        return self.given or self.points


@dataclass(frozen=True)
class Rules:
    aggregation: str = MEDIAN
    peer_weight: float = 1.0  # share of peers in each criterion; the trainer has the rest
    reviewing_weight: float = 0.0  # share of the final grade that rewards accurate reviewing


@dataclass(frozen=True)
class CriterionScore:
    name: str
    peer_points: tuple[float, ...]
    peer_value: float | None
    trainer_value: float | None
    value: float
    maximum: int


@dataclass(frozen=True)
class SubmissionScore:
    criteria: tuple[CriterionScore, ...]
    basis: str
    peer_share: (
        float  # the weight of the peers actually used (1 when only peers, 0 when only the trainer)
    )
    earned: float
    possible: int

    @property
    def fraction(self) -> float | None:
        if self.basis == BASIS_PENDING or self.possible <= 0:
            return None
        return self.earned / self.possible


@dataclass(frozen=True)
class Grade:
    learner: str
    submission: SubmissionScore
    reviewing: float | None
    reviewing_share: float  # the weight of reviewing actually used
    computed: float | None
    override: float | None = None

    @property
    def value(self) -> float | None:
        return self.override if self.override is not None else self.computed


def aggregate(values: Sequence[float], how: str) -> float | None:
    if not values:
        return None
    return float(statistics.median(values) if how == MEDIAN else statistics.fmean(values))


def _basis(has_peers: bool, has_trainer: bool, peer_weight: float) -> tuple[str, float]:
    """Whose assessments count and the peers' share; no grade ever waits on a missing peer when the
    trainer assessed. When grades count peers only, the trainer assesses a piece of work only to
    settle it (from moderation, or in a peer's place), so their assessment decides its grade."""
    if peer_weight <= 0:
        return (BASIS_TRAINER, 0.0) if has_trainer else (BASIS_PENDING, 0.0)
    if has_trainer and (peer_weight >= 1 or not has_peers):
        return BASIS_TRAINER, 0.0
    if has_peers and has_trainer:
        return BASIS_BLEND, peer_weight
    if has_peers:
        return BASIS_PEERS, 1.0
    return BASIS_PENDING, 1.0


def score_submission(
    rubric: Rubric, assessments: Sequence[Assessment], rules: Rules
) -> SubmissionScore:
    peers = [item for item in assessments if item.kind == PEER and not item.excluded]
    trainer = next(
        (item for item in assessments if item.kind == TRAINER and not item.excluded), None
    )
    basis, peer_share = _basis(bool(peers), trainer is not None, rules.peer_weight)
    criteria = []
    for criterion in rubric.scored_criteria:
        peer_points = tuple(
            item.points[criterion.name] for item in peers if criterion.name in item.points
        )
        peer_value = (
            aggregate(peer_points, rules.aggregation)
            if basis in (BASIS_BLEND, BASIS_PEERS)
            else None
        )
        trainer_value = (
            trainer.points.get(criterion.name) if trainer is not None and peer_share < 1 else None
        )
        criteria.append(
            CriterionScore(
                criterion.name,
                peer_points,
                peer_value,
                trainer_value,
                _blend(peer_value, trainer_value, peer_share),
                criterion.max_points,
            )
        )
    earned = sum(item.value for item in criteria)
    return SubmissionScore(tuple(criteria), basis, peer_share, earned, rubric.max_points)


def _blend(peer_value: float | None, trainer_value: float | None, peer_share: float) -> float:
    if peer_value is None and trainer_value is None:
        return 0.0
    if peer_value is None:
        return float(trainer_value)
    if trainer_value is None:
        return peer_value
    return peer_share * peer_value + (1 - peer_share) * trainer_value


def review_accuracy(
    rubric: Rubric, assessment: Assessment, result: SubmissionScore
) -> float | None:
    """How close a review is to the score the submission received: 1 means the same level
    everywhere."""
    if result.basis == BASIS_PENDING:
        return None
    gaps = []
    given = assessment.reviewer_points
    for criterion, score in zip(rubric.scored_criteria, result.criteria):
        span = criterion.max_points - criterion.min_points
        if span > 0 and criterion.name in given:
            gaps.append(abs(given[criterion.name] - score.value) / span)
    return 1 - statistics.fmean(gaps) if gaps else None


def reviewing_score(accuracies: Sequence[float | None], expected: int) -> float | None:
    """Mean accuracy over the reviews a learner was given; a review they never did counts as 0."""
    counted = max(expected, len(accuracies))
    if counted <= 0:
        return None
    return sum(value for value in accuracies if value is not None) / counted


def final_grade(
    learner: str,
    result: SubmissionScore,
    reviewing: float | None,
    rules: Rules,
    override: float | None = None,
) -> Grade:
    fraction = result.fraction
    share = rules.reviewing_weight if reviewing is not None else 0.0
    computed = None if fraction is None else (1 - share) * fraction + share * (reviewing or 0.0)
    return Grade(learner, result, reviewing, share, computed, override)


def workshop_grades(
    rubric: Rubric,
    assessments_by_author: Mapping[str, Sequence[Assessment]],
    expected_reviews: Mapping[str, int],
    rules: Rules,
    overrides: Mapping[str, float] | None = None,
) -> dict[str, Grade]:
    """Every author's grade, from every completed review of the workshop (read in one go by the
    caller)."""
    overrides = overrides or {}
    results = {
        author: score_submission(rubric, items, rules)
        for author, items in assessments_by_author.items()
    }
    accuracies: dict[str, list] = {}
    for author, items in assessments_by_author.items():
        for item in items:
            if item.kind == PEER:
                accuracies.setdefault(item.reviewer, []).append(
                    review_accuracy(rubric, item, results[author])
                )
    grades = {}
    for author, result in results.items():
        reviewing = None
        if rules.reviewing_weight > 0:
            reviewing = reviewing_score(accuracies.get(author, []), expected_reviews.get(author, 0))
        grades[author] = final_grade(author, result, reviewing, rules, overrides.get(author))
    return grades


def earned_points(value: float, points: int) -> int:
    """A grade (0 to 1) as whole points out of `points`: edx-submissions stores whole points, and
    the LMS takes them as the block's weighted score."""
    return round(value * points)
