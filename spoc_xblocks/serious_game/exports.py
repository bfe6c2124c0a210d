"""The serious game's CSV export for trainers: every run, one row each."""

from __future__ import annotations

from xblock.core import XBlock

from spoc_xblocks.common.csv_export import csv_response
from spoc_xblocks.common.handlers import trainer_only_response
from spoc_xblocks.common.roster import name_finder

from . import api
from .workflow import load_scenario


class ExportsMixin:
    """The runs as CSV, for the trainer's own analysis."""

    @XBlock.handler
    def export_runs(self, request, suffix=""):
        """Every run as CSV: anonymous id and username (a trainer follows each person), attempt,
        status, path, ending, outcome, score, points, times."""
        refused = trainer_only_response(self)
        if refused is not None:
            return refused
        scenario = load_scenario(self.scenario_xml)
        competencies = [competency.id for competency in scenario.competencies]
        header = [
            "anonymous_user_id",
            "username",
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

        name = name_finder(self)

        def rows():
            for run in api.export_runs(self.usage_key):
                yield [
                    run["learner_id"],
                    name(run["learner_id"]),
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
