"""The trainer's debrief of a serious game: who finished, which endings, which choices, where
learners stop."""

from __future__ import annotations

from django.utils.safestring import mark_safe

from spoc_xblocks.common.rendering import html_id, render_template

from . import api
from .logic.debrief_figures import debrief_figures
from .logic.heatmap import heat_map_svg
from .svg import path_diagram_svg, svg_labels
from .workflow import best_for, load_scenario, points_text


def score_basis(scenario, grading_mode: str, best_total: float) -> dict:
    """How a run's score is computed, for the debrief: the mode, the best total and the endings
    whose path minimum raises a run ending there."""
    return {
        "mode": grading_mode,
        "best": points_text(best_total),
        "minimums": [
            {"title": node.title or node.id, "minimum": points_text(node.path_minimum)}
            for node in scenario.nodes
            if node.is_ending and node.path_minimum
        ],
    }


class TrainerMixin:
    """The debrief panel shown to trainers in the LMS, above their own try of the scenario."""

    def debrief_html(self) -> str:
        gettext = self.gettext
        scenario = load_scenario(self.scenario_xml)
        figures = debrief_figures(scenario, api.debrief_counts(self.usage_key))
        for screen in figures["screens"]:
            self._draw_heat_map(screen)
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
                "score_basis": score_basis(
                    scenario, self.grading_mode, best_for(self.scenario_xml).total
                ),
                "diagram": diagram,
                "outcome_labels": {
                    "success": gettext("Success"),
                    "partial": gettext("Partial"),
                    "failure": gettext("Failure"),
                },
                "export_url": self.runtime.handler_url(self, "export_runs"),
            },
        )

    def _draw_heat_map(self, screen: dict) -> None:
        """A screen's heat map over its screenshot (none without a screenshot or a click)."""
        node = screen["node"]
        screen["image_url"] = self.screen_image_url(node.screen.src) if node.screen else ""
        title = self.gettext("Where learners clicked on “{title}”: {count} clicks").format(
            title=screen["title"], count=screen["clicks"]
        )
        # Safe: heat_map_svg escapes every text it draws.
        screen["svg"] = mark_safe(heat_map_svg(node, screen["cells"], title))
