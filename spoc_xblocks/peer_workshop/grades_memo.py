"""The workshop's grades, moderation queue and review counts as last computed for the trainer's
dashboard, kept in this process while nothing they were computed from changed.

Computing them reads every review of the workshop and scores each done one, which grows with the
cohort; a trainer moving between pages of the learner table, or coming back to the dashboard, would
compute the same thing again. Each computation is kept by block with a marker of what it read: the
reviews' and submissions' count and newest change (every write sets it, the models'
`MarkedQuerySet`, but a review's draft saved again, which nothing here reads), the trainer's
moderation decisions, the rubric and the grading rules.
It is reused while the marker is unchanged and under `MEMO_SECONDS` old, so the rare change a
marker can miss (writes committing out of order) shows at most that late. A trainer's own action is
in the marker the dashboard it answers with reads. Publishing grades never reads from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from ..common.process_memo import ProcessMemo
from . import api
from .grades import Computed, ReviewCounts, compute_grades, open_items, review_counts
from .logic.moderation import Item
from .rules import grading_rules

MEMO_SECONDS = 60
BLOCKS_KEPT = 16

GRADES = ProcessMemo(MEMO_SECONDS, BLOCKS_KEPT)


@dataclass(frozen=True)
class DashboardGrades:
    computed: Computed
    items: list[Item]
    counts: ReviewCounts


def dashboard_grades(block, review_closed: bool) -> DashboardGrades:
    """Every learner's grade, the open moderation items and the reviews each learner gave and got,
    as the dashboard shows them now."""
    usage_key = block.usage_key
    resolved = api.grades.decisions(usage_key)
    marker = (
        api.reviews.changes_marker(usage_key),
        api.submissions.changes_marker(usage_key),
        tuple(sorted(resolved.items())),
        block.rubric_xml,
        grading_rules(block),
        review_closed,
    )

    def compute() -> DashboardGrades:
        computed = compute_grades(block)
        return DashboardGrades(
            computed,
            open_items(block, computed, review_closed, resolved),
            review_counts(computed.reviews),
        )

    return GRADES.computed(usage_key, marker, timezone.now(), compute)
