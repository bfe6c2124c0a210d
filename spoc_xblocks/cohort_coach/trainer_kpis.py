"""The SPOC's KPIs for the trainer: numbers, small SVG charts each with its table, and a CSV export."""

from __future__ import annotations

from django.utils import timezone
from django.utils.safestring import mark_safe
from xblock.core import XBlock

from spoc_xblocks.common.charts import bar_chart_svg, diverging_bar_chart_svg
from spoc_xblocks.common.csv_export import csv_response
from spoc_xblocks.common.handlers import trainer_only_response
from spoc_xblocks.common.i18n import gettext_for
from spoc_xblocks.common.keys import course_key_for, usage_key_for
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.common.text import _

from . import api
from .logic import kpis
from .logic.cohort import CHECKIN_VERB, REVIEW_VERB
from .workflow import CohortSnapshot, read_cohort

BLOCK_LABELS = {
    "spoc_serious_game": _("Serious game"),
    "spoc_peer_workshop": _("Peer workshop"),
    "spoc_pulse": _("Pulse survey"),
    "spoc_skills_check": _("Skills check"),
}
SKILL_SCALE = 4  # a 1-5 self-assessment moves by 4 at most


def engagement_figures(name: str, course_key: str) -> dict | None:
    """Satisfaction or skills delta from the engagement widgets, when that package offers them."""
    try:
        from spoc_xblocks.engagement import api as engagement_api
    except ImportError:
        return None
    read = getattr(engagement_api, name, None)
    return read(course_key) if read else None


def block_label(point: dict, gettext) -> str:
    """A block's kind and its display name; for rows written before blocks recorded their name, a short part of
    its key ("block@<id>" in the LMS, the scenario slug in the workbench)."""
    usage_key, block_type = point["usage_key"], point["block_type"]
    kind = gettext(BLOCK_LABELS[block_type]) if block_type in BLOCK_LABELS else block_type
    short = usage_key.rsplit("@", 1)[-1] if "@" in usage_key else usage_key.split(".", 1)[0]
    return f"{kind} · {point.get('name') or short[:32]}"


def block_names(progress_rows: list[dict]) -> dict[str, str]:
    """The display name each block wrote last with its learners' progress."""
    names = {}
    for row in sorted(progress_rows, key=lambda row: row["updated"]):
        if row.get("block_name"):
            names[row["usage_key"]] = row["block_name"]
    return names


def kpi_figures(block, snapshot: CohortSnapshot) -> dict:
    ids, now = snapshot.learner_ids, snapshot.now
    course_key = course_key_for(block)
    names = block_names(snapshot.progress_rows)
    return {
        "completion": kpis.completion(ids, snapshot.progress_rows),
        "active": kpis.active_this_week(ids, snapshot.activity, now),
        "participation": kpis.participation(ids, snapshot.exchanges),
        "sticking": [
            {**point, "name": names.get(point["usage_key"], "")}
            for point in kpis.sticking_points(
                ids,
                snapshot.progress_rows,
                snapshot.activity,
                now,
                block.thresholds().inactive_days,
            )
        ],
        "satisfaction": kpis.satisfaction(engagement_figures("satisfaction", course_key)),
        "skills": kpis.skills_delta(engagement_figures("skills_delta", course_key)),
        "followup": kpis.interventions(
            api.contacted_flags(usage_key_for(block)), snapshot.activity, now
        ),
    }


class KpisMixin:
    """The KPI section of the dashboard and its CSV."""

    def _verb_labels(self) -> dict:
        gettext = gettext_for(self)
        return {CHECKIN_VERB: gettext("Check-ins"), REVIEW_VERB: gettext("Peer reviews")}

    def kpis_html(self, snapshot: CohortSnapshot) -> str:
        gettext = gettext_for(self)
        figures = kpi_figures(self, snapshot)
        verbs = self._verb_labels()
        overview = [
            (gettext("Completed every block"), figures["completion"]["percent"] or 0),
            (gettext("Active this week"), figures["active"]["percent"] or 0),
        ]
        overview += [(verbs[row["verb"]], row["percent"] or 0) for row in figures["participation"]]
        sticking = [
            {**point, "label": block_label(point, gettext)} for point in figures["sticking"]
        ]
        context = {
            "block_id": html_id(self),
            "figures": figures,
            "sticking": sticking,
            "verbs": verbs,
            "overview_svg": mark_safe(
                bar_chart_svg(
                    overview,
                    100,
                    suffix=" %",
                    svg_id=html_id(self, "kpi-overview"),
                    title=gettext("The cohort at a glance"),
                    description=gettext(
                        "Share of learners, in percent, for each measure; the table gives the counts."
                    ),
                )
            ),
            "sticking_svg": mark_safe(
                bar_chart_svg(
                    [(point["label"], point["stuck"]) for point in sticking],
                    max([1] + [p["stuck"] for p in sticking]),
                    svg_id=html_id(self, "kpi-sticking"),
                    title=gettext("Where learners stop"),
                    description=gettext(
                        "Learners who started each block and have not finished it."
                    ),
                )
            )
            if sticking
            else "",
            "csv_url": self.runtime.handler_url(self, "export_kpis"),
        }
        if figures["satisfaction"] and figures["satisfaction"]["average_percent"] is not None:
            context["satisfaction_svg"] = mark_safe(
                bar_chart_svg(
                    [(gettext("Average satisfaction"), figures["satisfaction"]["average_percent"])],
                    100,
                    suffix=" %",
                    svg_id=html_id(self, "kpi-satisfaction"),
                    title=gettext("Satisfaction from the pulse surveys"),
                    description=gettext(
                        "Average answer, as a percentage of the best possible answer."
                    ),
                )
            )
        if figures["skills"]:
            competencies = figures["skills"]["competencies"]
            context["skills_svg"] = mark_safe(
                diverging_bar_chart_svg(
                    [
                        (item["label"] or item["id"], item["delta_average"] or 0)
                        for item in competencies
                    ],
                    SKILL_SCALE,
                    spreads=[item["delta_spread"] or 0 for item in competencies],
                    svg_id=html_id(self, "kpi-skills"),
                    title=gettext("Skills: average change from before to after"),
                    description=gettext(
                        "Average change per competency on the 1 to 5 scale, with its spread."
                    ),
                )
            )
        return render_template(self, "templates/trainer_kpis.html", context)

    @XBlock.handler
    def export_kpis(self, request, suffix=""):
        """Every KPI as CSV rows: measure, detail, value, out of."""
        refused = trainer_only_response(self)
        if refused is not None:
            return refused
        gettext = gettext_for(self)
        figures = kpi_figures(self, read_cohort(self, timezone.now()))
        return csv_response(
            "spoc-kpis.csv", ["measure", "detail", "value", "out_of"], _kpi_rows(figures, gettext)
        )


def _kpi_rows(figures: dict, gettext):
    completion, active = figures["completion"], figures["active"]
    yield [
        "completion",
        "learners who completed every block",
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
    for point in figures["sticking"]:
        label = block_label(point, gettext)
        yield [
            "sticking_point",
            f"{label}: started, not finished",
            point["stuck"],
            point["started"],
        ]
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
