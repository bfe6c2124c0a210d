"""What the coach gives to download: the dashboard and the KPIs as CSV for trainers, and a booked
one-to-one as an iCalendar file."""

from __future__ import annotations

import hashlib
from itertools import chain

from django.utils import timezone
from webob import Response
from xblock.core import XBlock

from spoc_xblocks.common.csv_export import csv_response
from spoc_xblocks.common.handlers import error_response, trainer_only_response
from spoc_xblocks.common.payloads import id_from_suffix
from spoc_xblocks.common.text import _

from . import api, workflow
from .logic.cohort import CHECKIN_VERB, REVIEW_VERB
from .logic.ics import Event, calendar
from .logic.levels import RESULTS
from .logic.phrases import followed_text, labelled_points, reasons_text
from .trainer_levels import level_figures, level_rows, named_benefits

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


def _learner_rows(snapshot: workflow.CohortSnapshot, gettext, ngettext):
    names = snapshot.usernames  # the roster's; looking each learner up would cost a query per row
    for row in snapshot.view.rows:
        flag = snapshot.flags.get(row.learner_id) or {}
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
            followed_text(flag, row.last_activity, snapshot.now, gettext, ngettext) if flag else "",
        ]


def _kpi_rows(figures: dict, gettext):
    completion, active = figures["completion"], figures["active"]
    yield [
        "completion",
        "learners who finished every block so far (blocks still open left out)",
        completion["completed"],
        completion["learners"],
    ]
    yield ["completion", "average progress percent", completion["average_progress"], 100]
    yield [
        "active_this_week",
        "learners active in the last 7 days",
        active["active"],
        active["learners"],
    ]
    for row in figures["participation"]:
        yield ["participation", f"{row['verb']}: learners", row["learners"], active["learners"]]
        yield ["participation", f"{row['verb']}: total", row["total"], ""]
    for point in labelled_points(figures["sticking"], gettext):
        label = point["label"]
        yield [
            "sticking_point",
            f"{label}: started, not finished, no longer open",
            point["stuck"],
            point["started"],
        ]
        yield ["sticking_point", f"{label}: still open", point["in_progress"], point["started"]]
        yield [
            "sticking_point",
            f"{label}: inactive learners who stopped here",
            point["stopped_here"],
            point["stuck"],
        ]
    if figures["satisfaction"]:
        yield ["satisfaction", "responses", figures["satisfaction"]["responses"], ""]
        yield ["satisfaction", "average percent", figures["satisfaction"]["average_percent"], 100]
        yield ["satisfaction", "net promoter score", figures["satisfaction"]["nps"], 100]
    for item in (figures["skills"] or {}).get("competencies", []):
        for key, out_of in (
            ("before_average", 5),
            ("after_average", 5),
            ("delta_average", ""),
            ("delta_spread", ""),
        ):
            yield ["skills", f"{item['label'] or item['id']}: {key}", item[key], out_of]
    followup = figures["followup"]
    yield ["follow_up", "learners contacted", followup["contacted"], ""]
    yield [
        "follow_up",
        "active again after contact",
        followup["active_again"],
        followup["contacted"],
    ]
    yield ["follow_up", "median days to come back", followup["median_days"], ""]


def _uid(usage_key: str, slot_id: int) -> str:
    digest = hashlib.sha256(f"{usage_key}:{slot_id}".encode()).hexdigest()[:24]
    return f"{digest}-{slot_id}@spoc-xblocks"


class ExportsMixin:
    """Downloads: plain handlers answering a file."""

    @XBlock.handler
    def export_learners(self, request, suffix=""):
        """The dashboard as CSV: one row per learner with the figures, the reasons in words and
        what followed the flag."""
        refused = trainer_only_response(self)
        if refused is not None:
            return refused
        snapshot = workflow.read_cohort(self, timezone.now())
        rows = _learner_rows(snapshot, self.gettext, self.ngettext)
        return csv_response("spoc-cohort-learners.csv", HEADER, rows)

    @XBlock.handler
    def export_kpis(self, request, suffix=""):
        """Every KPI as CSV rows: measure, detail, value, out of; then the four evaluation
        levels, with the benefits learners reported by name."""
        refused = trainer_only_response(self)
        if refused is not None:
            return refused
        snapshot = workflow.read_cohort(self, timezone.now())
        figures = workflow.kpi_figures(self, snapshot)
        levels = level_figures(snapshot, figures)
        benefits = named_benefits(self, snapshot, levels[RESULTS])
        return csv_response(
            "spoc-kpis.csv",
            ["measure", "detail", "value", "out_of"],
            chain(_kpi_rows(figures, self.gettext), level_rows(levels, benefits)),
        )

    @XBlock.handler
    def meeting_ics(self, request, suffix=""):
        """A slot as an iCalendar file, for the learner who booked it and for trainers."""
        gettext = self.gettext
        slot_id = id_from_suffix(suffix)
        try:
            slot = api.slot(self.usage_key, slot_id) if slot_id is not None else None
        except api.NotFound:
            slot = None
        if slot is None:
            return error_response(self, 404, _("This slot no longer exists."))
        viewer = self.viewer
        if not viewer.is_trainer and slot["learner_id"] != viewer.anonymous_id:
            return error_response(
                self, 403, _("Only the learner who booked this slot can download it.")
            )
        event = Event(
            uid=_uid(self.usage_key, slot["id"]),
            start=slot["starts"],
            end=slot["ends"],
            summary=gettext("One-to-one with your trainer: {course}").format(
                course=self.display_name
            ),
            description=gettext("A one-to-one meeting booked in the course."),
            location=slot["where"],
        )
        return Response(
            body=calendar([event], timezone.now()).encode("utf-8"),
            content_type="text/calendar",
            charset="utf-8",
            content_disposition=f'attachment; filename="one-to-one-{slot["id"]}.ics"',
        )
