"""The cohort coach's words in the viewer's language (pure: the caller passes its gettext and
ngettext): moods and confidence levels, flag and nudge states, at-risk reasons, what followed a
contact, and the phrases of the trainer's learner table and KPIs."""

from __future__ import annotations

from datetime import datetime

from spoc_xblocks.common.numbers import percent_text
from spoc_xblocks.common.text import _

from .cohort import CHECKIN_VERB, REVIEW_VERB, LearnerRow, block_name
from .followup import CONTACTED, OPEN, RESOLVED, what_followed

BLOCK_LABELS = {
    "spoc_serious_game": _("Serious game"),
    "spoc_peer_workshop": _("Peer workshop"),
    "spoc_pulse": _("Pulse survey"),
    "spoc_skills_check": _("Skills check"),
}


def mood_labels(gettext) -> dict:
    return {
        "great": gettext("Great"),
        "good": gettext("Good"),
        "okay": gettext("Okay"),
        "low": gettext("Low"),
        "struggling": gettext("Struggling"),
    }


def confidence_labels(gettext) -> dict:
    return {
        1: gettext("1 – not confident"),
        2: gettext("2 – a little"),
        3: gettext("3 – fairly"),
        4: gettext("4 – confident"),
        5: gettext("5 – very confident"),
    }


def flag_labels(gettext) -> dict:
    return {OPEN: gettext("Open"), CONTACTED: gettext("Contacted"), RESOLVED: gettext("Resolved")}


def nudge_labels(gettext) -> dict:
    return {
        "queued": gettext("waiting for their next visit"),
        "shown": gettext("seen"),
        "suppressed": gettext("not sent: active again since"),
    }


def exchange_labels(gettext) -> dict:
    return {CHECKIN_VERB: gettext("Check-ins"), REVIEW_VERB: gettext("Peer reviews")}


# Reasons whose figures are percentages, and which of their values are.
PERCENT_REASONS = ("behind_cohort", "low_score")
PERCENT_PARAMS = ("value", "median", "floor")


def reason_text(code: str, params: dict, gettext, ngettext) -> str:
    """One reason as a short phrase: "no activity for 8 days", "confidence fell from 4 to 2"."""
    count = params.get("count", params.get("days", params.get("value", 0)))
    texts = {
        "inactive": lambda: ngettext(
            "no activity for {count} day", "no activity for {count} days", count
        ),
        "never_active": lambda: ngettext(
            "no activity yet, {count} day after the start",
            "no activity yet, {count} days after the start",
            count,
        ),
        "missed_checkins": lambda: ngettext(
            "{count} check-in missed", "{count} check-ins missed", count
        ),
        "confidence_fell": lambda: gettext("confidence fell from {before} to {after}"),
        "confidence_low": lambda: gettext("confidence at {value} out of 5"),
        "overdue_workshop": lambda: (
            ngettext("workshop submission overdue", "{count} workshop submissions overdue", count)
            if "blocks" not in params
            else ngettext(
                "workshop overdue: {blocks}", "{count} workshops overdue: {blocks}", count
            )
        ),
        "overdue_work": lambda: (
            ngettext("{count} activity overdue", "{count} activities overdue", count)
            if "blocks" not in params
            else ngettext(
                "{count} activity overdue: {blocks}", "{count} activities overdue: {blocks}", count
            )
        ),
        "behind_cohort": lambda: gettext("progress {value} while the cohort's median is {median}"),
        "low_participation": lambda: ngettext(
            "{value} interaction while the cohort's median is {median}",
            "{value} interactions while the cohort's median is {median}",
            count,
        ),
        "low_score": lambda: gettext("average score {value}, at or below {floor}"),
    }
    text = texts.get(code)
    if text is None:
        return code
    if code in PERCENT_REASONS:
        params = {
            name: percent_text(value, gettext) if name in PERCENT_PARAMS else value
            for name, value in params.items()
        }
    return text().format(**{"count": count, **params})


def reasons_text(reasons, gettext, ngettext) -> list[str]:
    """Reasons given as Reason objects or stored dicts, in words."""
    return [
        reason_text(
            *(
                (reason.code, reason.params)
                if hasattr(reason, "code")
                else (reason["code"], reason["params"])
            ),
            gettext,
            ngettext,
        )
        for reason in reasons
    ]


def followed_text(flag: dict, last_activity: datetime | None, now: datetime, gettext, ngettext):
    """What followed the trainer's contact with a flagged learner ("" before any contact)."""
    outcome = what_followed(flag["contacted_at"], last_activity, now)
    if outcome is None:
        return ""
    if outcome.kind == "active_again":
        if outcome.days == 0:
            return gettext("active again the day of contact")
        return ngettext(
            "active again {count} day after contact",
            "active again {count} days after contact",
            outcome.days,
        ).format(count=outcome.days)
    return ngettext(
        "no activity since contact ({count} day)",
        "no activity since contact ({count} days)",
        outcome.days,
    ).format(count=outcome.days)


def table_labels(gettext) -> dict:
    """The phrases every row of the learner table repeats, translated once per page."""
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
        lines.append(gettext("game {value}").format(value=percent_text(row.game_score, gettext)))
    if row.workshop_score is not None:
        workshop = percent_text(row.workshop_score, gettext)
        lines.append(gettext("workshop {value}").format(value=workshop))
    return lines


def _progress(row: LearnerRow, gettext) -> str:
    if not row.blocks_total:
        return ""
    return gettext("{done} of {total} blocks ({percent})").format(
        done=row.blocks_done,
        total=row.blocks_total,
        percent=percent_text(row.progress_percent, gettext),
    )


def row_phrases(row: LearnerRow, gettext, ngettext) -> dict:
    """One learner's table cells in words: check-ins, confidence, progress, scores, exchanges and
    the reasons they are at risk."""
    confidences = [value for value in row.confidences if value is not None]
    missed = row.regularity.missed_in_a_row
    return {
        "learner_id": row.learner_id,
        "at_risk": bool(row.reasons),
        "regularity": gettext("{posted} of {expected}").format(
            posted=row.regularity.posted, expected=row.regularity.expected
        ),
        "missed": ngettext("{count} missed in a row", "{count} missed in a row", missed).format(
            count=missed
        )
        if missed
        else "",
        "confidence": gettext("{value}/5").format(value=confidences[-1]) if confidences else "",
        "progress": _progress(row, gettext),
        "self_progress": gettext("says {value}").format(
            value=percent_text(row.latest_progress_answer, gettext)
        )
        if row.latest_progress_answer is not None
        else "",
        "scores": _scores(row, gettext),
        "exchanges": [
            gettext("check-ins: {count}").format(count=row.exchanges[CHECKIN_VERB]),
            gettext("reviews: {count}").format(count=row.exchanges[REVIEW_VERB]),
        ],
        "reasons": reasons_text(row.reasons, gettext, ngettext),
    }


def block_label(point: dict, gettext) -> str:
    """A block's kind and its display name; for rows written before blocks recorded their name, a
    short part of its key ("block@<id>" in the LMS, the scenario slug in the workbench)."""
    block_type = point["block_type"]
    kind = gettext(BLOCK_LABELS[block_type]) if block_type in BLOCK_LABELS else block_type
    return f"{kind} · {block_name({'block_name': point.get('name'), **point})}"


def labelled_points(points: list[dict], gettext) -> list[dict]:
    """Each sticking point with its label: the block's kind and name, and, where two blocks share
    both, the end of its key, so that no two rows read alike."""
    labels = [block_label(point, gettext) for point in points]
    shared = {label for label in labels if labels.count(label) > 1}
    return [
        {
            **point,
            "label": f"{label} ({block_name({'usage_key': point['usage_key']})})"
            if label in shared
            else label,
        }
        for point, label in zip(points, labels, strict=True)
    ]
