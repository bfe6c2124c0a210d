"""One row per learner for the trainer's dashboard, built from what the blocks recorded (pure: plain
data in and out).

Inputs are the cohort reads (activity, exchange counts, progress rows across the SPOC blocks,
check-in summaries), each fetched once for the whole cohort; this module joins them per learner,
derives the rule signals and applies the rules.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from .periods import Cadence, Regularity, first_expected_period, regularity
from .rules import Cohort, Reason, Signals, Thresholds, at_risk_reasons, cohort_figures

COACH = "spoc_cohort_coach"
GAME = "spoc_serious_game"
WORKSHOP = "spoc_peer_workshop"
SCORED_TYPES = (GAME, WORKSHOP)
CHECKIN_VERB = "checkin_posted"
REVIEW_VERB = "review_submitted"
EXCHANGE_VERBS = (CHECKIN_VERB, REVIEW_VERB)
TREND_LENGTH = 6  # check-ins drawn in the confidence sparkline


@dataclass(frozen=True)
class CheckinSummary:
    """A learner's check-ins in this block: how many periods answered, the first and last, recent
    answers."""

    periods: int = 0
    first_period: int | None = None
    last_period: int | None = None
    first_created: datetime | None = None
    recent: tuple[dict, ...] = ()  # {"period", "confidence", "progress"}, oldest first


@dataclass(frozen=True)
class CohortInputs:
    learner_ids: list[str]
    activity: dict[str, dict]
    exchanges: dict[str, dict[str, int]]
    progress_rows: list[dict]
    checkins: dict[str, CheckinSummary]
    cadence: Cadence
    now: datetime


@dataclass(frozen=True)
class LearnerRow:
    learner_id: str
    last_activity: datetime | None
    interactions: int
    exchanges: dict[str, int]
    regularity: Regularity
    confidences: tuple[int | None, ...]
    latest_progress_answer: int | None
    blocks_done: int
    blocks_total: int
    game_score: int | None
    workshop_score: int | None
    signals: Signals
    reasons: list[Reason] = field(default_factory=list)

    @property
    def progress_percent(self) -> int | None:
        return self.signals.progress_percent


@dataclass(frozen=True)
class CohortView:
    rows: list[LearnerRow]
    cohort: Cohort
    blocks_total: int
    current_period: int


def _percent(part: float, whole: float) -> int | None:
    return round(100 * part / whole) if whole else None


def _average_percent(scores: list[float]) -> int | None:
    return round(100 * sum(scores) / len(scores)) if scores else None


def block_name(row: dict) -> str:
    """A block's display name as its progress row recorded it; for rows written before blocks
    recorded their name, a short part of its key ("block@<id>" in the LMS, the scenario slug in
    the workbench)."""
    if row.get("block_name"):
        return row["block_name"]
    usage_key = row["usage_key"]
    short = usage_key.rsplit("@", 1)[-1] if "@" in usage_key else usage_key.split(".", 1)[0]
    return short[:32]


def _progress_by_learner(rows: list[dict], now: datetime):
    """Per learner: blocks done, scores by block type, overdue block names (workshops, others);
    and the SPOC blocks of the course."""
    blocks = set()
    done, scores = defaultdict(int), defaultdict(lambda: defaultdict(list))
    overdue = defaultdict(lambda: ([], []))
    for row in rows:
        if row["block_type"] == COACH:
            continue
        blocks.add(row["usage_key"])
        learner = row["learner_id"]
        if row["state"] == "done":
            done[learner] += 1
            if row["score"] is not None and row["block_type"] in SCORED_TYPES:
                scores[learner][row["block_type"]].append(row["score"])
        elif row["due"] is not None and row["due"] < now:
            overdue[learner][0 if row["block_type"] == WORKSHOP else 1].append(block_name(row))
    return blocks, done, scores, overdue


def _course_began(inputs: CohortInputs) -> datetime | None:
    """When the cohort's work began: the author's start date, else the earliest thing anyone did."""
    if inputs.cadence.starts_at_anchor:
        return inputs.cadence.anchor
    moments = [row["updated"] for row in inputs.progress_rows if row.get("updated")]
    moments += [row["done_at"] for row in inputs.progress_rows if row.get("done_at")]
    moments += [
        item["last_activity"] for item in inputs.activity.values() if item.get("last_activity")
    ]
    moments += [
        summary.first_created for summary in inputs.checkins.values() if summary.first_created
    ]
    return min(moments) if moments else None


def cohort_view(inputs: CohortInputs, limits: Thresholds) -> CohortView:
    """Every learner's row with its at-risk reasons, and the cohort figures the rules compared them
    with."""
    now, cad = inputs.now, inputs.cadence
    current = cad.period_of(now)
    firsts = [
        summary.first_period
        for summary in inputs.checkins.values()
        if summary.first_period is not None
    ]
    first_expected = first_expected_period(cad, min(firsts) if firsts else None, current)
    blocks, done, scores, overdue = _progress_by_learner(inputs.progress_rows, now)
    partial = []
    for learner in inputs.learner_ids:
        summary = inputs.checkins.get(learner, CheckinSummary())
        activity = inputs.activity.get(learner) or {}
        last = activity.get("last_activity")
        recent = list(summary.recent)
        posted_current = any(item["period"] == current for item in recent)
        regular = regularity(
            summary.periods, summary.last_period, posted_current, first_expected, current
        )
        game = _average_percent(scores[learner][GAME])
        workshop = _average_percent(scores[learner][WORKSHOP])
        signals = Signals(
            learner_id=learner,
            days_inactive=(now - last).days if last else None,
            interactions=activity.get("interactions", 0),
            confidences=tuple(
                item["confidence"] for item in recent if item["confidence"] is not None
            ),
            missed_in_a_row=regular.missed_in_a_row,
            progress_percent=_percent(done[learner], len(blocks)),
            score_percent=_average_percent(scores[learner][GAME] + scores[learner][WORKSHOP]),
            overdue_workshops=len(overdue[learner][0]),
            overdue_other=len(overdue[learner][1]),
            overdue_workshop_names=tuple(sorted(overdue[learner][0])),
            overdue_other_names=tuple(sorted(overdue[learner][1])),
        )
        partial.append(
            {
                "learner_id": learner,
                "last_activity": last,
                "interactions": signals.interactions,
                "exchanges": {
                    verb: inputs.exchanges.get(learner, {}).get(verb, 0) for verb in EXCHANGE_VERBS
                },
                "regularity": regular,
                "confidences": tuple(item["confidence"] for item in recent[-TREND_LENGTH:]),
                "latest_progress_answer": next(
                    (item["progress"] for item in reversed(recent) if item["progress"] is not None),
                    None,
                ),
                "blocks_done": done[learner],
                "blocks_total": len(blocks),
                "game_score": game,
                "workshop_score": workshop,
                "signals": signals,
            }
        )
    began = _course_began(inputs)
    cohort = cohort_figures(
        [fields["signals"] for fields in partial], (now - began).days if began else None
    )
    # Each row is made once, with its reasons: the rules compare a learner with the whole cohort.
    rows = [
        LearnerRow(**fields, reasons=at_risk_reasons(fields["signals"], cohort, limits))
        for fields in partial
    ]
    return CohortView(rows=rows, cohort=cohort, blocks_total=len(blocks), current_period=current)
