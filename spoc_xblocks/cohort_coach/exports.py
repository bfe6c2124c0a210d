"""The dashboard as CSV: one row per learner with the figures, the reasons in words and the flag's follow-up."""

from __future__ import annotations

from django.utils import timezone
from xblock.core import XBlock

from spoc_xblocks.common.csv_export import csv_response
from spoc_xblocks.common.handlers import trainer_only_response
from spoc_xblocks.common.i18n import gettext_for, ngettext_for

from .logic.cohort import CHECKIN_VERB, REVIEW_VERB
from .logic.phrases import reasons_text
from .workflow import read_cohort

HEADER = [
    "anonymous_user_id",
    "username",
    "last_activity",
    "interactions",
    "checkins_posted",
    "reviews_submitted",
    "checkin_periods_answered",
    "checkin_periods_expected",
    "checkins_missed_in_a_row",
    "confidence_trend",
    "self_reported_progress",
    "blocks_done",
    "blocks_total",
    "progress_percent",
    "serious_game_score",
    "workshop_score",
    "at_risk_reasons",
    "flag_status",
    "flag_opened",
    "flag_contacted",
    "what_followed",
]


def _iso(moment) -> str:
    return moment.isoformat() if moment else ""


class ExportsMixin:
    @XBlock.handler
    def export_learners(self, request, suffix=""):
        refused = trainer_only_response(self)
        if refused is not None:
            return refused
        gettext, ngettext = gettext_for(self), ngettext_for(self)
        snapshot = read_cohort(self, timezone.now())
        names = (
            snapshot.usernames
        )  # the roster's; a per-learner lookup would cost a query per row in the LMS

        def rows():
            for row in snapshot.view.rows:
                flag = snapshot.flags.get(row.learner_id) or {}
                followed = (
                    self._followed_text(flag, row.last_activity, snapshot.now, gettext, ngettext)
                    if flag
                    else ""
                )
                yield [
                    row.learner_id,
                    names.get(row.learner_id, ""),
                    _iso(row.last_activity),
                    row.interactions,
                    row.exchanges[CHECKIN_VERB],
                    row.exchanges[REVIEW_VERB],
                    row.regularity.posted,
                    row.regularity.expected,
                    row.regularity.missed_in_a_row,
                    " ".join("" if value is None else str(value) for value in row.confidences),
                    row.latest_progress_answer,
                    row.blocks_done,
                    row.blocks_total,
                    row.progress_percent,
                    row.game_score,
                    row.workshop_score,
                    "; ".join(reasons_text(row.reasons, gettext, ngettext)),
                    flag.get("status", ""),
                    _iso(flag.get("opened_at")),
                    _iso(flag.get("contacted_at")),
                    followed,
                ]

        return csv_response("spoc-cohort-learners.csv", HEADER, rows())
