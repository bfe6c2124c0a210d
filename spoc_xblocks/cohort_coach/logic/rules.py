"""Explainable at-risk rules: absolute floors the author sets, plus comparison with the cohort's
median.

No training data and no score: each rule either holds, with the figures that make it hold (a
Reason), or does not. Every threshold is inclusive ("7 days" fires at 7) and 0 switches its rule
off. The rules that compare with peers wait until the cohort has MIN_PEERS learners, so they work
from the first week of a 15-learner SPOC without firing on a handful of early birds.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from statistics import median

MIN_PEERS = 5
# Below this median, "few interactions compared with the others" says nothing: everyone has few.
MIN_MEDIAN_INTERACTIONS = 5
CONFIDENCE_LOOKBACK = 3  # the latest confidence is compared with the highest of the 3 before it


@dataclass(frozen=True)
class Thresholds:
    inactive_days: int = 7
    missed_checkins: int = 2
    confidence_drop: int = 2
    confidence_floor: int = 1
    overdue_items: int = 1
    behind_points: int = 30
    participation_percent: int = 25
    score_floor: int = 25

    @classmethod
    def from_dict(cls, values: dict) -> Thresholds:
        """Thresholds from stored settings; unknown keys are ignored, missing ones take their
        defaults."""
        known = {item.name for item in fields(cls)}
        return cls(**{name: int(value) for name, value in (values or {}).items() if name in known})

    def as_dict(self) -> dict:
        return {item.name: getattr(self, item.name) for item in fields(self)}


@dataclass(frozen=True)
class Signals:
    """What the rules know of one learner; None means "no data yet", never zero."""

    learner_id: str
    days_inactive: int | None = None  # whole days since the last activity; None when never active
    interactions: int = 0
    confidences: tuple[int, ...] = ()  # recent check-ins, oldest first
    missed_in_a_row: int = 0
    progress_percent: int | None = None
    score_percent: int | None = None
    overdue_workshops: int = 0
    overdue_other: int = 0
    # The overdue blocks' names, so that each reason says which block it is about.
    overdue_workshop_names: tuple[str, ...] = ()
    overdue_other_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cohort:
    """The peer figures: medians over the cohort's learners, and how long the course has run."""

    learners: int
    progress_median: float | None
    interactions_median: float | None
    days_running: int | None = None


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict = field(default_factory=dict)


def _median(values) -> float | None:
    values = [value for value in values if value is not None]
    return float(median(values)) if values else None


def cohort_figures(signals: list[Signals], days_running: int | None = None) -> Cohort:
    return Cohort(
        learners=len(signals),
        progress_median=_median(item.progress_percent for item in signals),
        interactions_median=_median(item.interactions for item in signals),
        days_running=days_running,
    )


def _inactivity(item: Signals, cohort: Cohort, limits: Thresholds) -> list[Reason]:
    if not limits.inactive_days:
        return []
    if item.days_inactive is None:
        if cohort.days_running is not None and cohort.days_running >= limits.inactive_days:
            return [Reason("never_active", {"days": cohort.days_running})]
        return []
    if item.days_inactive >= limits.inactive_days:
        return [Reason("inactive", {"days": item.days_inactive})]
    return []


def _confidence(item: Signals, limits: Thresholds) -> list[Reason]:
    if not item.confidences:
        return []
    latest = item.confidences[-1]
    earlier = item.confidences[-1 - CONFIDENCE_LOOKBACK : -1]
    if limits.confidence_drop and earlier and max(earlier) - latest >= limits.confidence_drop:
        return [Reason("confidence_fell", {"before": max(earlier), "after": latest})]
    if limits.confidence_floor and latest <= limits.confidence_floor:
        return [Reason("confidence_low", {"value": latest})]
    return []


def _overdue(item: Signals, limits: Thresholds) -> list[Reason]:
    if (
        not limits.overdue_items
        or item.overdue_workshops + item.overdue_other < limits.overdue_items
    ):
        return []
    reasons = []
    for code, count, names in (
        ("overdue_workshop", item.overdue_workshops, item.overdue_workshop_names),
        ("overdue_work", item.overdue_other, item.overdue_other_names),
    ):
        if count:
            params = {"count": count, "blocks": ", ".join(names)} if names else {"count": count}
            reasons.append(Reason(code, params))
    return reasons


def _compared_with_peers(
    item: Signals, cohort: Cohort, limits: Thresholds, never_active: bool
) -> list[Reason]:
    if cohort.learners < MIN_PEERS:
        return []
    reasons = []
    progress_median = cohort.progress_median
    if (
        limits.behind_points
        and item.progress_percent is not None
        and progress_median is not None
        and progress_median - item.progress_percent >= limits.behind_points
    ):
        reasons.append(
            Reason(
                "behind_cohort", {"value": item.progress_percent, "median": round(progress_median)}
            )
        )
    interactions_median = cohort.interactions_median
    if (
        limits.participation_percent
        and not never_active
        and interactions_median is not None
        and interactions_median >= MIN_MEDIAN_INTERACTIONS
        and item.interactions * 100 <= interactions_median * limits.participation_percent
    ):
        reasons.append(
            Reason(
                "low_participation",
                {"value": item.interactions, "median": round(interactions_median)},
            )
        )
    return reasons


def at_risk_reasons(item: Signals, cohort: Cohort, limits: Thresholds) -> list[Reason]:
    """Every rule that holds for a learner, in a stable order; an empty list means not at risk."""
    reasons = _inactivity(item, cohort, limits)
    never_active = any(reason.code == "never_active" for reason in reasons)
    if limits.missed_checkins and item.missed_in_a_row >= limits.missed_checkins:
        reasons.append(Reason("missed_checkins", {"count": item.missed_in_a_row}))
    reasons += _confidence(item, limits)
    reasons += _overdue(item, limits)
    if (
        limits.score_floor
        and item.score_percent is not None
        and item.score_percent <= limits.score_floor
    ):
        reasons.append(
            Reason("low_score", {"value": item.score_percent, "floor": limits.score_floor})
        )
    reasons += _compared_with_peers(item, cohort, limits, never_active)
    return reasons
