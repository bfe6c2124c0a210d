"""The trainer's debrief of a serious game: who finished, which endings, which choices, where learners stop."""

from __future__ import annotations

from django.utils.safestring import mark_safe
from xblock.core import XBlock

from spoc_xblocks.common.csv_export import csv_response
from spoc_xblocks.common.handlers import trainer_only_response
from spoc_xblocks.common.i18n import gettext_for
from spoc_xblocks.common.keys import usage_key_for
from spoc_xblocks.common.rendering import html_id, render_template

from . import api
from .logic.debrief_figures import debrief_figures
from .svg import path_diagram_svg, svg_labels
from .workflow import load_scenario


class DebriefMixin:
    """The debrief panel shown to trainers in the LMS, and the CSV export of runs."""

    def debrief_html(self) -> str:
        gettext = gettext_for(self)
        scenario = load_scenario(self.scenario_xml)
        figures = debrief_figures(scenario, api.debrief_counts(usage_key_for(self)))
        diagram = path_diagram_svg(
            scenario,
            figures["node_counts"],
            figures["edge_counts"],
            svg_labels(gettext),
            svg_id=html_id(self, "paths"),
        )
        return render_template(
            self,
            "templates/debrief.html",
            {
                "block_id": html_id(self),
                "figures": figures,
                "diagram": mark_safe(diagram),  # noqa: S308 - svg.py escapes every text it draws
                "outcome_labels": {
                    "success": gettext("Success"),
                    "partial": gettext("Partial"),
                    "failure": gettext("Failure"),
                },
                "export_url": self.runtime.handler_url(self, "export_runs"),
            },
        )

    @XBlock.handler
    def export_runs(self, request, suffix=""):
        """Every run as CSV: anonymous id, attempt, status, path, ending, outcome, score, points, times."""
        refused = trainer_only_response(self)
        if refused is not None:
            return refused
        scenario = load_scenario(self.scenario_xml)
        competencies = [competency.id for competency in scenario.competencies]
        header = [
            "anonymous_user_id",
            "attempt",
            "status",
            "path",
            "ending",
            "outcome",
            "score",
            *[f"points_{competency}" for competency in competencies],
            "started",
            "finished",
        ]

        def rows():
            for run in api.export_runs(usage_key_for(self)):
                yield [
                    run["learner_id"],
                    run["attempt"],
                    run["status"],
                    " > ".join(f"{node}:{choice}" for node, choice in run["path"]),
                    run["ending_id"],
                    run["outcome"],
                    "" if run["score"] is None else round(run["score"], 4),
                    *[(run["points"] or {}).get(competency, 0) for competency in competencies],
                    run["started"].isoformat(),
                    run["finished"].isoformat() if run["finished"] else "",
                ]

        return csv_response("serious-game-runs.csv", header, rows())
