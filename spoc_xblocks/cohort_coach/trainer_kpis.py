"""The KPI section of the trainer's dashboard: the SPOC's figures as numbers, and small SVG charts,
each with its table."""

from __future__ import annotations

from spoc_xblocks.common.charts import bar_chart_svg, diverging_bar_chart_svg
from spoc_xblocks.common.numbers import percent_text
from spoc_xblocks.common.rendering import html_id, render_template

from .logic.phrases import exchange_labels, labelled_points
from .trainer_levels import levels_html
from .workflow import CohortSnapshot, kpi_figures

SKILL_SCALE = 4  # a 1-5 self-assessment moves by 4 at most


def _overview_svg(block, figures: dict, verbs: dict) -> str:
    gettext = block.gettext
    bars = [
        (gettext("Finished every block so far"), figures["completion"]["percent"] or 0),
        (gettext("Active this week"), figures["active"]["percent"] or 0),
    ]
    bars += [(verbs[row["verb"]], row["percent"] or 0) for row in figures["participation"]]
    return bar_chart_svg(
        bars,
        100,
        written=lambda value: percent_text(value, gettext),
        svg_id=html_id(block, "kpi-overview"),
        title=gettext("The cohort at a glance"),
        description=gettext(
            "Share of learners, in percent, for each measure; the table gives the counts."
        ),
    )


def _sticking_svg(block, sticking: list[dict]) -> str:
    if not sticking:
        return ""
    return bar_chart_svg(
        [(point["label"], point["stuck"]) for point in sticking],
        max([1] + [point["stuck"] for point in sticking]),
        svg_id=html_id(block, "kpi-sticking"),
        title=block.gettext("Where learners stop"),
        description=block.gettext(
            "Learners who started each block and have not finished it, though it is no longer "
            "open for them; the table gives the full figures."
        ),
    )


def _satisfaction_svg(block, satisfaction: dict | None) -> str:
    if not satisfaction or satisfaction["average_percent"] is None:
        return ""
    gettext = block.gettext
    return bar_chart_svg(
        [(gettext("Average satisfaction"), satisfaction["average_percent"])],
        100,
        written=lambda value: percent_text(value, gettext),
        svg_id=html_id(block, "kpi-satisfaction"),
        title=gettext("Satisfaction from the pulse surveys"),
        description=gettext("Average answer, as a percentage of the best possible answer."),
    )


def _skills_svg(block, skills: dict | None) -> str:
    if not skills:
        return ""
    competencies = skills["competencies"]
    return diverging_bar_chart_svg(
        [(item["label"] or item["id"], item["delta_average"] or 0) for item in competencies],
        SKILL_SCALE,
        spreads=[item["delta_spread"] or 0 for item in competencies],
        svg_id=html_id(block, "kpi-skills"),
        title=block.gettext("Skills: average change from before to after"),
        description=block.gettext(
            "Average change per competency on the 1 to 5 scale, with its spread."
        ),
    )


def kpis_html(block, snapshot: CohortSnapshot) -> str:
    figures = kpi_figures(block, snapshot)
    verbs = exchange_labels(block.gettext)
    sticking = labelled_points(figures["sticking"], block.gettext)
    return render_template(
        block,
        "templates/trainer_kpis.html",
        {
            "block_id": html_id(block),
            "figures": figures,
            "sticking": sticking,
            "verbs": verbs,
            "overview_svg": _overview_svg(block, figures, verbs),
            "sticking_svg": _sticking_svg(block, sticking),
            "satisfaction_svg": _satisfaction_svg(block, figures["satisfaction"]),
            "skills_svg": _skills_svg(block, figures["skills"]),
            "csv_url": block.runtime.handler_url(block, "export_kpis"),
            "levels": levels_html(block, snapshot, figures),
        },
    )
