"""The trainer's cohort heat map: learners × modules (the course's sections), each cell the
learner's progress and time there, as SVG with its table, 50 learners a page; a learner's name opens
their detail.

A cell's progress is the share of the module's blocks the learner completed: every block of the
course as the LMS records completions (the dashboard's progress through the course reads them),
or, where it does not record them, our blocks' progress rows mapped through the course outline.
"""

from __future__ import annotations

import json
from dataclasses import replace

from django.utils import timezone
from xblock.core import XBlock

from spoc_xblocks.common.csv_export import csv_response
from spoc_xblocks.common.handlers import spoc_handler, trainer_only_response
from spoc_xblocks.common.numbers import percent_text
from spoc_xblocks.common.payloads import Integer
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.module_time.outline import Outline, course_outline

from . import workflow
from .heatmap_svg import heatmap_svg
from .logic.cohort import COACH
from .logic.heatmap import (
    PAGE_SIZE,
    SHADES,
    Column,
    HeatPage,
    block_progress_by_module,
    completed_share_by_module,
    heat_page,
)
from .logic.kpis import block_names
from .trainer_progress import completion_tracking, read_course_progress
from .trainer_time import kept_cohort_time
from .workflow import CohortSnapshot

HEATMAP_SHAPE = {"page": Integer(minimum=1, maximum=100_000)}


def module_progress(block, snapshot: CohortSnapshot, outline: Outline, modules: list[str]):
    """{learner: {module key: 0..1}}: completions where the LMS records them; our blocks' rows
    where it does not, and for a block no module of the outline holds (its own column)."""
    learners = snapshot.learner_ids
    ours = block_progress_by_module(learners, snapshot.progress_rows, outline.parents, modules)
    if not completion_tracking(block):
        return ours
    counts = read_course_progress(block, snapshot).learners
    whole = completed_share_by_module(learners, counts, modules)
    return {learner: {**ours[learner], **whole[learner]} for learner in learners}


def _columns(outline: Outline, snapshot: CohortSnapshot, seconds: dict) -> list[Column]:
    """The outline's sections, then each block with progress or time that no section holds (every
    block, without an outline), as the time per module does."""
    sections = [module for module in outline.modules if module.kind == "section"]
    placed = {section.key for section in sections}
    names = block_names(snapshot.progress_rows)
    keys = {row["usage_key"] for row in snapshot.progress_rows if row["block_type"] != COACH}
    keys |= {key for times in seconds.values() for key in times}
    modules = {module.key for module in outline.modules}
    loose = sorted(key for key in keys - modules if not placed & set(outline.parents.get(key, ())))
    return [Column(module.key, module.name or module.block_id) for module in sections] + [
        Column(key, names.get(key) or key.rsplit("@", 1)[-1]) for key in loose
    ]


def heatmap_figures(
    block, snapshot: CohortSnapshot, page: int = 1, page_size: int = PAGE_SIZE
) -> HeatPage:
    """One page of the heat map, from the time per module and the course outline the dashboard
    keeps: no query of its own once the dashboard has read them."""
    seconds = kept_cohort_time(block, snapshot)["learners"]
    outline = course_outline(block.course_key) or Outline()
    columns = _columns(outline, snapshot, seconds)
    progress = module_progress(block, snapshot, outline, [column.key for column in columns])
    learners = [(learner, snapshot.usernames.get(learner, "")) for learner in snapshot.learner_ids]
    return heat_page(learners, columns, progress, seconds, page, page_size)


def cell_text(cell, gettext) -> str:
    """A cell as the table writes it: "40% · 12 min", or the minutes alone where nothing measures
    progress."""
    minutes = gettext("{minutes} min").format(minutes=cell.minutes)
    if cell.percent is None:
        return minutes
    return gettext("{progress} · {minutes}").format(
        progress=percent_text(cell.percent, gettext), minutes=minutes
    )


def _named(block, snapshot: CohortSnapshot, found: HeatPage) -> HeatPage:
    """The page with every learner named: the roster's names, else the user service's for the
    learners on this page only."""
    missing = [row.learner_id for row in found.rows if not row.name]
    if not missing:
        return found
    names = workflow.learner_names(block, missing, snapshot.usernames)
    rows = tuple(
        row if row.name else replace(row, name=names.get(row.learner_id) or row.learner_id[:8])
        for row in found.rows
    )
    return replace(found, rows=rows)


def heatmap_html(block, snapshot: CohortSnapshot, page: int = 1) -> str:
    """A page of the heat map, kept with the cohort (it changes with the cohort's figures)."""
    csv_url = block.runtime.handler_url(block, "export_heatmap")
    return snapshot.kept(
        ("heatmap", page, csv_url, block.module_time_estimates),
        lambda: _render(block, snapshot, page, csv_url),
    )


def _render(block, snapshot: CohortSnapshot, page: int, csv_url: str) -> str:
    gettext = block.gettext
    found = _named(block, snapshot, heatmap_figures(block, snapshot, page))
    first = (found.page - 1) * PAGE_SIZE
    return render_template(
        block,
        "templates/trainer_heatmap.html",
        {
            "block_id": html_id(block),
            "columns": found.columns,
            "rows": [
                {
                    "learner_id": row.learner_id,
                    "name": row.name,
                    "detail": json.dumps({"learner_id": row.learner_id}),
                    "cells": [cell_text(cell, gettext) for cell in row.cells],
                }
                for row in found.rows
            ],
            "page": found.page,
            "pages": found.pages,
            "learners": found.learners,
            "first": first + 1,
            "last": first + len(found.rows),
            "previous": json.dumps({"page": found.page - 1}) if found.page > 1 else "",
            "next": json.dumps({"page": found.page + 1}) if found.page < found.pages else "",
            "shades": SHADES,
            "csv_url": csv_url,
            "svg": heatmap_svg(
                found,
                svg_id=html_id(block, "heatmap"),
                title=gettext("Cohort heat map: progress and time per module"),
                description=gettext(
                    "A row per learner, a column per module: the darker the cell, the more of the "
                    "module's activities the learner has done; the number is their minutes there. "
                    "The table that follows gives the same figures."
                ),
            ),
        },
    )


def _csv_rows(found: HeatPage):
    for row in found.rows:
        cells = [(cell.percent, cell.minutes) for cell in row.cells]
        yield [row.learner_id, row.name, *(value for pair in cells for value in pair)]


class HeatmapMixin:
    """The heat map's pages and its download."""

    @XBlock.handler
    def export_heatmap(self, request, suffix=""):
        """The whole heat map as CSV: a row per learner, the progress percent (empty where nothing
        measures it) and the minutes of each module."""
        refused = trainer_only_response(self)
        if refused is not None:
            return refused
        snapshot = workflow.read_cohort(self, timezone.now())
        found = heatmap_figures(self, snapshot, 1, max(1, len(snapshot.learner_ids)))
        header = ["anonymous_user_id", "username"]
        for column in found.columns:
            header += [f"{column.name}: progress_percent", f"{column.name}: minutes"]
        return csv_response("spoc-cohort-heatmap.csv", header, _csv_rows(found))

    @spoc_handler(HEATMAP_SHAPE, trainer_only=True, writes=False)
    def heatmap_page(self, data, viewer):
        snapshot = workflow.read_cohort(self, timezone.now())
        return {"html": heatmap_html(self, snapshot, data["page"])}
