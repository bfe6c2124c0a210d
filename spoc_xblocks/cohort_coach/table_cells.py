"""The learner table's cells as text: every phrase translated in Python, so a page of fifty rows costs no
template translation tag per row."""

from __future__ import annotations

from django.utils.safestring import mark_safe

from spoc_xblocks.common.charts import sparkline_svg
from spoc_xblocks.common.times import days_ago_text, time_html

from .logic.cohort import CHECKIN_VERB, REVIEW_VERB, LearnerRow
from .logic.phrases import reasons_text


def table_labels(gettext) -> dict:
    """The phrases every row repeats."""
    return {
        "not_at_risk": gettext("not at risk"),
        "details": gettext("Details"),
        "no_answer": gettext("no answer"),
        "no_blocks": gettext("no blocks yet"),
        "cleared": gettext("its reasons no longer hold"),
    }


def _scores(row: LearnerRow, gettext) -> list[str]:
    lines = []
    if row.game_score is not None:
        lines.append(gettext("game {value} %").format(value=row.game_score))
    if row.workshop_score is not None:
        lines.append(gettext("workshop {value} %").format(value=row.workshop_score))
    return lines


def _progress(row: LearnerRow, gettext) -> str:
    if not row.blocks_total:
        return ""
    return gettext("{done} of {total} blocks ({percent} %)").format(
        done=row.blocks_done, total=row.blocks_total, percent=row.progress_percent
    )


def row_cells(row: LearnerRow, name: str, now, svg_id: str, gettext, ngettext) -> dict:
    """One learner's cells: activity, check-ins, confidence trend, progress, scores, exchanges, reasons."""
    confidences = [value for value in row.confidences if value is not None]
    missed = row.regularity.missed_in_a_row
    trend = ""
    if len(confidences) > 1:
        title = gettext("Confidence at the last check-ins: {values}").format(
            values=", ".join(map(str, confidences))
        )
        trend = mark_safe(sparkline_svg(list(row.confidences), 1, 5, title=title, svg_id=svg_id))
    return {
        "learner_id": row.learner_id,
        "name": name,
        "at_risk": bool(row.reasons),
        "last_activity_text": days_ago_text(row.last_activity, now, ngettext, gettext),
        "last_activity_html": time_html(row.last_activity),
        "regularity": gettext("{posted} of {expected}").format(
            posted=row.regularity.posted, expected=row.regularity.expected
        ),
        "missed": ngettext("{count} missed in a row", "{count} missed in a row", missed).format(
            count=missed
        )
        if missed
        else "",
        "trend_svg": trend,
        "confidence": gettext("{value}/5").format(value=confidences[-1]) if confidences else "",
        "progress": _progress(row, gettext),
        "self_progress": gettext("says {value} %").format(value=row.latest_progress_answer)
        if row.latest_progress_answer is not None
        else "",
        "scores": _scores(row, gettext),
        "exchanges": [
            gettext("check-ins: {count}").format(count=row.exchanges[CHECKIN_VERB]),
            gettext("reviews: {count}").format(count=row.exchanges[REVIEW_VERB]),
        ],
        "reasons": reasons_text(row.reasons, gettext, ngettext),
    }
